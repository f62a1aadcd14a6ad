from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("uitwisseling/", views.index, name="index"),
    path("uitwisseling/nieuw/", views.new, name="new"),
    path("uitwisseling/meldingen/", views.reports, name="reports"),
    path("uitwisseling/overzicht-per-mail/", views.digest, name="digest"),
    path("uitwisseling/mail-bij-antwoord/", views.answer_mail, name="answer_mail"),
    path("uitwisseling/<int:pk>/", views.challenge, name="challenge"),
    path("uitwisseling/<int:pk>/melden/", views.report, name="report"),
    path("uitwisseling/<int:pk>/verbergen/", views.hide, name="hide"),
    path("uitwisseling/<int:pk>/stappenplan/", views.for_guide, name="for_guide"),
    path(
        "uitwisseling/<int:pk>/antwoorden/<int:answer_id>/behulpzaam/",
        views.helpful,
        name="helpful",
    ),
    path(
        "uitwisseling/<int:pk>/antwoorden/<int:answer_id>/melden/",
        views.report,
        name="report_answer",
    ),
    path(
        "uitwisseling/<int:pk>/antwoorden/<int:answer_id>/verbergen/",
        views.hide,
        name="hide_answer",
    ),
]
