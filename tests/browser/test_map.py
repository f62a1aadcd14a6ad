"""The venues on a map, on a phone, in Dutch and Arabic; without JavaScript the list does it all.

No internet in tests: the tiles come from a made-up host whose requests the browser
answers itself with a small PNG (tests/browser/conftest.py).
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import TILE_HOST
from tests.browser.test_guides import no_layout_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def venues():
    call_command("load_places")
    call_command("load_demo_venues")


def open_map(phone):
    page = phone.page
    assert page.evaluate("typeof L") == "undefined"  # Leaflet waits until she asks
    button = page.locator(".venue-map-toggle")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    tile = page.locator(".venue-map-canvas .leaflet-tile-loaded").first
    tile.wait_for()
    assert button.get_attribute("aria-expanded") == "true"
    assert tile.get_attribute("src").startswith(f"https://{TILE_HOST}/")
    assert phone.tiles_served > 0
    return page.locator(".venue-map-pin")


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_the_directory_shows_its_venues_on_a_map(phone_factory, venues, locale):
    phone = phone_factory(locale)
    page = phone.page
    phone.goto("/locaties/")
    pins = open_map(phone)
    listed = page.locator("ul.cards > li h2 a")
    assert pins.count() == listed.count() == 20
    assert (
        page.locator(".venue-map-pin .visually-hidden").all_text_contents()
        == listed.all_text_contents()
    )
    phone.check()
    no_layout_problems(phone, "map")
    phone.screenshot(f"venue-map-{locale}-360")

    # From the keyboard: the marker opens on Enter and focus goes to the venue's link.
    pins.first.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.evaluate("el => el === document.activeElement")
    assert link.get_attribute("href") == listed.first.get_attribute("href")
    phone.check()
    no_layout_problems(phone, "map with a venue's name")
    phone.screenshot(f"venue-map-popup-{locale}-360")
    page.keyboard.press("Escape")
    link.wait_for(state="detached")
    assert pins.first.evaluate("el => el === document.activeElement")

    # A tap on a marker and on its name leads to the venue's page, with its own map.
    pins.nth(3).click()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    phone.check()
    assert open_map(phone).count() == 1
    phone.check()
    no_layout_problems(phone, "venue map")
    phone.screenshot(f"venue-map-detail-{locale}-360")


def test_the_map_is_no_keyboard_trap_and_hides_again(phone_factory, venues):
    phone = phone_factory("nl-NL")
    page = phone.page
    phone.goto("/locaties/")
    open_map(phone)
    page.locator(".venue-map-toggle").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!document.activeElement.closest('.venue-map')"):
            break
    assert page.evaluate("document.activeElement.closest('ul.cards') !== null")
    page.get_by_role("button", name="Verberg de kaart").click()
    assert not page.locator(".venue-map-canvas").is_visible()
    assert page.get_by_role("button", name="Toon op de kaart").is_visible()


def test_without_javascript_the_list_holds_every_venue_and_no_map_shows(
    browser, live_server, venues
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/locaties/")
    assert page.locator("ul.cards > li h2 a").count() == 20
    assert not page.locator(".venue-map-toggle").is_visible()
    assert not page.locator(".venue-map-canvas").is_visible()
    context.close()


def test_a_request_for_another_host_is_stopped_and_noted(phone_factory, venues):
    """The guard behind every browser test: here a real tile server, asked for directly."""
    from playwright.sync_api import Error

    phone = phone_factory()
    with pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):
        phone.page.goto("https://tile.openstreetmap.org/0/0/0.png")
    assert phone.outside == ["https://tile.openstreetmap.org/0/0/0.png"]
    with pytest.raises(AssertionError, match="other hosts"):
        phone.assert_nothing_left_the_machine()
