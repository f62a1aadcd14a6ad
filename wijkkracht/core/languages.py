"""Choosing the language: from the browser on a first visit, then remembered."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def remember_language(request, response: HttpResponse, language: str) -> HttpResponse:
    """Keep a language in the cookie that LocaleMiddleware reads on every next request."""
    if language and translation.check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
    return response


def set_language(request):
    """Django's language switch, which also saves the choice on her account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and translation.check_for_language(language)
        and language != request.user.language
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
