from django.urls import path

from . import languages, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("open-data/", views.open_data, name="open_data"),
    path("taal/", languages.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
