from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

# The layout links to these on every page; reversing a URL costs tens of microseconds,
# so they are worked out once per process (and script prefix) instead of per request.
LAYOUT_URLS = {
    "home": "core:home",
    "privacy": "core:privacy",
    "accessibility": "core:accessibility",
    "set_language": "core:set_language",
    "login": "accounts:login",
    "logout": "accounts:logout",
    "account": "accounts:account",
    "directory": "organisations:directory",
    "guides": "guides:library",
    "venues": "venues:directory",
    "practices": "practices:index",
    "exchange": "exchange:index",
    "create_organisation": "organisations:create",
    "open_data": "core:open_data",
}


@cache
def _layout_urls(prefix: str) -> dict[str, str]:
    return {key: reverse(name) for key, name in LAYOUT_URLS.items()}


def _nav_section(request) -> str:
    """Which item of the main menu the current page belongs to."""
    match = request.resolver_match
    if match is None:
        return ""
    if match.url_name == "home":
        return "home"
    sections = ("accounts", "organisations", "guides", "venues", "practices", "exchange")
    return match.app_name if match.app_name in sections else ""


def layout(request) -> dict:
    """What the base layout needs on every page."""
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "urls": _layout_urls(get_script_prefix()),
        "nav_section": _nav_section(request),
    }
