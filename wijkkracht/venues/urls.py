from django.urls import path

from . import editing, room_views, views

app_name = "venues"
urlpatterns = [
    path("locaties/", views.directory, name="directory"),
    path("locaties/zoeken/", views.search, name="search"),
    path("locaties/zoeken/bewaren/", views.save_profile, name="save_profile"),
    path("locaties/kosten/", views.costs, name="costs"),
    path("locaties/kosten/pdf/", views.costs_pdf, name="costs_pdf"),
    path("locaties/aanvragen/", views.manage, name="manage"),
    path("locaties/aanvragen/<int:pk>/besluit/", views.decide, name="decide"),
    path("locaties/nieuw/", editing.add, name="add"),
    path("locaties/voorstellen/", editing.suggest, name="suggest"),
    path("locaties/voorstellen/beoordelen/", editing.review, name="review"),
    path("locaties/voorstellen/<slug:key>/besluit/", editing.decide, name="decide_suggestion"),
    path("locaties/<slug:key>/", views.detail, name="detail"),
    path("locaties/<slug:key>/bewerken/", editing.edit, name="edit"),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/aanvragen/", views.request_booking, name="request"
    ),
    path("locaties/<slug:key>/zalen/<int:room_id>/", room_views.room, name="room"),
    path("locaties/<slug:key>/zalen/<int:room_id>/gebruik/", room_views.usage, name="usage"),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/gebruik/afspraken/<slug:org>/",
        room_views.agreement,
        name="agreement",
    ),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/agenda-vernieuwen/",
        room_views.renew_room_feed,
        name="renew_room_feed",
    ),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/boekingen/<int:pk>/annuleren/",
        room_views.manager_cancel,
        name="manager_cancel",
    ),
    path("organisaties/<slug:org>/boekingen/", views.bookings, name="bookings"),
    path("organisaties/<slug:org>/boekingen/<int:pk>/annuleren/", views.cancel, name="cancel"),
    path(
        "organisaties/<slug:org>/boekingen/agenda-vernieuwen/", views.renew_feed, name="renew_feed"
    ),
    path("agenda/<slug:token>.ics", views.feed, name="feed"),
]
