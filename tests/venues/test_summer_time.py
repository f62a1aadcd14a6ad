"""Bookings around the change to and from summer time (issue 11, item 13): holds are
instants in UTC plus the buffer, and a clock time that does not exist is refused.

In Europe/Amsterdam summer time starts on 28 March 2027 (02:00 becomes 03:00) and ends on
31 October 2027 (03:00 becomes 02:00 again). The dates lie beyond today, so the rule that
a moment must still be to come holds; the horizon of two years is moved back for them.
"""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from tests.venues.factories import AMS, make_room
from wijkkracht.venues.forms.bookings import BookingRequestForm
from wijkkracht.venues.models import Booking
from wijkkracht.venues.services import bookings as services

SPRING, AUTUMN = date(2027, 3, 28), date(2027, 10, 31)


@pytest.fixture(autouse=True)
def _far_enough(monkeypatch):
    """The two dates are within the horizon, and still to come, whatever today is."""
    monkeypatch.setattr(
        services, "HORIZON", datetime(2028, 1, 1, tzinfo=UTC) - timezone.now(), raising=False
    )
    monkeypatch.setattr("wijkkracht.venues.forms.bookings.HORIZON", services.HORIZON, raising=False)


@pytest.fixture
def room(db):
    room = make_room(buffer_minutes=90)
    room.venue.opening_hours.update(opens=time(0, 30))
    return room


def local(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS, fold=fold)


def book(room, start, end, organisation=None):
    return services.request_booking(
        room, organisation or OrganisationFactory(), UserFactory(), start, end, "Taalcafé", 10
    )


def test_the_buffer_is_added_to_the_instant_across_the_missing_hour(room):
    # Ends 01:30 winter time; 90 minutes later it is 04:00 summer time, not 03:00.
    booking = book(room, local(SPRING, 1), local(SPRING, 1, 30))
    assert booking.held_until == datetime(2027, 3, 28, 2, 0, tzinfo=UTC)
    assert timezone.localtime(booking.held_until).time() == time(4, 0)


def test_a_real_double_booking_across_the_missing_hour_is_refused(room):
    # The room is cleaned until 04:00 summer time; a booking at 03:15 used to get through.
    book(room, local(SPRING, 1), local(SPRING, 1, 30))
    with pytest.raises(services.BookingConflict):
        book(room, local(SPRING, 3, 15), local(SPRING, 5))
    assert book(room, local(SPRING, 4), local(SPRING, 5)).pk


def test_the_hour_repeated_in_autumn_gets_no_false_conflict(room):
    # 02:00 to 02:30 summer time ends at 00:30 UTC; with 90 minutes the room is free at
    # 02:00 UTC, which is 03:00 winter time. Adding to the clock held it until 04:00.
    first = book(room, local(AUTUMN, 2), local(AUTUMN, 2, 30))
    assert first.held_until == datetime(2027, 10, 31, 2, 0, tzinfo=UTC)
    assert book(room, local(AUTUMN, 3), local(AUTUMN, 4)).pk


def test_a_time_in_the_spring_gap_is_refused_with_a_message(room, organisation):
    form = BookingRequestForm(
        {
            "organisation": organisation.slug,
            "date": SPRING.isoformat(),
            "start": "02:30",
            "end": "04:00",
            "purpose": "Taalcafé",
            "people_expected": 10,
        },
        memberships=[organisation],
    )
    assert not form.is_valid()
    assert "bestaat die dag niet" in str(form.errors["start"])


def test_the_booking_page_refuses_a_time_in_the_spring_gap(client, room, organisation, member):
    client.force_login(member)
    response = client.post(
        reverse("venues:request", args=[room.venue.key, room.pk]),
        {
            "organisation": organisation.slug,
            "date": SPRING.isoformat(),
            "start": "01:00",
            "end": "02:30",
            "purpose": "Taalcafé",
            "people_expected": 10,
        },
    )
    assert response.status_code == 400
    assert "bestaat die dag niet" in response.content.decode()
    assert not Booking.objects.exists()


def ask(client, room, organisation, day, start, end, purpose):
    return client.post(
        reverse("venues:request", args=[room.venue.key, room.pk]),
        {
            "organisation": organisation.slug,
            "date": day.isoformat(),
            "start": start,
            "end": end,
            "purpose": purpose,
            "people_expected": 10,
        },
    )


def test_the_booking_page_gives_no_false_already_booked_after_the_autumn_change(
    client, room, organisation, member
):
    client.force_login(member)
    assert ask(client, room, organisation, AUTUMN, "02:00", "02:30", "Taalcafé").status_code == 302
    # Cleaned for 90 minutes: free again at 03:00 winter time.
    response = ask(client, room, organisation, AUTUMN, "03:00", "04:00", "Naailes")
    assert response.status_code == 302, response.content.decode()
    assert Booking.objects.filter(purpose="Naailes").exists()


def test_the_booking_page_refuses_a_real_double_booking_after_the_spring_change(
    client, room, organisation, member
):
    client.force_login(member)
    assert ask(client, room, organisation, SPRING, "01:00", "01:30", "Taalcafé").status_code == 302
    # Cleaned for 90 minutes: until 04:00 summer time.
    response = ask(client, room, organisation, SPRING, "03:15", "05:00", "Naailes")
    assert response.status_code == 409
    assert "04:00" in response.content.decode()
    assert not Booking.objects.filter(purpose="Naailes").exists()


def test_an_autumn_time_that_happens_twice_means_the_first(room):
    moment = services.local_moment(AUTUMN, time(2, 30))
    assert moment.astimezone(UTC) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_local_moment_refuses_the_spring_gap():
    with pytest.raises(ValidationError, match="bestaat die dag niet"):
        services.local_moment(SPRING, time(2, 30))


def test_a_weekly_series_through_the_spring_change_holds_each_date_exactly(room):
    first = date(2027, 3, 21)
    series, clashes = services.request_series(
        room,
        OrganisationFactory(),
        UserFactory(),
        first,
        date(2027, 4, 4),
        time(1),
        time(1, 30),
        "Taalcafé",
        10,
    )
    assert clashes == []
    holds = {b.held_until - b.end for b in series.bookings.all()}
    assert holds == {room.buffer}


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_the_double_booking_even_without_the_check(room):
    """The same hold written straight to the table: PostgreSQL's exclusion constraint
    refuses it; on SQLite the check in services._hold is the only guard (tested above)."""
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    first = book(room, local(SPRING, 1), local(SPRING, 1, 30))
    start, end = local(SPRING, 3, 15), local(SPRING, 5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=room,
            organisation=first.organisation,
            start=start,
            end=end,
            held_until=services.held_until(room, end),
            purpose="x",
        )
