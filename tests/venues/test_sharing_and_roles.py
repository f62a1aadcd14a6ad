"""Who sees who shares a room, how many requests a group may leave open, and who inside a
group cancels bookings and renews its calendar address (issue 11, items 2 and 6)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.venues.factories import BookingFactory, at, make_room
from wijkkracht.venues import availability
from wijkkracht.venues.models import Booking, BookingSeries
from wijkkracht.venues.services import bookings as services

pytestmark = pytest.mark.django_db


def booking(room, organisation, days, status=Booking.Status.REQUESTED, **extra):
    start, end = at(days, 10), at(days, 12)
    return BookingFactory(
        room=room, organisation=organisation, start=start, end=end, status=status, **extra
    )


def request_form(organisation, days: int, **extra) -> dict:
    return {
        "organisation": organisation.slug,
        "date": at(days, 10).date().isoformat(),
        "start": "10:00",
        "end": "11:00",
        "purpose": "Taalcafé",
        "people_expected": 8,
        **extra,
    }


# --- item 2: only an approved booking shows who shares the room --------------------------


def test_a_group_with_only_a_request_does_not_see_who_shares_the_room(client, organisation, member):
    room = make_room()
    booking(room, organisation, 8)
    url = reverse("venues:usage", args=[room.venue.key, room.pk])
    client.force_login(member)
    assert client.get(url).status_code == 404
    assert not availability.shares_room(member, room)
    Booking.objects.update(status=Booking.Status.APPROVED)
    assert client.get(url).status_code == 200


def test_a_request_does_not_list_its_group_among_those_who_share(client, organisation, member):
    room = make_room()
    other = UserFactory()
    booking(room, organisation, 8, status=Booking.Status.APPROVED)
    requester = booking(room, OrganisationFactory(name="Alleen Aangevraagd"), 9)
    client.force_login(member)
    page = client.get(reverse("venues:usage", args=[room.venue.key, room.pk])).content.decode()
    assert organisation.name in page and "Alleen Aangevraagd" not in page
    assert requester.status == "requested" and not availability.shares_room(other, room)


def test_a_venue_manager_sees_who_shares_without_a_booking(client):
    room = make_room()
    manager = UserFactory()
    room.venue.managers.add(manager)
    client.force_login(manager)
    assert client.get(reverse("venues:usage", args=[room.venue.key, room.pk])).status_code == 200


def test_a_group_may_wait_for_at_most_five_answers(client, organisation, member):
    rooms = [make_room() for _ in range(services.MAX_OPEN_REQUESTS + 1)]
    client.force_login(member)
    for room in rooms[:-1]:
        response = client.post(
            reverse("venues:request", args=[room.venue.key, room.pk]), request_form(organisation, 7)
        )
        assert response.status_code == 302
    last = rooms[-1]
    response = client.post(
        reverse("venues:request", args=[last.venue.key, last.pk]), request_form(organisation, 7)
    )
    assert response.status_code == 400
    assert "wachten al op antwoord op 5 aanvragen" in response.content.decode()
    assert not last.bookings.exists()


def test_answered_and_past_requests_and_a_series_count_fairly(organisation, member):
    room = make_room()
    series = BookingSeries.objects.create(
        room=room,
        organisation=organisation,
        first_date=at(7, 10).date(),
        last_date=at(28, 10).date(),
    )
    for week in range(4):  # one series of four dates: one open request
        booking(room, organisation, 7 + 7 * week, series=series)
    booking(room, organisation, 1, status=Booking.Status.APPROVED)
    booking(room, organisation, 2, status=Booking.Status.DECLINED)
    BookingFactory(room=room, organisation=organisation, start=at(-3, 10), end=at(-3, 12))
    for days in (3, 4, 5):
        booking(room, organisation, days)
    services.check_open_requests(organisation)  # 4 open: one more may be asked
    booking(room, organisation, 6)
    with pytest.raises(services.TooManyOpenRequests):
        services.check_open_requests(organisation)


def test_a_series_is_refused_when_the_group_waits_for_five_answers(organisation):
    room = make_room()
    for days in range(1, 6):
        booking(room, organisation, days)
    first = at(14, 10).date()
    with pytest.raises(services.TooManyOpenRequests):
        services.request_series(
            room,
            organisation,
            UserFactory(),
            first,
            first + timedelta(weeks=2),
            at(0, 14).time(),
            at(0, 15).time(),
            "Naailes",
            5,
        )
    assert not BookingSeries.objects.exists()


# --- item 6: cancelling and renewing follow organisations.permissions ----------------------


def cancel(client, organisation, item):
    return client.post(
        reverse("venues:cancel", args=[organisation.slug, item.pk]), {"reason": "Gaat niet door"}
    )


def test_a_member_cancels_the_booking_she_asked_for(client, organisation, member):
    item = booking(make_room(), organisation, 7, requested_by=member)
    client.force_login(member)
    assert cancel(client, organisation, item).status_code == 302
    item.refresh_from_db()
    assert item.status == Booking.Status.CANCELLED


def test_a_member_may_not_cancel_a_booking_someone_else_asked_for(
    client, organisation, member, admin
):
    item = booking(make_room(), organisation, 7, requested_by=admin)
    client.force_login(member)
    assert cancel(client, organisation, item).status_code == 403
    item.refresh_from_db()
    assert item.status == Booking.Status.REQUESTED
    page = client.get(reverse("venues:bookings", args=[organisation.slug])).content.decode()
    assert reverse("venues:cancel", args=[organisation.slug, item.pk]) not in page


def test_a_member_may_not_renew_the_calendar_address(client, organisation, member):
    client.force_login(member)
    url = reverse("venues:bookings", args=[organisation.slug])
    old = client.get(url).context["feed_url"]
    assert client.post(reverse("venues:renew_feed", args=[organisation.slug])).status_code == 403
    assert client.get(url).context["feed_url"] == old
    assert (
        reverse("venues:renew_feed", args=[organisation.slug])
        not in client.get(url).content.decode()
    )


def test_an_admin_cancels_anyones_booking_and_renews_the_address(
    client, organisation, admin, member
):
    item = booking(make_room(), organisation, 7, requested_by=member)
    client.force_login(admin)
    url = reverse("venues:bookings", args=[organisation.slug])
    old = client.get(url).context["feed_url"]
    assert cancel(client, organisation, item).status_code == 302
    item.refresh_from_db()
    assert item.status == Booking.Status.CANCELLED
    assert client.post(reverse("venues:renew_feed", args=[organisation.slug])).status_code == 302
    assert client.get(url).context["feed_url"] != old
