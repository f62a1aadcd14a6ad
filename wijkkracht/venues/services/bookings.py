"""Booking rooms: requests, decisions and the rule that a room is never booked twice."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import plain
from wijkkracht.organisations.models import Organisation

from ..models import Booking, BookingSeries, Room, RoomAgreement, SearchProfile

# How far ahead a room can be asked for. Venues plan a year or two ahead; beyond that a
# date is a typing mistake (and year 9999 plus a buffer does not exist).
HORIZON = timedelta(days=730)

# Open requests (not yet answered, still to come) an organisation may have at once; a
# weekly series counts as one. See check_open_requests.
MAX_OPEN_REQUESTS = 5


class TooManyOpenRequests(ValidationError):
    """The organisation already waits for answers on MAX_OPEN_REQUESTS requests."""


def local_moment(day: date, at: time) -> datetime:
    """A date and clock time in Amsterdam as an instant.

    A time that does not exist (the hour skipped when summer time starts, such as 02:30
    on the last Sunday of March) is refused. A time that happens twice (the hour repeated
    when summer time ends) means its first occurrence, still in summer time: that is
    what a clock showed first, and a booking never starts later than she meant.
    """
    moment = datetime.combine(day, at, tzinfo=timezone.get_current_timezone())  # fold=0
    check_exists(moment)
    return moment


def check_exists(moment: datetime) -> None:
    """Refuse a clock time its own time zone skips (the spring gap): Python would read it
    with the offset from before the jump, so the booking would end (and be held) earlier
    than its clock times say, and another group could get the room while she is in it."""
    if moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) != moment.replace(
        tzinfo=None
    ):
        raise ValidationError(
            _(
                "Deze tijd bestaat die dag niet: de klok gaat dan een uur "
                "vooruit. Kies een andere tijd."
            )
        )


def held_until(room: Room, end: datetime) -> datetime:
    """The end plus the room's buffer, added to the instant (in UTC), not to the clock:
    across a change to or from summer time the room is held exactly as long."""
    return end.astimezone(UTC) + room.buffer


def check_open_requests(organisation) -> None:
    """What stops one new account from holding many rooms with requests nobody answers.

    A request holds its room until a manager answers, so an organisation may wait for an
    answer on at most MAX_OPEN_REQUESTS requests at once (a weekly series counts as one).
    A request whose date has passed no longer counts: it lapses by itself, it cannot hold
    anything any more. Call inside the transaction that writes the new request.
    """
    waiting = Booking.objects.filter(
        organisation=organisation, status=Booking.Status.REQUESTED, start__gte=timezone.now()
    )
    count = (
        waiting.filter(series__isnull=True).count()
        + waiting.exclude(series__isnull=True).values("series").distinct().count()
    )
    if count >= MAX_OPEN_REQUESTS:
        raise TooManyOpenRequests(
            _(
                "Jullie wachten al op antwoord op %(n)d aanvragen. Vraag een nieuwe zaal aan als "
                "de beheerder heeft geantwoord, of annuleer een aanvraag die niet meer nodig is."
            )
            % {"n": count}
        )


def _lock_organisation(organisation) -> None:
    """Two requests of one organisation take turns (SQLite: the IMMEDIATE transaction)."""
    if connection.vendor == "postgresql":
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def _lock_room(room: Room) -> Room | None:
    """Writes about one room's time take turns: the room row is locked on PostgreSQL; on
    SQLite the write transaction (IMMEDIATE) holds the database. Call inside it."""
    rooms = Room.objects.filter(pk=room.pk)
    if connection.vendor == "postgresql":
        rooms = rooms.select_for_update()
    return rooms.first()


class BookingConflict(Exception):
    """The room is already held at that time."""

    def __init__(self, other: Booking | None):
        super().__init__("room already booked")
        self.other = other


def overlapping(room: Room, start: datetime, held_until: datetime):
    """Holding bookings of this room whose time (with buffer) overlaps [start, held_until)."""
    return room.bookings.filter(
        status__in=Booking.HOLDING, start__lt=held_until, held_until__gt=start
    )


def check_opening(room: Room, start: datetime, end: datetime) -> None:
    """The venue must be open for the whole booking and not closed that day."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        raise ValidationError(_("Een boeking begint en eindigt op dezelfde dag."))
    venue = room.venue
    if venue.closures.filter(start__lte=local_start.date(), end__gte=local_start.date()).exists():
        raise ValidationError(_("De locatie is dan gesloten."))
    open_then = venue.opening_hours.filter(
        day=local_start.weekday(), opens__lte=local_start.time(), closes__gte=local_end.time()
    )
    if not open_then.exists():
        raise ValidationError(_("De locatie is dan niet open. Kijk bij de openingstijden."))


def check_request(room: Room, start: datetime, end: datetime, people_expected: int) -> None:
    """Everything about a requested time except other bookings; ValidationError if wrong."""
    check_exists(start)
    check_exists(end)
    if end <= start:
        raise ValidationError(_("Het einde moet na het begin liggen."))
    if start < timezone.now():
        raise ValidationError(_("Dit moment is al voorbij."))
    if start > timezone.now() + HORIZON:
        raise ValidationError(_("Zo ver vooruit kun je nog niet boeken: hoogstens twee jaar."))
    if people_expected > room.capacity_seated:
        raise ValidationError(
            _("In deze zaal passen %(n)d mensen. Kies een grotere zaal.")
            % {"n": room.capacity_seated}
        )
    check_opening(room, start, end)


def request_booking(
    room: Room,
    organisation,
    user,
    start: datetime,
    end: datetime,
    purpose: str,
    people_expected: int,
) -> Booking:
    """Ask for a room. Raises ValidationError for a bad time, BookingConflict when taken."""
    check_request(room, start, end, people_expected)
    booking = _hold(room, organisation, user, start, end, purpose, people_expected)
    _tell_managers(booking)
    return booking


def _hold(
    room: Room,
    organisation,
    user,
    start: datetime,
    end: datetime,
    purpose: str,
    people_expected: int,
    series: BookingSeries | None = None,
) -> Booking:
    """Lock, re-check, write: the room row is locked (PostgreSQL) or the write transaction
    holds the database (SQLite, IMMEDIATE), so two requests for one slot take turns; on
    PostgreSQL an exclusion constraint refuses an overlap even without the lock."""
    until = held_until(room, end)
    try:
        with transaction.atomic():
            if series is None:  # a series was counted once, when it was made
                _lock_organisation(organisation)
                check_open_requests(organisation)
            if _lock_room(room) is None:  # deleted by its manager since the form was opened
                raise ValidationError(_("Deze zaal bestaat niet meer."))
            other = overlapping(room, start, until).first()
            if other is not None:
                raise BookingConflict(other)
            return Booking.objects.create(
                room=room,
                organisation=organisation,
                requested_by=user,
                start=start,
                end=end,
                held_until=until,
                purpose=purpose,
                people_expected=people_expected,
                series=series,
            )
    except IntegrityError as error:
        raise BookingConflict(overlapping(room, start, until).first()) from error


# A series lasts at most a year: so many dates.
MAX_DATES = {BookingSeries.Repeat.WEEKLY: 52, BookingSeries.Repeat.MONTHLY: 12}


@dataclass
class Clash:
    date: date
    reason: str


class SeriesClashes(Exception):
    """Some dates of a weekly series cannot be booked; the others can."""

    def __init__(self, clashes: list[Clash], free: int):
        super().__init__("dates clash")
        self.clashes, self.free = clashes, free


def _clash_reason(room: Room, day: date, start: time, end: time, people: int) -> str:
    try:
        starts, ends = local_moment(day, start), local_moment(day, end)
        check_request(room, starts, ends, people)
    except ValidationError as error:
        return " ".join(error.messages)
    other = overlapping(room, starts, held_until(room, ends)).first()
    if other is not None:
        return _("al bezet tot %(end)s") % {
            "end": timezone.localtime(other.held_until).strftime("%H:%M")
        }
    return ""


def request_series(
    room: Room,
    organisation,
    user,
    first: date,
    last: date,
    start: time,
    end: time,
    purpose: str,
    people_expected: int,
    skip_clashes: bool = False,
    repeat: str = BookingSeries.Repeat.WEEKLY,
) -> tuple[BookingSeries, list[Clash]]:
    """Ask for the same slot every week, or once a month (the same weekday of the month,
    see BookingSeries.dates), from first to last date (both included).

    Dates that cannot be booked are listed (SeriesClashes) unless skip_clashes is set;
    then the other dates are booked, each as its own booking.
    """
    if last < first:
        raise ValidationError(_("De laatste datum moet na de eerste liggen."))
    most = MAX_DATES[repeat]
    days = BookingSeries.dates(first, last, repeat, limit=most + 1)
    if len(days) > most:
        raise ValidationError(_("Een reeks duurt hoogstens een jaar."))
    if last > timezone.localdate() + HORIZON:
        raise ValidationError(_("Zo ver vooruit kun je nog niet boeken: hoogstens twee jaar."))
    plan = [(day, _clash_reason(room, day, start, end, people_expected)) for day in days]
    clashes = [Clash(day, reason) for day, reason in plan if reason]
    free = [day for day, reason in plan if not reason]
    if not free or (clashes and not skip_clashes):
        raise SeriesClashes(clashes, len(free))
    with transaction.atomic():
        _lock_organisation(organisation)
        check_open_requests(organisation)
        series = BookingSeries.objects.create(
            room=room, organisation=organisation, first_date=first, last_date=last, repeat=repeat
        )
    booked = []
    for day in free:
        try:
            booked.append(
                _hold(
                    room,
                    organisation,
                    user,
                    local_moment(day, start),
                    local_moment(day, end),
                    purpose,
                    people_expected,
                    series,
                )
            )
        except BookingConflict:  # taken between the plan and now
            clashes.append(Clash(day, _("net door iemand anders geboekt")))
    if not booked:
        series.delete()
        raise SeriesClashes(clashes, 0)
    _tell_managers(booked[0], count=len(booked))
    return series, sorted(clashes, key=lambda clash: clash.date)


class ApprovalRefused(ValidationError):
    """This request cannot be approved now; the message says why."""


def approval_problem(booking: Booking) -> str:
    """Why this request cannot be approved now, or "" when it can: it is checked as a new
    request would be (passed, closed, not open, too many people, another booking in the
    way with the room's buffer as it is now). Call with the room locked (_lock_room)."""
    room = booking.room
    try:
        check_request(room, booking.start, booking.end, booking.people_expected)
    except ValidationError as error:
        return " ".join(error.messages)
    until = held_until(room, booking.end)
    other = overlapping(room, booking.start, until).exclude(pk=booking.pk).first()
    if other is not None:
        return _("al bezet van %(start)s tot %(end)s") % {
            "start": timezone.localtime(other.start).strftime("%H:%M"),
            "end": timezone.localtime(other.held_until).strftime("%H:%M"),
        }
    return ""


def write_decision(booking: Booking, manager, approve: bool, reason: str) -> bool:
    """Answer an open request (a conditional update, so it is answered once). An approved
    booking holds the room with the room's buffer as it is now. Call with the room locked
    and, when approving, after approval_problem found nothing."""
    fields = {
        "status": Booking.Status.APPROVED if approve else Booking.Status.DECLINED,
        "decided_by": manager,
        "decided_at": timezone.now(),
        "reason": reason,
    }
    if approve:
        fields["held_until"] = held_until(booking.room, booking.end)
    try:
        with transaction.atomic():
            answer = Booking.objects.filter(pk=booking.pk, status=Booking.Status.REQUESTED)
            return bool(answer.update(**fields))
    except IntegrityError as error:  # PostgreSQL's own refusal of an overlap
        raise ApprovalRefused(_("Deze zaal is dan al bezet.")) from error


def decide(booking: Booking, manager, approve: bool, reason: str = "") -> Booking:
    """A venue manager approves or declines a request; the requester is told by mail.
    An approval that would book the room twice (or on a closed day) is refused with
    ApprovalRefused, and the request stays open."""
    with transaction.atomic():
        _lock_room(booking.room)
        booking.refresh_from_db()
        if approve and booking.status == Booking.Status.REQUESTED:
            problem = approval_problem(booking)
            if problem:
                raise ApprovalRefused(problem)
        updated = write_decision(booking, manager, approve, reason)
    booking.refresh_from_db()
    if updated:
        _tell_requester(booking)
    return booking


def cancel(booking: Booking, user, reason: str) -> Booking:
    """Either side cancels with a reason; the other side is told by mail."""
    updated = Booking.objects.filter(pk=booking.pk, status__in=Booking.HOLDING).update(
        status=Booking.Status.CANCELLED,
        reason=reason,
        decided_by=user,
        decided_at=timezone.now(),
    )
    booking.refresh_from_db()
    if updated:
        if booking.room.venue.managers.filter(pk=user.pk).exists():
            _tell_requester(booking, template="venues/email/cancelled.txt")
        else:
            _tell_managers(booking, template="venues/email/cancelled.txt")
    return booking


def upcoming_in(room: Room):
    """The room's holding bookings from today on, for its managers."""
    return (
        room.bookings.filter(status__in=Booking.HOLDING, end__gte=timezone.now())
        .select_related("organisation")
        .order_by("start")
    )


def save_agreement(room: Room, organisation, user, data: dict) -> RoomAgreement:
    agreement, _created = RoomAgreement.objects.update_or_create(
        room=room, organisation=organisation, defaults={**data, "updated_by": user}
    )
    return agreement


def pending_for(manager):
    return Booking.objects.filter(
        room__venue__managers=manager, status=Booking.Status.REQUESTED
    ).select_related("room__venue", "organisation", "series")


def _tell_managers(
    booking: Booking, count: int = 1, template: str = "venues/email/requested.txt"
) -> None:
    venue = booking.room.venue
    recipients = [m.email for m in venue.managers.all()] or (
        [venue.contact_email] if venue.contact_email else []
    )
    if recipients:
        subject = (
            _("Nieuwe aanvraag voor %(room)s")
            if template.endswith("requested.txt")
            else _("Boeking geannuleerd: %(room)s")
        )
        link = settings.SITE_URL + reverse("venues:manage")
        _mail(
            booking, recipients, template, subject % {"room": booking.room.name}, count, link=link
        )


def _tell_requester(
    booking: Booking,
    count: int = 1,
    template: str = "venues/email/decided.txt",
    refused: list | None = None,
) -> None:
    if booking.requested_by and booking.requested_by.email:
        language = booking.requested_by.language or translation.get_language()
        link = settings.SITE_URL + reverse("venues:bookings", args=[booking.organisation.slug])
        with translation.override(language):
            _mail(
                booking,
                [booking.requested_by.email],
                template,
                _("Je aanvraag voor %(room)s") % {"room": booking.room.name},
                count,
                refused,
                link=link,
            )


def _mail(
    booking: Booking,
    recipients: list[str],
    template: str,
    subject: str,
    count: int = 1,
    refused: list | None = None,
    link: str = "",
) -> None:
    """`link` opens the page where she acts on it (decides, or sees her bookings)."""
    context = {"booking": booking, "count": count, "refused": refused or [], "link": link}
    body = render_to_string(template, context)
    send_after_commit(subject, body, recipients)


def export_for_user(user) -> dict:
    """The bookings she asked for or decided on, and the room agreements and search
    profiles she saved for her group, for her data export."""
    return {
        "bookings_requested": [
            {
                "organisation": b.organisation.name,
                "venue": b.room.venue.name,
                "room": b.room.name,
                "start": b.start.isoformat(),
                "end": b.end.isoformat(),
                "purpose": b.purpose,
                "status": b.status,
            }
            for b in Booking.objects.filter(requested_by=user).select_related(
                "room__venue", "organisation"
            )
        ],
        "bookings_decided": plain(
            Booking.objects.filter(decided_by=user),
            "organisation__name",
            "room__venue__name",
            "room__name",
            "start",
            "status",
            "decided_at",
        ),
        "room_agreements_saved": plain(
            RoomAgreement.objects.filter(updated_by=user),
            "organisation__name",
            "room__venue__name",
            "room__name",
            "updated_at",
        ),
        "search_profiles_saved": plain(
            SearchProfile.objects.filter(updated_by=user), "organisation__name", "updated_at"
        ),
    }


def save_profile(organisation, user, query: str) -> SearchProfile:
    profile, _created = SearchProfile.objects.update_or_create(
        organisation=organisation, defaults={"query": query, "updated_by": user}
    )
    return profile
