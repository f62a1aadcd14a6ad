"""When a room is free: opening hours minus closures minus bookings (with their buffers).

One week at a time, in local time, as a list of days; the same plan serves the public
availability page (busy without names) and the week view for the groups that share a room.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from wijkkracht.organisations.models import Organisation

from .models import Booking, Room

SHARING_WINDOW = timedelta(weeks=8)  # a group that used the room this recently shares it


@dataclass
class Busy:
    start: datetime
    end: datetime  # the booking's end
    held_until: datetime  # end plus the room's buffer
    booking: Booking


@dataclass
class Free:
    start: datetime
    end: datetime  # the latest end of a new booking, its buffer counted


@dataclass
class DayPlan:
    day: date
    closed: str | None = None  # the reason, or "" when closed without one
    opening: list[tuple[time, time]] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)
    free: list[Free] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closed is None and bool(self.opening)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_start(value: str | None) -> date:
    """The Monday of the week a date (YYYY-MM-DD) falls in; this week for anything else,
    and never further than two years from today, so a link cannot ask for year 9999."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        day = today
    if abs((day - today).days) > 730:
        day = today
    return monday_of(day)


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def holding_bookings(room: Room, start: datetime, end: datetime):
    return (
        room.bookings.filter(status__in=Booking.HOLDING, start__lt=end, held_until__gt=start)
        .select_related("organisation")
        .order_by("start")
    )


def week_plan(room: Room, monday: date) -> list[DayPlan]:
    days = [monday + timedelta(days=n) for n in range(7)]
    start, end = _local(days[0], time.min), _local(days[-1] + timedelta(days=1), time.min)
    hours = list(room.venue.opening_hours.all())
    closures = list(room.venue.closures.filter(start__lte=days[-1], end__gte=days[0]))
    bookings = list(holding_bookings(room, start, end))
    plans = []
    for day in days:
        plan = DayPlan(day)
        closure = next((c for c in closures if c.start <= day <= c.end), None)
        if closure is not None:
            plan.closed = closure.reason
        plan.opening = [(h.opens, h.closes) for h in hours if h.day == day.weekday()]
        plan.busy = [
            Busy(
                timezone.localtime(b.start),
                timezone.localtime(b.end),
                timezone.localtime(b.held_until),
                b,
            )
            for b in bookings
            if timezone.localtime(b.start).date() == day
        ]
        if plan.is_open:
            plan.free = _free(day, plan.opening, plan.busy, room.buffer)
        plans.append(plan)
    return plans


def _free(
    day: date, opening: list[tuple[time, time]], busy: list[Busy], buffer: timedelta
) -> list[Free]:
    """Opening hours minus busy times. Before a booking, a new one must also leave room
    for its own buffer, so a free time there ends that much earlier."""
    now = timezone.localtime()
    free = []
    for opens, closes in opening:
        cursor, closing = _local(day, opens), _local(day, closes)
        for item in sorted(busy, key=lambda b: b.start):
            if item.held_until <= cursor or item.start >= closing:
                continue
            free.append(Free(cursor, timezone.localtime(item.start.astimezone(UTC) - buffer)))
            cursor = max(cursor, item.held_until)
        free.append(Free(cursor, closing))
    useful = []
    for slot in free:
        slot.start = max(slot.start, now)  # what has passed is no longer free to book
        if slot.end - slot.start >= timedelta(minutes=30):
            useful.append(slot)
    return useful


def shares_room(user, room: Room) -> bool:
    """Managers of the venue, and members of a group with an approved booking of the room
    (to come, or recently held). A request alone shows nothing: anyone can ask for a
    room, and the page shows who uses it, when, and what they agreed."""
    if not user.is_authenticated:
        return False
    if user.is_staff or room.venue.managers.filter(pk=user.pk).exists():
        return True
    return sharing_organisations(room).filter(memberships__user=user).exists()


def sharing_organisations(room: Room):
    """Groups with an approved booking of the room that is to come or ended recently."""
    since = timezone.now() - SHARING_WINDOW
    return (
        Organisation.objects.filter(
            bookings__room=room,
            bookings__status=Booking.Status.APPROVED,
            bookings__held_until__gte=since,
        )
        .distinct()
        .order_by("name")
    )
