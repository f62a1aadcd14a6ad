"""Middleware of our own: odd requests refused before any view, and the browser policies."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from wijkkracht.core.errors import DomainError
from wijkkracht.core.views import error_response


def _has_nul(data: QueryDict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


class RefuseOddRequests:
    """Answers requests no view should see, in JSON under /api/ and as a page elsewhere:

    - a query string longer than MAX_QUERY_STRING_LENGTH (414). gunicorn leaves the length
      to us (gunicorn.conf.py), so the API keeps its promise of JSON errors;
    - a NUL character in the address, the query string or a form field (400; 422 in the
      API, its answer to every bad input). Forms and
      schemas refuse it too; this stops it also where one was forgotten, because
      PostgreSQL cannot store it and would answer a 500 halfway through a request.
    Uploaded files may hold any byte: only the fields are read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING_LENGTH:
            return error_response(request, 414, _("Dit webadres is te lang."))
        if (
            "\x00" in request.path
            or _has_nul(request.GET)
            or (request.method == "POST" and _has_nul(request.POST))
        ):
            # The API answers bad input with 422 everywhere (core/schemas.py); pages 400.
            status = 422 if request.path.startswith("/api/") else 400
            return error_response(
                request,
                status,
                _(
                    "Dit verzoek bevat een teken dat niet kan (een NUL-teken). "
                    "Haal het weg en probeer het opnieuw."
                ),
            )
        return self.get_response(request)


def tile_origin(url: str) -> str | None:
    """The origin the map's tiles come from, for img-src: a template such as
    https://{s}.tile.example/{z}/{x}/{y}.png allows every subdomain of tile.example."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    return f"{parts.scheme}://{host}"


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's policy from settings.CONTENT_SECURITY_POLICY, plus the map tile host
    (read per request, as MAP_TILE_URL may change), and a Permissions-Policy header that
    switches off browser features the site never uses."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        origin = tile_origin(settings.MAP_TILE_URL)
        if origin and not report_only:
            parts.update = {**(parts.update or {}), "img-src": [origin]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DomainErrors:
    """A service's domain error becomes a 404, 409 or 400 in the request's own kind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return error_response(request, exception.status, exception.message)
        return None
