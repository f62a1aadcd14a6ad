from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("praktijken/", views.index, name="index"),
    path("praktijken/keuzehulp/", views.decision_aid, name="decision_aid"),
    path("praktijken/lessen/", views.lessons, name="lessons"),
    path("praktijken/insturen/", views.submit, name="submit"),
    path("praktijken/te-beoordelen/", views.review, name="review"),
    path("praktijken/niveaus/<slug:key>/", views.level, name="level"),
    path("praktijken/niveaus/<slug:key>/samenvatting/", views.level_summary, name="level_summary"),
    path("praktijken/<slug:slug>/", views.detail, name="detail"),
    path("praktijken/<slug:slug>/publiceren/", views.publish, name="publish"),
]
