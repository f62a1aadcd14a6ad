"""A room's week: free times for everyone, who uses it when for the groups that share it."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import OrganisationFactory, UserFactory
from tests.venues.factories import BookingFactory, ClosureFactory, at, make_room
from wijkkracht.organisations.models import Membership
from wijkkracht.venues import availability
from wijkkracht.venues.models import Booking, RoomAgreement

pytestmark = pytest.mark.django_db


def book(room, organisation, start, end, status=Booking.Status.APPROVED, **extra):
    return BookingFactory(
        room=room,
        organisation=organisation,
        start=start,
        end=end,
        held_until=end + room.buffer,
        purpose="Taalcafé",
        status=status,
        **extra,
    )


def day_of(plans, moment):
    return next(p for p in plans if p.day == moment.date())


def test_free_time_is_opening_hours_minus_bookings_with_their_buffer(organisation):
    room = make_room(buffer_minutes=30)
    start, end = at(8, 10), at(8, 12)
    book(room, organisation, start, end)
    book(room, organisation, at(8, 14), at(8, 15), status=Booking.Status.DECLINED)
    plan = day_of(availability.week_plan(room, availability.monday_of(start.date())), start)
    free = [(f.start.strftime("%H:%M"), f.end.strftime("%H:%M")) for f in plan.free]
    # Open 08:00–23:00. Before 10:00 a new booking must leave its own 30 minutes; after
    # 12:00 the room is cleaned until 12:30. The declined request holds nothing.
    assert free == [("08:00", "09:30"), ("12:30", "23:00")]
    assert [b.booking.start for b in plan.busy] == [start]


def test_a_closed_day_has_no_free_time(organisation):
    room = make_room()
    closed = at(9, 10).date()
    ClosureFactory(venue=room.venue, start=closed, end=closed, reason="Verbouwing")
    plan = day_of(availability.week_plan(room, availability.monday_of(closed)), at(9, 10))
    assert plan.closed == "Verbouwing" and plan.free == []


def test_the_room_page_shows_busy_times_without_names(client, organisation):
    room = make_room()
    book(room, organisation, at(8, 10), at(8, 12))
    url = reverse("venues:room", args=[room.venue.key, room.pk])
    page = client.get(url, {"week": at(8, 10).date().isoformat()}).content.decode()
    assert "10:00–12:00 bezet" in page
    assert organisation.name not in page
    assert "vrij van 12:00 tot 23:00" in page


@pytest.mark.parametrize("week", ["", "morgen", "9999-01-01", "2026-02-30"])
def test_any_week_in_the_address_gives_a_page(client, week):
    room = make_room()
    response = client.get(reverse("venues:room", args=[room.venue.key, room.pk]), {"week": week})
    assert response.status_code == 200
    monday = response.context["monday"]
    assert monday.weekday() == 0 and abs((monday - date.today()).days) < 740


def test_groups_that_share_a_room_see_each_other_and_their_agreements(
    client, organisation, member, outsider
):
    room = make_room()
    other = OrganisationFactory(name="Buurtmoeders Laak")
    book(room, organisation, at(8, 10), at(8, 12))
    book(room, other, at(8, 14), at(8, 16))
    RoomAgreement.objects.create(
        room=room,
        organisation=other,
        cleaning="Wij vegen na afloop",
        contact="Telefoon van de groep: 070 000 0000",
    )
    url = reverse("venues:usage", args=[room.venue.key, room.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    page = client.get(url, {"week": at(8, 10).date().isoformat()}).content.decode()
    assert organisation.name in page and "Buurtmoeders Laak" in page
    assert "Wij vegen na afloop" in page
    # She may change her own group's agreements, not the other group's.
    assert reverse("venues:agreement", args=[room.venue.key, room.pk, organisation.slug]) in page
    assert reverse("venues:agreement", args=[room.venue.key, room.pk, other.slug]) not in page


def test_a_member_writes_down_her_groups_agreements(client, organisation, member):
    room = make_room()
    book(room, organisation, at(8, 10), at(8, 12))
    client.force_login(member)
    url = reverse("venues:agreement", args=[room.venue.key, room.pk, organisation.slug])
    response = client.post(
        url,
        {
            "opens_and_closes": "Fatima opent, Bea sluit",
            "cleaning": "Wij",
            "storage": "Kast 3",
            "contact": "Fatima",
        },
    )
    assert response.status_code == 302
    agreement = RoomAgreement.objects.get(room=room, organisation=organisation)
    assert agreement.storage == "Kast 3" and agreement.updated_by == member
    too_long = client.post(url, {"cleaning": "x" * 301})
    assert too_long.status_code == 400
    assert RoomAgreement.objects.get(pk=agreement.pk).cleaning == "Wij"


def test_a_group_that_does_not_use_the_room_cannot_write_agreements(client, organisation, member):
    room = make_room()
    other = OrganisationFactory()
    book(room, other, at(8, 10), at(8, 12))
    client.force_login(member)
    # She shares nothing: not a user of the room, so the page does not exist for her.
    url = reverse("venues:agreement", args=[room.venue.key, room.pk, organisation.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"cleaning": "wij"}).status_code == 404
    assert not RoomAgreement.objects.exists()


def test_the_manager_gets_a_room_calendar_and_cancels_with_a_reason(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    room = make_room()
    manager = UserFactory(email="beheer@test.example")
    room.venue.managers.add(manager)
    booking = book(room, organisation, at(8, 10), at(8, 12), requested_by=admin)
    client.force_login(manager)
    page = client.get(reverse("venues:usage", args=[room.venue.key, room.pk]))
    feed_url = page.context["feed_url"]
    calendar = Calendar.from_ical(client.get(feed_url[feed_url.index("/agenda/") :]).content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        f"Taalcafé – {organisation.name}"
    ]
    cancel = reverse("venues:manager_cancel", args=[room.venue.key, room.pk, booking.pk])
    assert client.post(cancel, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel, {"reason": "Lekkage in de zaal"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.reason == "Lekkage in de zaal"
    assert mail.outbox[-1].to == [admin.email] and "Lekkage" in mail.outbox[-1].body
    renew = client.post(reverse("venues:renew_room_feed", args=[room.venue.key, room.pk]))
    assert renew.status_code == 302
    assert client.get(feed_url[feed_url.index("/agenda/") :]).status_code == 404


def test_only_the_venues_managers_may_cancel_or_renew(client, organisation, admin, member):
    room = make_room()
    booking = book(room, organisation, at(8, 10), at(8, 12))
    client.force_login(admin)  # a member of the booking group, not a manager of the venue
    cancel = reverse("venues:manager_cancel", args=[room.venue.key, room.pk, booking.pk])
    assert client.post(cancel, {"reason": "weg"}).status_code == 404
    renew = reverse("venues:renew_room_feed", args=[room.venue.key, room.pk])
    assert client.post(renew).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.APPROVED


def test_when_a_group_cancels_the_manager_is_told(
    client, organisation, member, django_capture_on_commit_callbacks
):
    room = make_room()
    manager = UserFactory(email="beheer@test.example")
    room.venue.managers.add(manager)
    booking = book(room, organisation, at(8, 10), at(8, 12), requested_by=member)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("venues:cancel", args=[organisation.slug, booking.pk]), {"reason": "Ziek"}
        )
    assert mail.outbox[-1].to == [manager.email]
    assert "Ziek" in mail.outbox[-1].body and organisation.name in mail.outbox[-1].body


def test_a_group_that_booked_long_ago_no_longer_shares_the_room(organisation, member):
    room = make_room()
    long_ago = timezone.now() - availability.SHARING_WINDOW - timedelta(days=2)
    BookingFactory(
        room=room,
        organisation=organisation,
        start=long_ago,
        end=long_ago + timedelta(hours=1),
        status=Booking.Status.APPROVED,
    )
    assert not availability.shares_room(member, room)
    Membership.objects.filter(user=member).delete()
    assert not availability.shares_room(member, room)


def test_a_day_that_has_passed_has_no_free_time(organisation):
    room = make_room()
    yesterday = at(-1, 10)
    plan = day_of(availability.week_plan(room, availability.monday_of(yesterday.date())), yesterday)
    assert plan.is_open and plan.free == []
