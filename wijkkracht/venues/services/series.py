"""A series of bookings as one thing: one card for the group and for the manager, cancelled
or decided as a whole (one mail), while each date stays a Booking of its own."""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Booking, BookingSeries, week_of_month
from .bookings import (
    ApprovalRefused,
    Clash,
    _lock_room,
    _tell_managers,
    _tell_requester,
    approval_problem,
    pending_for,
    write_decision,
)

# How many of a group's single bookings and series its bookings page shows at most.
MAX_SINGLES = 200
MAX_SERIES = 50


@dataclass
class SeriesCard:
    """A series with its dates in order, as its page shows it."""

    series: BookingSeries
    dates: list[Booking]
    # On the manager's page: only the dates waiting for her answer.
    pending: list[Booking] = field(default_factory=list)

    is_series = True

    @property
    def room(self):
        return self.series.room

    @property
    def first(self) -> Booking:
        return self.dates[0]

    @property
    def weekday(self) -> int:
        return timezone.localtime(self.first.start).weekday()

    @property
    def start(self) -> time:
        return timezone.localtime(self.first.start).time()

    @property
    def end(self) -> time:
        return timezone.localtime(self.first.end).time()

    @property
    def first_date(self) -> date:
        return timezone.localtime(self.dates[0].start).date()

    @property
    def last_date(self) -> date:
        return timezone.localtime(self.dates[-1].start).date()

    @property
    def rhythm(self) -> str:
        """When it is, such as "Elke dinsdag, 10:00–12:00" or "Elke eerste dinsdag van de
        maand, 10:00–12:00"."""
        values = {
            "day": date_format(self.first_date, "l"),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
        }
        if self.series.repeat != BookingSeries.Repeat.MONTHLY:
            return _("Elke %(day)s, %(start)s–%(end)s") % values
        monthly = {
            1: _("Elke eerste %(day)s van de maand, %(start)s–%(end)s"),
            2: _("Elke tweede %(day)s van de maand, %(start)s–%(end)s"),
            3: _("Elke derde %(day)s van de maand, %(start)s–%(end)s"),
            4: _("Elke vierde %(day)s van de maand, %(start)s–%(end)s"),
            -1: _("Elke laatste %(day)s van de maand, %(start)s–%(end)s"),
        }
        return monthly[week_of_month(self.first_date)] % values

    @property
    def sort_key(self):
        return self.dates[-1].start

    @property
    def status_summary(self) -> str:
        """Such as "12 goedgekeurd, 1 geannuleerd", in the order a booking goes through."""
        counts = {status: 0 for status in Booking.Status.values}
        for booking in self.dates:
            counts[booking.status] += 1
        words = {
            Booking.Status.REQUESTED: lambda n: ngettext(
                "%(n)d aangevraagd", "%(n)d aangevraagd", n
            ),
            Booking.Status.APPROVED: lambda n: ngettext(
                "%(n)d goedgekeurd", "%(n)d goedgekeurd", n
            ),
            Booking.Status.DECLINED: lambda n: ngettext("%(n)d afgewezen", "%(n)d afgewezen", n),
            Booking.Status.CANCELLED: lambda n: ngettext(
                "%(n)d geannuleerd", "%(n)d geannuleerd", n
            ),
        }
        return ", ".join(words[s](n) % {"n": n} for s, n in counts.items() if n)

    @property
    def future_holding(self) -> list[Booking]:
        """The dates that cancelling the series cancels: still to come and holding the room."""
        now = timezone.now()
        return [b for b in self.dates if b.status in Booking.HOLDING and b.start >= now]


def overview_for(organisation) -> list:
    """A group's bookings for its page: single bookings and one SeriesCard per series,
    the latest first (a series by its last date)."""
    singles = list(
        organisation.bookings.filter(series__isnull=True)
        .select_related("room__venue")
        .order_by("-start")[:MAX_SINGLES]
    )
    series = (
        organisation.booking_series.select_related("room__venue")
        .prefetch_related(Prefetch("bookings", queryset=Booking.objects.order_by("start")))
        .order_by("-last_date")[:MAX_SERIES]
    )
    cards = [SeriesCard(s, list(s.bookings.all())) for s in series]
    items = singles + [card for card in cards if card.dates]
    return sorted(
        items, key=lambda item: item.sort_key if isinstance(item, SeriesCard) else item.start
    )[::-1]


def requests_for(manager) -> list:
    """The requests waiting for this venue manager: single bookings and one SeriesCard per
    series with open dates (its pending dates beside all its dates), the soonest first."""
    singles, waiting = [], {}
    for booking in pending_for(manager).order_by("start"):
        if booking.series_id is None:
            singles.append(booking)
        else:
            waiting.setdefault(booking.series_id, []).append(booking)
    series = (
        BookingSeries.objects.filter(pk__in=waiting)
        .select_related("room__venue", "organisation")
        .prefetch_related(Prefetch("bookings", queryset=Booking.objects.order_by("start")))
    )
    cards = [SeriesCard(s, list(s.bookings.all()), pending=waiting[s.pk]) for s in series]
    return sorted(
        singles + cards,
        key=lambda item: item.pending[0].start if isinstance(item, SeriesCard) else item.start,
    )


@dataclass
class SeriesDecision:
    decided: list[Booking]
    # Dates that approving all left open, with why (another booking, a closed day, ...).
    refused: list[Clash]


def decide_series(
    series: BookingSeries, manager, approve: bool, reason: str = ""
) -> SeriesDecision:
    """Approve or decline every open date of the series at once, with one mail to the
    requester. Approving checks each date as a single approval does, under the same
    lock: a date that would book the room twice (or falls on a closed day) stays open
    and is listed in `refused`, so the manager can decide it on its own."""
    decided, refused = [], []
    with _locked(series):
        open_dates = series.bookings.filter(
            status=Booking.Status.REQUESTED, room__venue__managers=manager
        ).select_related("room__venue")
        for booking in open_dates.order_by("start"):
            problem = approval_problem(booking) if approve else ""
            if not problem:
                try:
                    if write_decision(booking, manager, approve, reason):
                        decided.append(booking)
                    continue
                except ApprovalRefused as error:
                    problem = " ".join(error.messages)
            refused.append(Clash(timezone.localtime(booking.start).date(), problem))
    if decided:
        first = Booking.objects.select_related("room__venue", "series", "requested_by").get(
            pk=decided[0].pk
        )
        _tell_requester(first, count=len(decided), refused=refused)
    return SeriesDecision(decided, refused)


def cancel_series(series: BookingSeries, user, reason: str) -> list[Booking]:
    """Cancel every date of the series still to come, with one reason and one mail to the
    other side; dates that have passed stay as they were."""
    with _locked(series):
        now = timezone.now()
        coming = list(
            series.bookings.filter(status__in=Booking.HOLDING, start__gte=now).order_by("start")
        )
        Booking.objects.filter(pk__in=[b.pk for b in coming], status__in=Booking.HOLDING).update(
            status=Booking.Status.CANCELLED, reason=reason, decided_by=user, decided_at=now
        )
    if coming:
        first = Booking.objects.select_related("room__venue", "series", "decided_by").get(
            pk=coming[0].pk
        )
        template = "venues/email/cancelled.txt"
        if first.room.venue.managers.filter(pk=user.pk).exists():
            _tell_requester(first, count=len(coming), template=template)
        else:
            _tell_managers(first, count=len(coming), template=template)
    return coming


@contextmanager
def _locked(series: BookingSeries):
    """One write transaction with the series' room locked, as a request for it locks it."""
    with transaction.atomic():
        _lock_room(series.room)
        yield
