from django.conf import settings


def layout(request) -> dict:
    """What the base layout needs on every page."""
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}
