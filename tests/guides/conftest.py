import pytest
from django.core.management import call_command


@pytest.fixture
def guides(db):
    call_command("load_guides")
