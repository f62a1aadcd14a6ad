from django.urls import path

from .views import directory, editing, rooms

app_name = "venues"
urlpatterns = [
    path("locaties/", directory.directory, name="directory"),
    path("locaties/zoeken/", directory.search, name="search"),
    path("locaties/zoeken/bewaren/", directory.save_profile, name="save_profile"),
    path("locaties/kosten/", directory.costs, name="costs"),
    path("locaties/kosten/pdf/", directory.costs_pdf, name="costs_pdf"),
    path("locaties/aanvragen/", directory.manage, name="manage"),
    path("locaties/aanvragen/<int:pk>/besluit/", directory.decide, name="decide"),
    path(
        "locaties/aanvragen/reeksen/<int:pk>/besluit/",
        directory.decide_series,
        name="decide_series",
    ),
    path("locaties/nieuw/", editing.add, name="add"),
    path("locaties/voorstellen/", editing.suggest, name="suggest"),
    path("locaties/voorstellen/beoordelen/", editing.review, name="review"),
    path("locaties/voorstellen/<slug:key>/besluit/", editing.decide, name="decide_suggestion"),
    path("locaties/<slug:key>/", directory.detail, name="detail"),
    path("locaties/<slug:key>/bewerken/", editing.edit, name="edit"),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/aanvragen/",
        directory.request_booking,
        name="request",
    ),
    path("locaties/<slug:key>/zalen/<int:room_id>/", rooms.room, name="room"),
    path("locaties/<slug:key>/zalen/<int:room_id>/gebruik/", rooms.usage, name="usage"),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/gebruik/afspraken/<slug:org>/",
        rooms.agreement,
        name="agreement",
    ),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/agenda-vernieuwen/",
        rooms.renew_room_feed,
        name="renew_room_feed",
    ),
    path(
        "locaties/<slug:key>/zalen/<int:room_id>/boekingen/<int:pk>/annuleren/",
        rooms.manager_cancel,
        name="manager_cancel",
    ),
    path("organisaties/<slug:org>/boekingen/", directory.bookings, name="bookings"),
    path("organisaties/<slug:org>/boekingen/<int:pk>/annuleren/", directory.cancel, name="cancel"),
    path(
        "organisaties/<slug:org>/boekingen/reeksen/<int:pk>/annuleren/",
        directory.cancel_series,
        name="cancel_series",
    ),
    path(
        "organisaties/<slug:org>/boekingen/agenda-vernieuwen/",
        directory.renew_feed,
        name="renew_feed",
    ),
    path("agenda/<slug:token>.ics", directory.feed, name="feed"),
]
