import threading
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.venues.factories import AMS, ClosureFactory, at, make_room
from wijkkracht.venues.models import Booking, Room
from wijkkracht.venues.services import bookings as services
from wijkkracht.venues.services import series as series_services


@pytest.fixture
def room(db):
    return make_room(buffer_minutes=30)


def book(room, organisation, start, end, user=None):
    return services.request_booking(
        room, organisation, user or UserFactory(), start, end, "Taalcafé", 20
    )


def test_a_free_slot_is_booked_and_the_venue_is_told(
    room, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(room, organisation, at(7, 10), at(7, 12))
    assert booking.status == "requested"
    assert booking.held_until == at(7, 12, 30)
    assert mail.outbox[0].to == ["verhuur@test.example"]


def test_an_overlapping_slot_is_refused(room, organisation):
    first = book(room, organisation, at(7, 10), at(7, 12))
    with pytest.raises(services.BookingConflict) as conflict:
        book(room, OrganisationFactory(), at(7, 11), at(7, 13))
    assert conflict.value.other == first


def test_the_buffer_keeps_bookings_apart(room, organisation):
    book(room, organisation, at(7, 10), at(7, 12))
    with pytest.raises(services.BookingConflict):
        book(room, organisation, at(7, 12, 15), at(7, 13))
    assert book(room, organisation, at(7, 12, 30), at(7, 13)).pk


def test_a_declined_or_cancelled_booking_frees_the_room(room, organisation):
    first = book(room, organisation, at(7, 10), at(7, 12))
    services.decide(first, UserFactory(), approve=False, reason="Zaal is in onderhoud")
    second = book(room, organisation, at(7, 10), at(7, 12))
    services.cancel(second, UserFactory(), "Gaat niet door")
    assert book(room, organisation, at(7, 10), at(7, 12)).status == "requested"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (at(7, 12), at(7, 10), "na het begin"),
        (at(-1, 10), at(-1, 12), "voorbij"),
        (at(7, 6), at(7, 9), "niet open"),
        (at(7, 22), at(8, 1), "dezelfde dag"),
    ],
)
def test_bad_times_are_explained(room, organisation, start, end, message):
    with pytest.raises(ValidationError, match=message):
        book(room, organisation, start, end)


def test_a_closed_day_is_refused(room, organisation):
    day = at(7, 10).date()
    ClosureFactory(venue=room.venue, start=day, end=day, reason="Kerst")
    with pytest.raises(ValidationError, match="gesloten"):
        book(room, organisation, at(7, 10), at(7, 12))


def test_the_requester_hears_the_decision_in_her_language(room, django_capture_on_commit_callbacks):
    requester = UserFactory(language="tr")
    membership = MembershipFactory(user=requester)
    booking = services.request_booking(
        room, membership.organisation, requester, at(7, 10), at(7, 12), "Naailes", 12
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(booking, UserFactory(), approve=True)
    assert booking.status == "approved"
    assert mail.outbox[0].to == [requester.email]
    assert "Naailes" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(2))
def test_twenty_parallel_requests_for_one_slot_give_one_booking(attempt):
    room = make_room()
    organisations = [OrganisationFactory() for _ in range(20)]
    user = UserFactory()
    barrier = threading.Barrier(20)
    outcomes = []

    def request(organisation):
        barrier.wait()
        try:
            services.request_booking(room, organisation, user, at(7, 10), at(7, 12), "x", 5)
            outcomes.append("booked")
        except services.BookingConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(o,)) for o in organisations]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count("conflict") == 19
    assert Booking.objects.filter(room=room).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own constraint")
def test_on_postgresql_the_database_itself_refuses_an_overlap(room, organisation):
    Booking.objects.create(
        room=room,
        organisation=organisation,
        start=at(7, 10),
        end=at(7, 12),
        held_until=at(7, 12),
        purpose="a",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=room,
            organisation=organisation,
            start=at(7, 11),
            end=at(7, 13),
            held_until=at(7, 13),
            purpose="b",
        )


def test_more_people_than_seats_is_refused(room, organisation):
    with pytest.raises(ValidationError, match="passen 40 mensen"):
        services.request_booking(
            room, organisation, UserFactory(), at(7, 10), at(7, 12), "Feest", 41
        )


def weekly(room, organisation, first, weeks, skip=False, start=time(10), end=time(12)):
    from datetime import timedelta as td

    return services.request_series(
        room,
        organisation,
        UserFactory(),
        first,
        first + td(weeks=weeks - 1),
        start,
        end,
        "Taalcafé",
        10,
        skip_clashes=skip,
    )


def test_a_weekly_series_books_every_date_as_its_own_booking(
    room, organisation, django_capture_on_commit_callbacks
):
    first = at(7, 10).date()
    with django_capture_on_commit_callbacks(execute=True):
        series, clashes = weekly(room, organisation, first, 6)
    assert clashes == []
    assert series.bookings.count() == 6
    assert len(mail.outbox) == 1  # one mail for the whole series
    dates = sorted(b.start.astimezone(AMS).date() for b in series.bookings.all())
    assert dates == [first + timedelta(weeks=n) for n in range(6)]


def test_a_series_lists_the_dates_that_clash_and_books_the_rest_on_request(room, organisation):
    first = at(7, 10).date()
    taken = book(room, OrganisationFactory(), at(21, 11), at(21, 13))  # third week
    with pytest.raises(services.SeriesClashes) as clashes:
        weekly(room, organisation, first, 4)
    assert [c.date for c in clashes.value.clashes] == [taken.start.astimezone(AMS).date()]
    assert clashes.value.free == 3
    assert not Booking.objects.filter(organisation=organisation).exists()
    series, skipped = weekly(room, organisation, first, 4, skip=True)
    assert series.bookings.count() == 3 and len(skipped) == 1


def test_one_date_of_a_series_is_cancelled_alone(room, organisation):
    series, _ = weekly(room, organisation, at(7, 10).date(), 3)
    one = series.bookings.order_by("start")[1]
    services.cancel(one, UserFactory(), "Feestdag")
    statuses = list(series.bookings.order_by("start").values_list("status", flat=True))
    assert statuses == ["requested", "cancelled", "requested"]


def test_the_manager_approves_a_whole_series_at_once(room, organisation):
    manager = UserFactory()
    room.venue.managers.add(manager)
    series, _ = weekly(room, organisation, at(7, 10).date(), 4)
    assert len(series_services.decide_series(series, manager, approve=True).decided) == 4
    assert set(series.bookings.values_list("status", flat=True)) == {"approved"}


def test_a_series_longer_than_a_year_is_refused(room, organisation):
    with pytest.raises(ValidationError, match="hoogstens een jaar"):
        weekly(room, organisation, at(7, 10).date(), 60)


def test_a_room_deleted_meanwhile_gets_a_clear_message(room, organisation):
    stale = Room.objects.get(pk=room.pk)
    Room.objects.filter(pk=room.pk).delete()
    with pytest.raises(ValidationError, match="bestaat niet meer"):
        services.request_booking(stale, organisation, None, at(7, 10), at(7, 12), "Taalcafé", 5)


@pytest.mark.django_db(transaction=True)
def test_two_managers_approving_one_series_at_once_approve_each_date_once_with_one_mail():
    from tests.venues.factories import make_series, weekly_dates
    from wijkkracht.core.models import OutgoingMail
    from wijkkracht.venues.services import series as series_services

    room = make_room()
    managers = [UserFactory(), UserFactory()]
    room.venue.managers.add(*managers)
    series = make_series(
        room, OrganisationFactory(), weekly_dates(at(7, 10).date(), 8), requested_by=UserFactory()
    )
    barrier = threading.Barrier(2)
    decided = []

    def approve(manager):
        barrier.wait()
        try:
            decided.append(len(series_services.decide_series(series, manager, True).decided))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(m,)) for m in managers]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert sorted(decided) == [0, 8]
    assert set(series.bookings.values_list("status", flat=True)) == {"approved"}
    assert OutgoingMail.objects.count() == 1
