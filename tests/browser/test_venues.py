"""A member finds a room and asks for it, on a phone; the pages pass axe in Dutch and Arabic."""

import pytest
from django.core.management import call_command

from tests.browser.test_guides import no_layout_problems
from tests.venues.factories import at
from wijkkracht.accounts.models import User
from wijkkracht.venues.models import Booking, Venue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_a_member_finds_a_room_and_requests_it(phone_factory, locale):
    call_command("load_places")
    call_command("load_demo")
    call_command("load_demo_venues")
    samira = User.objects.get(email="samira.demo@example.org")
    venue = (
        Venue.objects.filter(
            opening_hours__day=at(7, 10).weekday(),
            opening_hours__opens__lte="10:00",
            opening_hours__closes__gte="12:00",
            closures__isnull=True,
        )
        .distinct()
        .first()
    )
    phone = phone_factory(locale)
    phone.sign_in_as(samira)
    page = phone.page
    phone.goto("/locaties/zoeken/")
    no_layout_problems(phone, "search profile")
    page.locator("#id_form-0-people").fill("15")
    page.locator("#id_form-0-equipment_3").check()  # kitchen
    page.locator("#id_budget").fill("400")
    page.locator("form button[type=submit]").last.click()
    page.locator("#results-title").wait_for()
    phone.check()
    no_layout_problems(phone, "search results")
    assert page.locator("ol.cards > li").count() >= 1
    phone.screenshot(f"venue-search-{locale}-360")
    phone.goto("/locaties/?seats=10")
    no_layout_problems(phone, "directory")
    phone.goto(venue.get_absolute_url())
    no_layout_problems(phone, "venue")
    room = venue.rooms.first()
    phone.goto(f"/locaties/{venue.key}/zalen/{room.pk}/aanvragen/")
    no_layout_problems(phone, "request")
    page.locator("#id_date").fill(at(7, 10).date().isoformat())
    page.locator("#id_start").fill("10:00")
    page.locator("#id_end").fill("12:00")
    page.locator("#id_purpose").fill("Taalcafé")
    page.locator("#id_people_expected").fill(str(min(room.capacity_seated, 12)))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")
    phone.check()
    assert Booking.objects.filter(room=room, organisation__slug="vrouwenbuurtlab-laak").exists()
    # The same slot again: a clear message on the form, nothing booked twice.
    phone.goto(f"/locaties/{venue.key}/zalen/{room.pk}/aanvragen/")
    page.locator("#id_date").fill(at(7, 10).date().isoformat())
    page.locator("#id_start").fill("11:00")
    page.locator("#id_end").fill("12:00")
    page.locator("#id_purpose").fill("Naailes")
    page.locator("#id_people_expected").fill("5")
    page.locator("form button[type=submit]").last.click()
    page.locator(".notice").wait_for()
    phone.check()
    assert "10:00" in page.locator(".notice").inner_text()
    assert Booking.objects.filter(room=room).count() == 1
    phone.screenshot(f"venue-conflict-{locale}-360")
