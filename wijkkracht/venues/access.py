"""Who may open a venue's editor: the one place the editing pages ask."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Venue
from .services.stewardship import may_edit


def get_venue_for_editor(user, key: str) -> Venue:
    """The venue, for those who may edit it; 404 for everyone else, so nothing leaks."""
    venue = get_object_or_404(Venue.objects.select_related("area"), key=key)
    if not may_edit(user, venue):
        raise Http404
    return venue
