"""Venues on a map: an extra for whoever asks; the list on the page holds everything."""

import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.venues.factories import make_room
from wijkkracht.venues.models import Venue

MARKERS = re.compile(r'<script id="venue-map-markers" type="application/json">(.*?)</script>')


def venue(name: str, lat: str | None = None, lng: str | None = None) -> Venue:
    place = make_room().venue
    place.name = name
    place.latitude = Decimal(lat) if lat else None
    place.longitude = Decimal(lng) if lng else None
    place.save()
    return place


def markers(response) -> list[dict] | None:
    found = MARKERS.search(response.content.decode())
    return json.loads(found.group(1)) if found else None


@pytest.fixture
def kantklos(db):
    return venue("Wijkcentrum De Kantklos", "52.06720", "4.30120")


@pytest.fixture
def theepot(db):
    """A venue whose place nobody has filled in yet."""
    return venue("Buurtkamer De Theepot")


def test_the_directory_puts_the_venues_with_coordinates_on_the_map(client, kantklos, theepot):
    response = client.get(reverse("venues:directory"))
    assert markers(response) == [
        {
            "name": "Wijkcentrum De Kantklos",
            "url": kantklos.get_absolute_url(),
            "lat": 52.0672,
            "lng": 4.3012,
        }
    ]


def test_the_directory_lists_every_venue_without_javascript(client, kantklos, theepot):
    page = client.get(reverse("venues:directory")).content.decode()
    for place in (kantklos, theepot):
        assert f'<a href="{place.get_absolute_url()}">{place.name}</a>' in page
    # The button and the map stay hidden until map.js shows them; Leaflet is not loaded.
    assert re.search(r'<div class="venue-map" data-venue-map hidden\b', page)
    assert "leaflet.js" in page and '<script src="/static/venues/vendor' not in page
    assert '<script src="/static/venues/map.js" defer>' in page


def test_a_venue_page_shows_its_own_marker(client, kantklos):
    response = client.get(kantklos.get_absolute_url())
    assert [m["name"] for m in markers(response)] == ["Wijkcentrum De Kantklos"]
    assert 'aria-label="Kaart met deze locatie"' in response.content.decode()


def test_a_venue_without_coordinates_gets_no_map(client, theepot):
    response = client.get(theepot.get_absolute_url())
    assert markers(response) is None
    assert "venues/map.js" not in response.content.decode()


def test_no_map_when_no_venue_on_the_page_has_coordinates(client, theepot):
    response = client.get(reverse("venues:directory"))
    assert markers(response) is None
    assert "Buurtkamer De Theepot" in response.content.decode()


def test_an_empty_tile_url_switches_the_maps_off(client, settings, kantklos):
    settings.MAP_TILE_URL = ""
    for url in (reverse("venues:directory"), kantklos.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "data-venue-map" not in page and "venue-map-markers" not in page
        assert "map.js" not in page and "Toon op de kaart" not in page
        assert "Wijkcentrum De Kantklos" in page


def test_the_tiles_and_their_credit_come_from_the_settings(client, settings, kantklos):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "© Kaartdienst & co"
    settings.MAP_ATTRIBUTION_URL = "https://tiles.example/bronnen"
    page = client.get(reverse("venues:directory")).content.decode()
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="© Kaartdienst &amp; co"' in page
    assert 'data-attribution-url="https://tiles.example/bronnen"' in page
    assert "tile.openstreetmap.org" not in page


def test_the_default_tiles_are_openstreetmaps_with_credit(client, kantklos):
    page = client.get(reverse("venues:directory")).content.decode()
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="© OpenStreetMap"' in page


def test_a_venue_name_reaches_the_map_only_as_data(client, db):
    name = '</script><script>alert("x")</script>'
    venue(name, "52.07000", "4.30000")
    response = client.get(reverse("venues:directory"))
    assert name not in response.content.decode()
    assert markers(response)[0]["name"] == name


def test_the_map_shows_the_venues_of_the_page_shown(client, db):
    call_command("load_places")
    call_command("load_demo_venues")
    response = client.get(reverse("venues:directory"), {"page": 2})
    listed = [v.get_absolute_url() for v in response.context["page"]]
    assert len(listed) == 20
    assert [m["url"] for m in markers(response)] == listed
