from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from tests.factories import AreaFactory, OrganisationFactory
from wijkkracht.places.models import Area
from wijkkracht.venues.models import Booking, BookingSeries, Closure, OpeningHours, Room, Venue

AMS = ZoneInfo("Europe/Amsterdam")


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


class VenueFactory(factory.django.DjangoModelFactory):
    """A published community centre with only what a venue must have: no rules, no
    accessibility, no contact, so a test that needs one says so."""

    class Meta:
        model = Venue

    key = factory.Sequence(lambda n: f"buurthuis-de-linde-{n}")
    name = factory.Sequence(lambda n: f"Buurthuis De Linde {n}")
    kind = Venue.Kind.COMMUNITY_CENTRE
    address = factory.Sequence(lambda n: f"Lindestraat {n + 1}")
    postcode = "2525 AB"
    area = factory.SubFactory(AreaFactory)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    venue = factory.SubFactory(VenueFactory)
    day = OpeningHours.Day.MONDAY
    opens = time(9)
    closes = time(22)


class ClosureFactory(factory.django.DjangoModelFactory):
    """Closed for one day, a month from now."""

    class Meta:
        model = Closure

    venue = factory.SubFactory(VenueFactory)
    start = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    end = factory.SelfAttribute("start")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = "Grote zaal"
    capacity_seated = 40


class BookingFactory(factory.django.DjangoModelFactory):
    """A requested booking next week from 10:00 to 12:00, holding the room for its buffer."""

    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start = factory.LazyFunction(lambda: at(7, 10))
    end = factory.LazyAttribute(lambda booking: booking.start + timedelta(hours=2))
    held_until = factory.LazyAttribute(lambda booking: booking.end + booking.room.buffer)
    purpose = "Taalcafé"


def make_room(buffer_minutes: int = 0, **room) -> Room:
    """A room of 40 seats in a venue that is open every day from 08:00 to 23:00."""
    venue = VenueFactory(
        name="Buurthuis Test",
        address="Teststraat 1",
        postcode="2525 AA",
        area=AreaFactory(slug="den-haag-laak-test", kind=Area.Kind.WIJK, name="Testwijk"),
        contact_email="verhuur@test.example",
    )
    for day in range(7):
        OpeningHoursFactory(venue=venue, day=day, opens=time(8), closes=time(23))
    return RoomFactory(venue=venue, buffer_minutes=buffer_minutes, **room)


class BookingSeriesFactory(factory.django.DjangoModelFactory):
    """A series' own row; make_series adds its dates."""

    class Meta:
        model = BookingSeries

    room = factory.SubFactory(RoomFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    first_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    last_date = factory.SelfAttribute("first_date")


def make_series(
    room: Room, organisation, days: list[date], hours=(10, 12), **booking
) -> BookingSeries:
    """A series on these dates from 10:00 to 12:00, each date requested, written straight
    to the table (request_series checks and mails; use it where that is the point)."""
    series = BookingSeriesFactory(
        room=room, organisation=organisation, first_date=days[0], last_date=days[-1]
    )
    for day in days:
        start = datetime(day.year, day.month, day.day, hours[0], tzinfo=AMS)
        BookingFactory(
            room=room,
            organisation=organisation,
            series=series,
            start=start,
            end=start.replace(hour=hours[1]),
            **booking,
        )
    return series


def weekly_dates(first: date, weeks: int) -> list[date]:
    return [first + timedelta(weeks=n) for n in range(weeks)]
