import pytest


@pytest.fixture
def without_nul_middleware(settings):
    """The forms refuse a NUL themselves, also where no middleware stands in front."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "wijkkracht.core.middleware.RefuseOddRequests"
    ]
