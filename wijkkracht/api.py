"""The JSON API, /api/v1/: each app adds its router; errors are always JSON."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from wijkkracht.accounts.api import router as accounts_router
from wijkkracht.core.openapi import document_request_limits
from wijkkracht.guides.api import router as guides_router
from wijkkracht.impact.api import router as impact_router
from wijkkracht.organisations.api import router as organisations_router
from wijkkracht.practices.api import router as practices_router
from wijkkracht.venues.api import router as venues_router

api = NinjaAPI(
    title="Wijkkracht API",
    version="1",
    description="Open data and tools for neighbourhood organisations.",
    urls_namespace="api",
)
document_request_limits(api)  # 414 and 422 from core.middleware, before any operation
api.add_router("/", accounts_router)
api.add_router("/", organisations_router)
api.add_router("/", guides_router)
api.add_router("/", venues_router)
api.add_router("/", practices_router)
api.add_router("/", impact_router)


def _json(request, status: int, message: str, **extra):
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    return _json(request, 401, _("Log eerst in."))


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400:  # django-ninja's answer to a body that is not JSON
        return _json(request, 400, _("Dit is geen geldige JSON."))
    return _json(request, exc.status_code, str(exc))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _json(request, 403, _("Je hebt hier geen toegang toe."))


@api.exception_handler(Http404)
def not_found(request, exc):
    return _json(request, 404, _("Niet gevonden."))


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return _json(request, 422, _("De gegevens kloppen niet."), errors=exc.errors)


@api.exception_handler(ValidationError)
def invalid_model(request, exc):
    return _json(request, 422, _("De gegevens kloppen niet."), errors=exc.messages)
