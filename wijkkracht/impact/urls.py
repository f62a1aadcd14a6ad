from django.urls import path

from . import views

app_name = "impact"
base = "organisaties/<slug:org>/effecten/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(f"{base}verhaal/nieuw/", views.edit_story, name="new_story"),
    path(f"{base}verhaal/<int:pk>/", views.story, name="story"),
    path(f"{base}verhaal/<int:pk>/bewerken/", views.edit_story, name="edit_story"),
    path(f"{base}verhaal/<int:pk>/factsheet/", views.factsheet, name="factsheet"),
    path(
        f"{base}verhaal/<int:pk>/factsheet/openbaar/",
        views.factsheet_visibility,
        name="factsheet_visibility",
    ),
    path(f"{base}tellingen/", views.outputs, name="outputs"),
    path(f"{base}duiding/", views.interpretation, name="interpretation"),
    path(f"{base}vragenlijsten/nieuw/", views.new_questionnaire, name="new_questionnaire"),
    path(f"{base}vragenlijsten/<int:pk>/", views.questionnaire, name="questionnaire"),
    path(f"{base}vragenlijsten/<int:pk>/qr.svg", views.qr_code, name="qr"),
    path(f"{base}vragenlijsten/<int:pk>/qr.png", views.qr_code, {"kind": "png"}, name="qr_png"),
    path(f"{base}vragenlijsten/<int:pk>/poster/", views.poster, name="poster"),
    path(f"{base}vragenlijsten/<int:pk>/papier/", views.paper, name="paper"),
    path(f"{base}vragenlijsten/<int:pk>/inlezen/", views.import_responses, name="import"),
    path(f"{base}vragenlijsten/<int:pk>/invullen.csv", views.import_template, name="template"),
    path(f"{base}vragenlijsten/<int:pk>/antwoorden.csv", views.export_responses, name="export"),
    path(f"{base}vragenlijsten/<int:pk>/vragen/", views.add_question, name="add_question"),
    path(f"{base}vragenlijsten/<int:pk>/openbaar/", views.publish_results, name="publish"),
    path(f"{base}vragenlijsten/<int:pk>/citaten/", views.add_quote, name="add_quote"),
    path(
        f"{base}vragenlijsten/<int:pk>/citaten/<int:quote_id>/weg/",
        views.remove_quote,
        name="remove_quote",
    ),
    path(f"{base}vragenlijsten/<int:pk>/resultaten/", views.results_page, name="results"),
    path("vragenlijst/<slug:token>/", views.answer, name="answer"),
    path("factsheet/<slug:token>/", views.public_factsheet, name="public_factsheet"),
]
