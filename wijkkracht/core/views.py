from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import home as parts


def home(request):
    """The apps' parts of the home page (core.home), around what you can do here."""
    before, after = parts.sections_for(request)
    cards = parts.cards_for(request.user.is_authenticated)
    context = {"before": before, "after": after, "cards": cards}
    return render(request, "core/home.html", {**context, "waiting": parts.waiting_for(request)})


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def open_data(request):
    return render(request, "core/open_data.html")


def healthz(request):
    """200 after a round trip to the database, 503 when it does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _error(request, status: int, message: str, template: str):
    if _wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    return render(request, template, {"message": message}, status=status)


def error_response(request, status: int, message: str):
    """An error in the request's own kind: JSON under /api/, the error page elsewhere."""
    return _error(request, status, message, "core/error.html")


def rate_limited(request, exception=None):
    return _error(
        request,
        429,
        _("Te veel pogingen. Wacht even en probeer het dan opnieuw."),
        "core/error.html",
    )


def bad_request(request, exception=None):
    return _error(request, 400, _("Dit verzoek klopt niet."), "core/error.html")


def permission_denied(request, exception=None):
    return _error(request, 403, _("Je hebt hier geen toegang toe."), "core/error.html")


def page_not_found(request, exception=None):
    return _error(request, 404, _("Deze pagina bestaat niet (meer)."), "core/error.html")


def server_error(request):
    return _error(
        request, 500, _("Er ging iets mis bij ons. Probeer het later nog eens."), "core/error.html"
    )
