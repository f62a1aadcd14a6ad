from django.urls import path

from . import views

app_name = "venues"
urlpatterns = [
    path("locaties/", views.directory, name="directory"),
    path("locaties/zoeken/", views.search, name="search"),
    path("locaties/aanvragen/", views.manage, name="manage"),
    path("locaties/aanvragen/<int:pk>/besluit/", views.decide, name="decide"),
    path("locaties/<slug:key>/", views.detail, name="detail"),
    path("locaties/<slug:key>/zalen/<int:room_id>/aanvragen/", views.request_booking,
         name="request"),
    path("organisaties/<slug:org>/boekingen/", views.bookings, name="bookings"),
    path("organisaties/<slug:org>/boekingen/<int:pk>/annuleren/", views.cancel,
         name="cancel"),
    path("organisaties/<slug:org>/boekingen/agenda-vernieuwen/", views.renew_feed,
         name="renew_feed"),
    path("agenda/<slug:token>.ics", views.feed, name="feed"),
]
