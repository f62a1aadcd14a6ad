"""The search offers only rooms that are free on the coming dates of the activity's day."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.venues.factories import AMS, BookingFactory, ClosureFactory, RoomFactory, make_room
from wijkkracht.venues.matching import Activity, Profile, occurrences, search
from wijkkracht.venues.models import Booking, Room


def tomorrows_talk() -> Activity:
    """A weekly taalcafé from 10:00 to 12:00 on tomorrow's weekday."""
    day = (timezone.localdate() + timedelta(days=1)).weekday()
    return Activity("taalcafé", 20, Decimal("4.33"), [], day, time(10), time(12))


def hold(
    room: Room, organisation, day, start: time, end: time, status: str = Booking.Status.APPROVED
) -> Booking:
    begin, finish = (datetime.combine(day, at, tzinfo=AMS) for at in (start, end))
    return BookingFactory(
        room=room,
        organisation=organisation,
        start=begin,
        end=finish,
        held_until=finish + room.buffer,
        status=status,
    )


def offered(activity: Activity) -> list[Room]:
    return [o.room for m in search(Profile([activity])).matches for o in m.options]


def test_the_dates_are_the_next_four_of_that_weekday_from_today(db):
    talk, today = tomorrows_talk(), timezone.localdate()
    assert occurrences(talk) == [today + timedelta(days=1 + 7 * n) for n in range(4)]
    talk.day = today.weekday()
    assert occurrences(talk)[0] == today


def test_a_room_held_every_week_at_that_time_is_not_offered(organisation):
    talk, room = tomorrows_talk(), make_room()
    for day in occurrences(talk):
        hold(room, organisation, day, time(9), time(11))
    assert offered(talk) == []


def test_a_room_held_on_one_of_the_dates_is_not_offered(organisation):
    talk, room = tomorrows_talk(), make_room()
    hold(room, organisation, occurrences(talk)[3], time(11, 30), time(13))
    assert offered(talk) == []


def test_a_room_held_at_another_time_or_after_those_weeks_is_offered(organisation):
    talk, room = tomorrows_talk(), make_room()
    for day in occurrences(talk):
        hold(room, organisation, day, time(14), time(16))
        hold(room, organisation, day, time(8), time(10))
    hold(room, organisation, occurrences(talk)[3] + timedelta(weeks=1), time(10), time(12))
    assert offered(talk) == [room]


def test_a_closure_on_one_of_the_dates_excludes_the_venue(db):
    talk, room = tomorrows_talk(), make_room()
    day = occurrences(talk)[2]
    ClosureFactory(venue=room.venue, start=day - timedelta(days=3), end=day)
    assert offered(talk) == []


def test_a_closure_between_the_dates_does_not(db):
    talk, room = tomorrows_talk(), make_room()
    day = occurrences(talk)[2]
    ClosureFactory(venue=room.venue, start=day + timedelta(days=1), end=day + timedelta(days=5))
    assert offered(talk) == [room]


@pytest.mark.parametrize("status", [Booking.Status.DECLINED, Booking.Status.CANCELLED])
def test_a_declined_or_cancelled_booking_does_not_block(organisation, status):
    talk, room = tomorrows_talk(), make_room()
    for day in occurrences(talk):
        hold(room, organisation, day, time(10), time(12), status=status)
    assert offered(talk) == [room]


def test_a_requested_booking_blocks(organisation):
    talk, room = tomorrows_talk(), make_room()
    hold(
        room,
        organisation,
        occurrences(talk)[0],
        time(10),
        time(12),
        status=Booking.Status.REQUESTED,
    )
    assert offered(talk) == []


def test_the_buffer_of_a_booking_before_counts(organisation):
    talk, room = tomorrows_talk(), make_room(buffer_minutes=30)
    hold(room, organisation, occurrences(talk)[1], time(8), time(9, 45))  # held until 10:15
    assert offered(talk) == []


def test_the_buffer_after_the_activity_counts(organisation):
    talk, room = tomorrows_talk(), make_room(buffer_minutes=30)
    hold(room, organisation, occurrences(talk)[1], time(12, 15), time(13))
    assert offered(talk) == []


def test_a_booking_just_after_the_buffer_leaves_the_room_free(organisation):
    talk, room = tomorrows_talk(), make_room(buffer_minutes=30)
    hold(room, organisation, occurrences(talk)[1], time(12, 30), time(13))
    assert offered(talk) == [room]


def test_another_room_of_the_venue_is_offered_when_one_is_held(organisation):
    talk, room = tomorrows_talk(), make_room(price_hour=Decimal("5"))
    other = RoomFactory(
        venue=room.venue, name="Kleine zaal", capacity_seated=25, price_hour=Decimal("30")
    )
    hold(room, organisation, occurrences(talk)[0], time(10), time(12))
    assert offered(talk) == [other]


def test_an_activity_without_a_day_and_time_ignores_bookings(organisation):
    talk, room = tomorrows_talk(), make_room()
    hold(room, organisation, occurrences(talk)[0], time(10), time(12))
    talk.day = talk.start = talk.end = None
    assert offered(talk) == [room]


def test_a_match_says_on_which_dates_the_room_is_free(db):
    talk = tomorrows_talk()
    make_room()
    assert search(Profile([talk])).matches[0].options[0].free_on == occurrences(talk)


def test_when_every_room_that_fits_is_taken_the_answer_says_so(organisation):
    talk, room = tomorrows_talk(), make_room()
    hold(room, organisation, occurrences(talk)[0], time(10), time(12))
    result = search(Profile([talk]))
    assert result.matches == [] and result.combination is None
    assert "de zalen die passen zijn dan al bezet of gesloten" in result.missing[0]
    assert date_format(occurrences(talk)[0], "j F") in result.missing[0]


def test_when_no_room_is_big_enough_the_answer_does_not_blame_bookings(organisation):
    talk, room = tomorrows_talk(), make_room()
    hold(room, organisation, occurrences(talk)[0], time(10), time(12))
    talk.people = 100
    assert "bezet" not in search(Profile([talk])).missing[0]


def test_the_search_api_lists_the_free_dates(client, organisation):
    talk = tomorrows_talk()
    make_room()
    day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][talk.day]
    response = client.post(
        "/api/v1/venues/search",
        {"activities": [{"people": 20, "day": day, "start": "10:00", "end": "12:00"}]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    option = response.json()["matches"][0]["options"][0]
    assert option["free_on"] == [d.isoformat() for d in occurrences(talk)]
