"""Venues on a map: what the map include needs, from the venues and the settings.

The map is an extra: every venue on it is also in the list on the same page.
"""

from collections.abc import Iterable

from django.conf import settings

from .models import Venue


def markers(venues: Venue | Iterable[Venue]) -> list[dict]:
    """Name, page and place of each venue with coordinates, for `json_script`."""
    if isinstance(venues, Venue):
        venues = [venues]
    return [
        {
            "name": venue.name,
            "url": venue.get_absolute_url(),
            "lat": float(venue.latitude),
            "lng": float(venue.longitude),
        }
        for venue in venues
        if venue.latitude is not None and venue.longitude is not None
    ]


def venue_map(venues: Venue | Iterable[Venue]) -> dict | None:
    """The map for these venues; None when maps are off or no venue has coordinates."""
    if not settings.MAP_TILE_URL:
        return None
    found = markers(venues)
    if not found:
        return None
    return {
        "markers": found,
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
        "attribution_url": settings.MAP_ATTRIBUTION_URL,
    }
