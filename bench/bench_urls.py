"""The site's URLs plus one bare view, so both pass through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from wijkkracht.urls import urlpatterns as site_urls


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *site_urls]
