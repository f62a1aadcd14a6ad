"""Every answer carries a strict Content-Security-Policy and a Permissions-Policy."""

import pytest

from wijkkracht.core.middleware import tile_origin

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", ["/", "/api/v1/organisations", "/bestaat-niet/"])
def test_pages_and_the_api_carry_both_policies(client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_map_tiles_are_allowed_from_their_host_only(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    assert directives(client.get("/"))["img-src"] == ["'self'", "data:", "https://tiles.example"]
    settings.MAP_TILE_URL = ""
    assert directives(client.get("/"))["img-src"] == ["'self'", "data:"]


def test_a_tile_template_with_subdomains_allows_them():
    assert tile_origin("https://{s}.tile.example/{z}/{x}/{y}.png") == "https://*.tile.example"
    assert tile_origin("not a url") is None
