"""Booking rooms: requests, decisions and the rule that a room is never booked twice."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Booking, Room


class BookingConflict(Exception):
    """The room is already held at that time."""

    def __init__(self, other: Booking | None):
        super().__init__("room already booked")
        self.other = other


def overlapping(room: Room, start: datetime, held_until: datetime):
    """Holding bookings of this room whose time (with buffer) overlaps [start, held_until)."""
    return room.bookings.filter(status__in=Booking.HOLDING, start__lt=held_until,
                                held_until__gt=start)


def check_opening(room: Room, start: datetime, end: datetime) -> None:
    """The venue must be open for the whole booking and not closed that day."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        raise ValidationError(_("Een boeking begint en eindigt op dezelfde dag."))
    venue = room.venue
    if venue.closures.filter(start__lte=local_start.date(), end__gte=local_start.date()).exists():
        raise ValidationError(_("De locatie is dan gesloten."))
    open_then = venue.opening_hours.filter(day=local_start.weekday(),
                                           opens__lte=local_start.time(),
                                           closes__gte=local_end.time())
    if not open_then.exists():
        raise ValidationError(_("De locatie is dan niet open. Kijk bij de openingstijden."))


def request_booking(room: Room, organisation, user, start: datetime, end: datetime,
                    purpose: str, people_expected: int) -> Booking:
    """Ask for a room. Raises ValidationError for a bad time, BookingConflict when taken.

    Lock, re-check, write: the room row is locked (PostgreSQL) or the write transaction
    holds the database (SQLite, IMMEDIATE), so two requests for one slot take turns; on
    PostgreSQL an exclusion constraint refuses an overlap even without the lock.
    """
    if end <= start:
        raise ValidationError(_("Het einde moet na het begin liggen."))
    if start < timezone.now():
        raise ValidationError(_("Dit moment is al voorbij."))
    if people_expected > room.capacity_seated:
        raise ValidationError(_("In deze zaal passen %(n)d mensen. Kies een grotere zaal.")
                              % {"n": room.capacity_seated})
    check_opening(room, start, end)
    held_until = end + room.buffer
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                Room.objects.select_for_update().get(pk=room.pk)
            other = overlapping(room, start, held_until).first()
            if other is not None:
                raise BookingConflict(other)
            booking = Booking.objects.create(
                room=room, organisation=organisation, requested_by=user, start=start,
                end=end, held_until=held_until, purpose=purpose,
                people_expected=people_expected,
            )
    except IntegrityError as error:
        raise BookingConflict(overlapping(room, start, held_until).first()) from error
    _tell_managers(booking)
    return booking


def decide(booking: Booking, manager, approve: bool, reason: str = "") -> Booking:
    """A venue manager approves or declines a request; the requester is told by mail."""
    updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.REQUESTED).update(
        status=Booking.Status.APPROVED if approve else Booking.Status.DECLINED,
        decided_by=manager, decided_at=timezone.now(), reason=reason[:300],
    )
    booking.refresh_from_db()
    if updated:
        _tell_requester(booking)
    return booking


def cancel(booking: Booking, user, reason: str) -> Booking:
    Booking.objects.filter(pk=booking.pk, status__in=Booking.HOLDING).update(
        status=Booking.Status.CANCELLED, reason=reason[:300], decided_by=user,
        decided_at=timezone.now(),
    )
    booking.refresh_from_db()
    return booking


def pending_for(manager):
    return Booking.objects.filter(room__venue__managers=manager,
                                  status=Booking.Status.REQUESTED).select_related(
        "room__venue", "organisation")


def _tell_managers(booking: Booking) -> None:
    venue = booking.room.venue
    recipients = [m.email for m in venue.managers.all()] or (
        [venue.contact_email] if venue.contact_email else [])
    if recipients:
        _mail(booking, recipients, "venues/email/requested.txt",
              _("Nieuwe aanvraag voor %(room)s") % {"room": booking.room.name})


def _tell_requester(booking: Booking) -> None:
    if booking.requested_by and booking.requested_by.email:
        language = booking.requested_by.language or translation.get_language()
        with translation.override(language):
            _mail(booking, [booking.requested_by.email], "venues/email/decided.txt",
                  _("Je aanvraag voor %(room)s") % {"room": booking.room.name})


def _mail(booking: Booking, recipients: list[str], template: str, subject: str) -> None:
    send_mail(subject, render_to_string(template, {"booking": booking}), None, recipients)


def export_for_user(user) -> dict:
    """The bookings she asked for, for her data export."""
    return {"bookings_requested": [
        {"organisation": b.organisation.name, "venue": b.room.venue.name, "room": b.room.name,
         "start": b.start.isoformat(), "end": b.end.isoformat(), "purpose": b.purpose,
         "status": b.status}
        for b in Booking.objects.filter(requested_by=user).select_related("room__venue",
                                                                           "organisation")
    ]}
