from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("organisaties/", views.directory, name="directory"),
    path("organisaties/nieuw/", views.create, name="create"),
    path("organisaties/<slug:slug>/", views.detail, name="detail"),
    path("organisaties/<slug:slug>/bewerken/", views.edit, name="edit"),
    path("organisaties/<slug:slug>/leden/", views.members, name="members"),
    path("organisaties/<slug:slug>/leden/<int:pk>/rol/", views.change_role, name="change_role"),
    path("organisaties/<slug:slug>/leden/<int:pk>/weg/", views.remove_member, name="remove_member"),
    path("organisaties/<slug:slug>/uitnodigen/", views.invite, name="invite"),
    path("organisaties/<slug:slug>/uitnodigen/<int:pk>/stop/", views.revoke, name="revoke"),
    path("organisaties/<slug:slug>/verlaten/", views.leave, name="leave"),
    path("organisaties/<slug:slug>/verwijderen/", views.delete, name="delete"),
    path("uitnodiging/<slug:token>/", views.accept, name="accept"),
]
