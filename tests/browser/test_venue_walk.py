"""The venue finder's whole path on a phone: a search profile, ranked results, a weekly
slot across a daylight-saving change (one series card for the group and the manager), the
manager's approval of the whole series, another group's clash, and the first group's
calendar feed."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from tests.browser.test_guides import no_layout_problems
from tests.factories import UserFactory
from tests.venues.factories import AMS
from wijkkracht.accounts.models import User
from wijkkracht.organisations.models import Membership
from wijkkracht.venues.models import Booking, Room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tuesdays_around_the_next_summer_time() -> tuple[date, date]:
    """Two Tuesdays before and three after the last Sunday of March (clocks go forward)."""
    today = date.today()
    year = today.year + (1 if today >= date(today.year, 3, 20) else 0)
    switch = max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6)
    first = switch - timedelta(days=(switch.weekday() - 1) % 7) - timedelta(weeks=1)
    return first, first + timedelta(weeks=4)


def test_profile_to_results_to_a_weekly_slot_approved_clash_and_calendar(phone_factory):
    call_command("load_places")
    call_command("load_demo")
    call_command("load_demo_venues")
    samira = User.objects.get(email="samira.demo@example.org")
    own = Membership.objects.get(user=samira).organisation
    other = Membership.objects.exclude(organisation=own).select_related("user").first()
    first, last = tuesdays_around_the_next_summer_time()

    # 1. The search profile, and ranked results with reasons and a monthly cost.
    phone = phone_factory("nl-NL")
    phone.sign_in_as(samira)
    page = phone.page
    phone.goto("/locaties/zoeken/?new=1")
    page.locator("#id_form-0-kind").fill("Taalcafé")
    page.locator("#id_form-0-people").fill("12")
    page.locator("#id_form-0-equipment_3").check()  # kitchen
    page.locator("#id_form-0-day").select_option("1")  # Tuesday
    page.locator("#id_form-0-start").fill("10:00")
    page.locator("#id_form-0-end").fill("12:00")
    page.locator("#id_budget").fill("500")
    page.locator("#id_step_free").check()
    page.locator("form[method=get] button[type=submit]").click()
    page.locator("#results-title").wait_for()
    phone.check()
    no_layout_problems(phone, "results")
    best = page.locator("ol.cards > li").first
    assert "per maand" in best.inner_text() and "✓" in best.inner_text()
    phone.screenshot("venue-walk-results-nl-360")
    room_name = best.locator("ul li").first.inner_text().split(": ", 1)[-1].split(" (")[0]
    best.locator("h3 a").click()
    page.wait_for_load_state("load")
    phone.check()

    # 2. A weekly slot, from two weeks before to three weeks after the clocks change.
    page.get_by_role("link", name=f"{room_name} aanvragen").click()
    page.wait_for_load_state("load")
    phone.check()
    room = Room.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    page.locator("#id_date").fill(first.isoformat())
    page.locator("#id_start").fill("10:00")
    page.locator("#id_end").fill("12:00")
    page.locator("#id_purpose").fill("Taalcafé")
    page.locator("#id_people_expected").fill("12")
    page.locator("label[for=id_repeat_1]").click()  # every week
    page.locator("#id_until").fill(last.isoformat())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")
    phone.check()
    assert "/boekingen/" in page.url
    assert room.bookings.filter(status=Booking.Status.REQUESTED).count() == 5

    # The group sees the five Tuesdays as one card; its dates fold open.
    series_card = page.locator("li.card.series")
    assert series_card.count() == 1 and page.locator("ul.cards > li.card").count() == 1
    assert "5 aangevraagd" in series_card.inner_text()
    series_card.locator("summary", has_text="Alle data").click()
    assert series_card.locator("ul.series-dates > li").count() == 5
    no_layout_problems(phone, "the group's series card")
    phone.screenshot("venue-walk-series-group-nl-360")

    # 3. The venue manager sees one card for the series and approves all of it at once.
    manager = UserFactory(email="verhuur.beheer@example.org", name="Beheer (demo)")
    room.venue.managers.add(manager)
    desk = phone_factory("nl-NL")
    desk.sign_in_as(manager)
    desk.goto("/locaties/aanvragen/")
    no_layout_problems(desk, "manager's requests")
    request_card = desk.page.locator("li.card.series")
    assert request_card.count() == 1 and desk.page.locator("ul.cards > li.card").count() == 1
    desk.screenshot("venue-walk-series-manager-nl-360")
    request_card.get_by_role("button", name="Alle 5 goedkeuren").click()
    desk.page.wait_for_load_state("load")
    desk.check()
    assert "5 data goedgekeurd" in desk.page.locator(".messages").inner_text()
    assert room.bookings.filter(status=Booking.Status.APPROVED).count() == 5

    # 4. Another group asks for an overlapping time on one of those Tuesdays.
    clash_day = first + timedelta(weeks=3)
    neighbour = phone_factory("nl-NL")
    neighbour.sign_in_as(other.user)
    neighbour.goto(f"/locaties/{room.venue.key}/zalen/{room.pk}/aanvragen/")
    form = neighbour.page
    if form.locator("#id_organisation").count():
        form.locator("#id_organisation").select_option(other.organisation.slug)
    form.locator("#id_date").fill(clash_day.isoformat())
    form.locator("#id_start").fill("11:00")
    form.locator("#id_end").fill("13:00")
    form.locator("#id_purpose").fill("Naailes")
    form.locator("#id_people_expected").fill("8")
    form.locator("form button[type=submit]").last.click()
    form.locator(".notice").wait_for()
    neighbour.check()
    notice = form.locator(".notice").inner_text()
    assert "al bezet" in notice and "10:00" in notice
    assert not room.bookings.filter(organisation=other.organisation).exists()
    neighbour.screenshot("venue-walk-conflict-nl-360")

    # 5. The room's week shows the slot; the groups that share it write down agreements.
    phone.goto(f"/locaties/{room.venue.key}/zalen/{room.pk}/?week={first.isoformat()}")
    no_layout_problems(phone, "room week")
    assert "10:00" in page.locator("ol.week").inner_text()
    phone.goto(f"/locaties/{room.venue.key}/zalen/{room.pk}/gebruik/?week={first.isoformat()}")
    no_layout_problems(phone, "who uses the room")
    assert own.name in page.locator("ol.week").inner_text()
    phone.goto(f"/locaties/{room.venue.key}/zalen/{room.pk}/gebruik/afspraken/{own.slug}/")
    page.locator("#id_cleaning").fill("Wij vegen de vloer na afloop.")
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("load")
    phone.check()
    assert "Wij vegen de vloer" in page.content()
    phone.goto("/locaties/kosten/?rent_per_month=120&insurance_per_year=60")
    no_layout_problems(phone, "cost overview")

    # 6. Samira's calendar feed holds all five Tuesdays at 10:00 local time, before and
    # after the change to summer time (09:00 and 08:00 UTC).
    phone.goto(f"/organisaties/{own.slug}/boekingen/")
    feed_url = page.locator("#feed-url").input_value()
    feed = Client().get(feed_url[feed_url.index("/agenda/") :])
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    starts = sorted(e.decoded("dtstart") for e in events)
    assert len(starts) == 5
    assert {s.astimezone(AMS).strftime("%a %H:%M") for s in starts} == {"Tue 10:00"}
    offsets = [s.astimezone(AMS).utcoffset() for s in starts]
    assert offsets[:2] == [timedelta(hours=1)] * 2 and offsets[2:] == [timedelta(hours=2)] * 3
    assert all(str(e["status"]) == "CONFIRMED" for e in events)


def test_the_room_week_and_cost_pages_in_arabic(phone_factory):
    call_command("load_places")
    call_command("load_demo")
    call_command("load_demo_venues")
    samira = User.objects.get(email="samira.demo@example.org")
    own = Membership.objects.get(user=samira).organisation
    room = Room.objects.filter(venue__opening_hours__day=1).first()
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    start = datetime.combine(monday + timedelta(days=1), time(10), AMS)
    Booking.objects.create(
        room=room,
        organisation=own,
        start=start,
        end=start + timedelta(hours=2),
        held_until=start + timedelta(hours=2, minutes=room.buffer_minutes),
        purpose="Taalcafé" + "x" * 192,  # a 200-character word must wrap, not widen the page
        status=Booking.Status.APPROVED,
    )
    phone = phone_factory("ar")
    phone.sign_in_as(samira)
    for path, name in [
        (f"/locaties/{room.venue.key}/zalen/{room.pk}/?week={monday}", "room week"),
        (f"/locaties/{room.venue.key}/zalen/{room.pk}/gebruik/?week={monday}", "usage"),
        ("/locaties/kosten/?rent_per_session=40&sessions_per_month=4,33", "costs"),
    ]:
        phone.goto(path)
        no_layout_problems(phone, name)
        phone.screenshot(f"venue-{name.replace(' ', '-')}-ar-360")
