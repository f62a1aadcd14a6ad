from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from icalendar import Calendar

from tests.factories import UserFactory
from tests.venues.factories import AMS, make_room
from wijkkracht.venues import calendars
from wijkkracht.venues.services import bookings as services


def test_the_groups_feed_holds_its_bookings_at_the_right_local_time_across_dst(
    client, organisation, member
):
    room = make_room()
    # Summer time starts on Sunday 28 March 2027: one booking before, one after.
    for day in (25, 1):
        month = 3 if day == 25 else 4
        start = datetime(2027, month, day, 10, tzinfo=AMS)
        booking = services.request_booking(
            room, organisation, member, start, start.replace(hour=12), "Taalcafé", 10
        )
        services.decide(booking, UserFactory(), approve=True)
    client.force_login(member)
    page = client.get(reverse("venues:bookings", args=[organisation.slug]))
    feed_url = page.context["feed_url"]
    client.logout()  # calendar apps have no session: the address itself is the key
    response = client.get(feed_url.replace("http://testserver", ""))
    assert response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    starts = sorted(e.decoded("dtstart") for e in events)
    assert [s.astimezone(AMS).hour for s in starts] == [10, 10]
    assert [s.astimezone(ZoneInfo("UTC")).hour for s in starts] == [9, 8]
    assert all(str(e["status"]) == "CONFIRMED" for e in events)
    assert b"BEGIN:VTIMEZONE" in response.content and b"Europe/Amsterdam" in response.content


def test_renewing_the_address_stops_the_old_one(client, organisation, admin):
    client.force_login(admin)
    old = client.get(reverse("venues:bookings", args=[organisation.slug])).context["feed_url"]
    client.post(reverse("venues:renew_feed", args=[organisation.slug]))
    new = client.get(reverse("venues:bookings", args=[organisation.slug])).context["feed_url"]
    assert old != new
    assert client.get(old.replace("http://testserver", "")).status_code == 404
    assert client.get(new.replace("http://testserver", "")).status_code == 200


def test_a_guessed_address_is_404(client, db):
    assert client.get("/agenda/raden.ics").status_code == 404


def test_outsiders_cannot_renew_a_groups_feed(client, organisation, outsider):
    client.force_login(outsider)
    response = client.post(reverse("venues:renew_feed", args=[organisation.slug]))
    assert response.status_code == 404


def test_a_weekly_series_over_the_dst_change_stays_at_ten_oclock(client, organisation, member):
    from datetime import date, time

    room = make_room()
    services.request_series(
        room,
        organisation,
        member,
        date(2027, 10, 21),
        date(2027, 11, 4),
        time(10),
        time(12),
        "Taalcafé",
        10,
    )
    feed = calendars.feed_for(organisation=organisation)
    events = Calendar.from_ical(client.get(feed.get_absolute_url()).content).walk("VEVENT")
    starts = sorted(e.decoded("dtstart") for e in events)
    assert [s.astimezone(AMS).hour for s in starts] == [10, 10, 10]
    # Winter time starts on 31 October 2027: 10:00 is 08:00 UTC before, 09:00 after.
    assert [s.astimezone(ZoneInfo("UTC")).hour for s in starts] == [8, 8, 9]
    assert all(str(e["status"]) == "TENTATIVE" for e in events)


def test_the_groups_feed_address_comes_with_the_share_block(client, organisation, member):
    from tests.core.test_share import share_blocks

    client.force_login(member)
    page = client.get(reverse("venues:bookings", args=[organisation.slug]))
    [block] = share_blocks(page.content.decode())
    assert block["url"] == page.context["feed_url"]
    assert block["url"].startswith("http://testserver/agenda/")
    assert organisation.name in block["whatsapp"]


def test_the_rooms_feed_address_is_shared_with_its_manager_only(client, organisation, member):
    from tests.core.test_share import share_blocks

    room = make_room()
    manager = UserFactory()
    room.venue.managers.add(manager)
    url = reverse("venues:usage", args=[room.venue.key, room.pk])
    client.force_login(manager)
    [block] = share_blocks(client.get(url).content.decode())
    feed = calendars.feed_for(room=room)
    assert block["url"] == "http://testserver" + feed.get_absolute_url()
    client.force_login(member)  # not a group that shares the room
    assert client.get(url).status_code == 404
