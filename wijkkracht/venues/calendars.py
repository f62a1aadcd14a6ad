"""Bookings as iCalendar feeds, in Europe/Amsterdam time, right across daylight saving."""

import re

from django.utils import timezone
from icalendar import Calendar, Event

from wijkkracht.core.mail import one_line

from .models import Booking, CalendarFeed


def feed_for(*, organisation=None, room=None) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(organisation=organisation, room=room)
    return feed


def renew(feed: CalendarFeed) -> CalendarFeed:
    """A new secret address; the old one stops working."""
    feed.delete()
    return CalendarFeed.objects.create(organisation=feed.organisation, room=feed.room)


def bookings_of(feed: CalendarFeed):
    bookings = Booking.objects.filter(status__in=Booking.HOLDING).select_related(
        "room__venue", "organisation"
    )
    if feed.organisation_id:
        return bookings.filter(organisation_id=feed.organisation_id)
    return bookings.filter(room_id=feed.room_id)


def _line(text: str) -> str:
    """One line of plain text from a name as stored. Forms refuse line breaks now, but a
    name written before, or in the admin, must not break the feed: icalendar refuses a
    raw line break in some properties (a 500), and a control character is no text."""
    return one_line(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", str(text)))


def to_ical(feed: CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Wijkkracht//bookings//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _line(feed))
    zone = timezone.get_default_timezone()
    for booking in bookings_of(feed):
        event = Event()
        event.add("uid", f"booking-{booking.pk}@wijkkracht")
        event.add("summary", _line(f"{booking.purpose} – {booking.organisation.name}"))
        event.add(
            "location",
            _line(f"{booking.room.name}, {booking.room.venue.name}, {booking.room.venue.address}"),
        )
        event.add("dtstart", booking.start.astimezone(zone))
        event.add("dtend", booking.end.astimezone(zone))
        event.add("dtstamp", booking.created_at)
        event.add(
            "status", "CONFIRMED" if booking.status == Booking.Status.APPROVED else "TENTATIVE"
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
