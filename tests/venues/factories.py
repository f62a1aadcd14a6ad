from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from wijkkracht.places.models import Area
from wijkkracht.venues.models import OpeningHours, Room, Venue

AMS = ZoneInfo("Europe/Amsterdam")


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def make_room(buffer_minutes: int = 0, **room) -> Room:
    area, _ = Area.objects.get_or_create(
        slug="den-haag-laak-test", defaults={"kind": Area.Kind.WIJK, "name": "Testwijk"}
    )
    venue = Venue.objects.create(
        key=f"buurthuis-{Venue.objects.count()}",
        name="Buurthuis Test",
        kind=Venue.Kind.COMMUNITY_CENTRE,
        address="Teststraat 1",
        postcode="2525 AA",
        area=area,
        contact_email="verhuur@test.example",
    )
    for day in range(7):
        OpeningHours.objects.create(venue=venue, day=day, opens=time(8), closes=time(23))
    return Room.objects.create(
        venue=venue, name="Grote zaal", capacity_seated=40, buffer_minutes=buffer_minutes, **room
    )
