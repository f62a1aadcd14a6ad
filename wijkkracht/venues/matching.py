"""Matching a group's search profile to rooms: hard requirements filter, preferences rank.

Each result says what it meets and misses and what it costs a month. When no single venue
fits every activity within budget, the cheapest combination (an activity per venue) is
proposed; when none exists, the answer says what is missing.

The database does the filtering, so a search stays fast with tens of thousands of venues:
seats, equipment, area, step-free entrance and lift, opening hours, and closures and
bookings on the activity's next WEEKS_AHEAD dates (weekly, fortnightly or monthly). For
the activity that weighs most in the cost it walks an index of rooms by a plausible price
(see RATE), and in each venue found it picks the cheapest-looking room for every other
activity; only those rows reach Python (CANDIDATES, a few more for more activities), which
works out the exact monthly costs, the budget and the ranking. A search is one SQL
statement; more only when wishes or a shortage call for a second look. The SQL itself is in
search_sql.py.
"""

import math
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from wijkkracht.places.models import Area

from .models import BookingSeries, OpeningHours, Room, Venue
from .search_sql import (
    CENT,
    DAYPART_HOURS,
    PRICES,
    ROOM_COLUMNS,
    VENUE_COLUMNS,
    WEEKS_PER_MONTH,
    _candidates,
    _cheapest,
    _fits_when_free,
)

WEEKS_AHEAD = 4  # a room must be free on this many coming dates of the activity
MAX_MATCHES = 20  # as many as the search page shows


@dataclass
class Activity:
    kind: str
    people: int
    per_month: Decimal = WEEKS_PER_MONTH  # how often a month; weekly by default
    equipment: list[str] = field(default_factory=list)
    day: int | None = None  # 0 = Monday
    start: time | None = None
    end: time | None = None

    @property
    def hours(self) -> Decimal:
        if self.start and self.end and self.end > self.start:
            minutes = (
                datetime.combine(datetime.min, self.end)
                - datetime.combine(datetime.min, self.start)
            ).seconds / 60
            return Decimal(minutes / 60).quantize(CENT)
        return Decimal(2)

    @property
    def is_timed(self) -> bool:
        return self.day is not None and bool(self.start) and bool(self.end)


@dataclass
class Profile:
    activities: list[Activity]
    step_free: bool = False
    lift: bool = False
    public_transport: bool = False
    parking: bool = False
    areas: list[Area] = field(default_factory=list)
    budget_per_month: Decimal | None = None


@dataclass
class Option:
    """One activity in one room, with its monthly cost and the dates it is free."""

    activity: Activity
    room: Room
    per_month: Decimal
    free_on: list[date] = field(default_factory=list)


@dataclass
class VenueMatch:
    venue: Venue
    options: list[Option]
    met: list[str]
    missed: list[str]

    @property
    def per_month(self) -> Decimal:
        return sum((o.per_month for o in self.options), Decimal(0))


@dataclass
class Combination:
    options: list[Option]

    @property
    def per_month(self) -> Decimal:
        return sum((o.per_month for o in self.options), Decimal(0))


@dataclass
class SearchResult:
    matches: list[VenueMatch]
    combination: Combination | None
    missing: list[str]


def euros(amount: Decimal) -> str:
    """An amount as people write it here: 346,40 in Dutch; whole euros without cents."""
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, places, use_l10n=True)


def monthly_cost(room: Room, activity: Activity) -> Decimal:
    """Rent for the activity's sessions in a month, with the social tariff, plus one-off
    costs per session; a monthly price is used when it is cheaper for a weekly slot."""
    return _cost(room, _Tariff.of(activity))


class _Tariff(NamedTuple):
    """What an activity's cost depends on, worked out once per search."""

    hours: Decimal
    dayparts: int
    per_month: Decimal
    weekly: bool

    @classmethod
    def of(cls, activity: Activity) -> "_Tariff":
        hours = activity.hours
        return cls(
            hours, math.ceil(hours / DAYPART_HOURS), activity.per_month, activity.per_month >= 4
        )


def _cost(room: Room, tariff: _Tariff) -> Decimal:
    per_session = []
    if room.price_hour is not None:
        per_session.append(room.price_hour * tariff.hours)
    if room.price_daypart is not None:
        per_session.append(room.price_daypart * tariff.dayparts)
    rent = min(per_session) if per_session else Decimal(0)
    discount = (Decimal(100) - room.social_discount_percent) / 100
    total = (rent * discount + room.one_off_costs) * tariff.per_month
    if room.price_month is not None and tariff.weekly:
        total = min(total, room.price_month * discount)
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def occurrences(activity: Activity, today: date | None = None) -> list[date]:
    """The activity's next WEEKS_AHEAD dates on its weekday, today included, as often as
    it meets: every week, every other week, or once a month on the same weekday of the
    month as its next date (as a monthly series is booked, BookingSeries.dates)."""
    if not activity.is_timed:
        return []
    today = today or timezone.localdate()
    first = today + timedelta(days=(activity.day - today.weekday()) % 7)
    if activity.per_month <= 1:
        last = first + timedelta(days=31 * WEEKS_AHEAD)
        return BookingSeries.dates(first, last, BookingSeries.Repeat.MONTHLY, WEEKS_AHEAD)
    weeks = 1 if activity.per_month >= 4 else 2
    return [first + timedelta(weeks=weeks * n) for n in range(WEEKS_AHEAD)]


# --- From rows to results ---------------------------------------------------------------

# A room and a venue as the search reads them; model instances are made only for results.
_RoomRow = namedtuple("_RoomRow", ROOM_COLUMNS)
_VenueRow = namedtuple("_VenueRow", VENUE_COLUMNS)


def _decimal(value) -> Decimal | None:
    """SQLite hands back amounts as int or float; PostgreSQL as Decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(CENT)


class _Found:
    """The rooms the database found: per activity, the cheapest room in each venue."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.venues: dict[int, _VenueRow] = {}
        self.best: list[dict[int, tuple[Decimal, _RoomRow]]] = [{} for _ in profile.activities]
        self.models: dict[int, Venue] = {}
        self.tariffs = [_Tariff.of(a) for a in profile.activities]
        self.alias = connection.alias

    def add(self, rows: list[tuple]) -> None:
        """Rows as _walk gives them: the activity, a room, its venue, and perhaps a room
        (or NULLs) for each other activity."""
        count, rooms = len(self.profile.activities), len(ROOM_COLUMNS)
        venue_end = 1 + rooms + len(VENUE_COLUMNS) - 1
        for row in rows:
            index, venue_id = row[0], row[2]
            self.venues.setdefault(venue_id, _VenueRow(venue_id, *row[1 + rooms : venue_end]))
            self._room(index, row[1 : 1 + rooms])
            others = [i for i in range(count) if i != index][: (len(row) - venue_end) // rooms]
            for n, other in enumerate(others):
                values = row[venue_end + n * rooms : venue_end + (n + 1) * rooms]
                if values[0] is not None:
                    self._room(other, values)

    def _room(self, index: int, values) -> None:
        room = _RoomRow(*values[:4], *map(_decimal, values[PRICES]), *values[PRICES.stop :])
        cost = _cost(room, self.tariffs[index])
        known = self.best[index].get(room.venue_id)
        if known is None or (cost, -room.capacity_seated) < (known[0], -known[1].capacity_seated):
            self.best[index][room.venue_id] = (cost, room)

    def in_all(self) -> list[int]:
        return [v for v in self.venues if all(v in best for best in self.best)]

    def total(self, venue_id: int) -> Decimal:
        return sum((best[venue_id][0] for best in self.best), Decimal(0))

    def cheapest(self, index: int) -> int | None:
        best = self.best[index]
        return min(best, key=lambda v: best[v][0]) if best else None

    def venue(self, venue_id: int) -> Venue:
        if venue_id not in self.models:
            self.models[venue_id] = _instance(
                Venue, VENUE_COLUMNS, self.venues[venue_id], self.alias
            )
        return self.models[venue_id]

    def option(self, index: int, venue_id: int, dates: list[date]) -> Option:
        cost, row = self.best[index][venue_id]
        room = _instance(Room, ROOM_COLUMNS, row, self.alias)
        ROOM_VENUE.set_cached_value(room, self.venue(venue_id))
        return Option(self.profile.activities[index], room, cost, dates)


ROOM_VENUE = Room._meta.get_field("venue")


def _instance(model, columns: tuple[str, ...], values, alias: str) -> Venue | Room:
    """A model instance with only these columns loaded, as .only() gives: the others load
    when used. Made the way unpickling makes one, without __init__, which took more time
    than the rest of the search's Python."""
    instance = model.__new__(model)
    instance.__dict__.update(zip(columns, values, strict=True))
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, alias
    return instance


def search(profile: Profile) -> SearchResult:
    """Venues that fit, best first: those meeting more wishes, then the cheaper. When wishes
    are given, the database first looks for venues meeting all of them, and for the others
    only when it has found every one of those and they are too few."""
    dates = [occurrences(a) for a in profile.activities]
    found, wishes = _Found(profile), profile.public_transport or profile.parking
    rows, limit = _candidates(profile, dates, wishes)
    found.add(rows)
    ranked = _ranked(found, profile)
    if wishes and len(rows) < limit and len(ranked) < MAX_MATCHES:
        found.add(_candidates(profile, dates, wishes=False)[0])
        ranked = _ranked(found, profile)
    if ranked:
        return SearchResult(
            [
                VenueMatch(
                    found.venue(venue_id),
                    [found.option(i, venue_id, d) for i, d in enumerate(dates)],
                    met,
                    missed,
                )
                for *_key, venue_id, met, missed in ranked[:MAX_MATCHES]
            ],
            None,
            [],
        )
    found.add(_cheapest(profile, dates))
    best = [
        None if (v := found.cheapest(i)) is None else found.option(i, v, d)
        for i, d in enumerate(dates)
    ]
    return _combination_or_missing(profile, best, dates)


def _ranked(found: _Found, profile: Profile) -> list[tuple]:
    """The venues that suit every activity within budget, as sort keys with their reasons."""
    budget, labels, ranked = profile.budget_per_month, _labels(), []
    for venue_id in found.in_all():
        total = found.total(venue_id)
        if budget is None or total <= budget:
            met, missed = _reasons(found.venues[venue_id], profile, labels)
            ranked.append(
                (-len(met), len(missed), total, found.venues[venue_id].name, venue_id, met, missed)
            )
    return sorted(ranked, key=lambda r: r[:4])


def _combination_or_missing(
    profile: Profile, best: list[Option | None], dates: list[list[date]]
) -> SearchResult:
    missing = [_missing(profile, i, dates) for i, o in enumerate(best) if o is None]
    if missing:
        return SearchResult([], None, missing)
    combination = Combination(best)
    if profile.budget_per_month is not None and combination.per_month > profile.budget_per_month:
        return SearchResult(
            [],
            None,
            [
                _(
                    "De goedkoopste combinatie kost € %(cost)s per maand; dat is meer dan jullie "
                    "budget van € %(budget)s."
                )
                % {"cost": euros(combination.per_month), "budget": euros(profile.budget_per_month)}
            ],
        )
    return SearchResult([], combination, [])


def _missing(profile: Profile, index: int, dates: list[list[date]]) -> str:
    """What is missing; when rooms would fit but are taken, say so and on which dates."""
    missing = describe_missing(profile, profile.activities[index])
    if not dates[index] or not _fits_when_free(profile, index, dates):
        return missing
    return _("%(missing)s: de zalen die passen zijn dan al bezet of gesloten (%(dates)s)") % {
        "missing": missing,
        "dates": ", ".join(date_format(d, "j F") for d in dates[index]),
    }


def describe_missing(profile: Profile, activity: Activity) -> str:
    """In plain words: what nobody offers, e.g. 'geen zaal voor 40 personen met keuken …'."""
    parts = [_("geen zaal voor %(n)d personen") % {"n": activity.people}]
    labels = [str(Room.FACILITIES[f]) for f in activity.equipment if f in Room.FACILITIES]
    if labels:
        parts.append(_("met %(things)s") % {"things": ", ".join(labels)})
    if activity.is_timed:
        day = OpeningHours.Day(activity.day).label
        parts.append(
            _("op %(day)s van %(start)s tot %(end)s")
            % {
                "day": day,
                "start": activity.start.strftime("%H:%M"),
                "end": activity.end.strftime("%H:%M"),
            }
        )
    if profile.budget_per_month is not None:
        budget = euros(profile.budget_per_month)
        parts.append(_("onder € %(budget)s per maand") % {"budget": budget})
    if profile.areas:
        parts.append(_("in %(places)s") % {"places": ", ".join(a.name for a in profile.areas)})
    return " ".join(parts)


def _labels() -> dict[str, str]:
    return {
        "transport": _("goed bereikbaar met het OV"),
        "parking": _("parkeren in de buurt"),
        "step_free": _("ingang zonder drempel"),
        "lift": _("lift"),
    }


def _reasons(
    venue: Venue | _VenueRow, profile: Profile, labels: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Which wishes (preferences) a venue meets and which it misses."""
    met, missed = [], []
    wishes = [
        (profile.public_transport, bool(venue.public_transport), labels["transport"]),
        (profile.parking, venue.car_parking or venue.bike_parking, labels["parking"]),
    ]
    for wanted, has, label in wishes:
        if wanted:
            (met if has else missed).append(label)
    if profile.step_free:
        met.append(labels["step_free"])
    if profile.lift:
        met.append(labels["lift"])
    return met, missed
