from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from .api import api
from .core import views as core_views

urlpatterns = [
    path("", include("wijkkracht.core.urls")),
    path("", include("wijkkracht.accounts.urls")),
    path("", include("wijkkracht.organisations.urls")),
    path("", include("wijkkracht.guides.urls")),
    path("", include("wijkkracht.venues.urls")),
    path("", include("wijkkracht.practices.urls")),
    path("", include("wijkkracht.exchange.urls")),
    path("", include("wijkkracht.impact.urls")),
    path("api/v1/", api.urls),
    # Any other address under /api/ answers JSON 404, with DEBUG on too (Django's own
    # debug page is HTML, which an API client cannot read).
    re_path(r"^api/", core_views.page_not_found),
    path("beheer/", admin.site.urls),
]

handler400 = "wijkkracht.core.views.bad_request"
handler403 = "wijkkracht.core.views.permission_denied"
handler404 = "wijkkracht.core.views.page_not_found"
handler500 = "wijkkracht.core.views.server_error"

if settings.DEBUG:
    admin.site.site_header = "Wijkkracht (development)"
