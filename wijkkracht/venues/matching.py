"""Matching a group's search profile to rooms: hard requirements filter, preferences rank.

Each result says what it meets and misses and what it costs a month. When no single venue
fits every activity within budget, the cheapest combination (an activity per venue) is
proposed; when none exists, the answer says what is missing.

The database does the filtering, so a search stays fast with tens of thousands of venues:
seats, equipment, area, step-free entrance and lift, opening hours, and closures and
bookings on the next WEEKS_AHEAD dates of the activity's weekday. For the activity that
weighs most in the cost it walks an index of rooms by a plausible price (see RATE), and
in each venue found it picks the cheapest-looking room for every other activity; only
those rows reach Python (CANDIDATES, a few more for more activities), which works out the
exact monthly costs, the budget and the ranking. A search is one SQL statement; more only
when wishes or a shortage call for a second look. The SQL is written out, not built with
the ORM: compiling querysets this size would cost more than running them. Every value
goes in as a parameter; the f-strings only put together placeholders and fixed SQL (hence
the noqa: S608).
"""

import json
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

from .models import Booking, OpeningHours, Room, Venue

WEEKS_PER_MONTH = Decimal("4.33")
DAYPART_HOURS = 4
CENT = Decimal("0.01")
WEEKS_AHEAD = 4  # a room must be free on this many coming dates of the activity's weekday
MAX_MATCHES = 20  # as many as the search page shows
CANDIDATES = 24  # rooms the walk takes, cheapest first, for one activity
EXTRA_PER_ACTIVITY = 8  # and more for each further activity: not every venue suits all


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
            minutes = (datetime.combine(datetime.min, self.end)
                       - datetime.combine(datetime.min, self.start)).seconds / 60
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
        return cls(hours, math.ceil(hours / DAYPART_HOURS), activity.per_month,
                   activity.per_month >= 4)


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
    """The next WEEKS_AHEAD dates of the activity's weekday, today included."""
    if not activity.is_timed:
        return []
    today = today or timezone.localdate()
    first = today + timedelta(days=(activity.day - today.weekday()) % 7)
    return [first + timedelta(weeks=n) for n in range(WEEKS_AHEAD)]


# --- The SQL ----------------------------------------------------------------------------

# A room's plausible price of an hour of use, times (100 - its social discount): the lowest
# of its hourly price, a quarter of its daypart price and its monthly price spread over a
# daypart a week (MONTH_HOURS); nothing without an hourly or daypart price, as then the
# rent is nothing. Every room costs at least this / 100 times _lower_bound_factor(activity)
# a month. The index venues_room_search is on this same expression, so changing it takes
# a migration that makes the index again.
MONTH_HOURS = WEEKS_PER_MONTH * DAYPART_HOURS
RATE = {
    "sqlite": "((100 - {r}social_discount_percent) * CASE WHEN {r}price_hour IS NULL AND "
              "{r}price_daypart IS NULL THEN 0 ELSE min("
              "coalesce({r}price_hour, {r}price_daypart / 4.0), "
              "coalesce({r}price_daypart / 4.0, {r}price_hour), "
              "coalesce({r}price_month / 17.32, {r}price_hour, {r}price_daypart / 4.0)) END)",
    "postgresql": "((100 - {r}social_discount_percent) * CASE WHEN {r}price_hour IS NULL AND "
                  "{r}price_daypart IS NULL THEN 0 ELSE LEAST({r}price_hour, "
                  "{r}price_daypart / 4, {r}price_month / 17.32) END)",
}
PLUS_BUFFER = {"sqlite": "datetime(slot.column2, '+' || {r}.buffer_minutes || ' minutes')",
               "postgresql": "(slot.column2 + make_interval(mins => {r}.buffer_minutes))"}
HOLDING = ", ".join(f"'{status}'" for status in Booking.HOLDING)  # literal: partial index
# Keeps PostgreSQL from turning a correlated EXISTS into a hash of every matching row.
FENCE = {"sqlite": "", "postgresql": " OFFSET 0"}

ROOM_COLUMNS = ("id", "venue_id", "name", "capacity_seated", "price_hour", "price_daypart",
                "price_month", "social_discount_percent", "one_off_costs", "buffer_minutes")
VENUE_COLUMNS = ("id", "key", "name", "public_transport", "car_parking", "bike_parking")
PRICES = slice(4, 9)


def rate_sql(vendor: str, alias: str = "r.") -> str:
    return RATE[vendor].format(r=alias)


def _columns(alias: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{alias}.{name}" for name in names)


class _Query:
    """SQL text and parameters, built up together."""

    def __init__(self):
        self.vendor = connection.vendor
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, *params) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def rows(self) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(" ".join(self.parts), self.params)
            return cursor.fetchall()


def _room_checks(query: _Query, profile: Profile, activity: Activity, dates: list[date],
                 r: str, availability: bool = True, wishes: bool = False,
                 venue: bool = True) -> None:
    """Everything room r must have for the activity, as a WHERE clause. The room's own
    columns first, then its venue (with venue=False only the opening hours, for a venue
    known to fit); closures and bookings last, inside a CASE, so that neither database
    looks them up for a room whose venue does not fit."""
    query.add(f"{r}.capacity_seated >= %s", activity.people)
    _equipment_checks(query, activity.equipment, r)
    if not (venue or activity.is_timed):
        return
    query.add("AND CASE WHEN EXISTS (SELECT 1 FROM venues_venue v")
    if activity.is_timed:  # one subquery for venue and hours: PostgreSQL plans it quicker
        query.add("JOIN venues_openinghours h ON h.venue_id = v.id AND h.day = %s AND "
                  "h.opens <= %s AND h.closes >= %s", activity.day,
                  *map(connection.ops.adapt_timefield_value, (activity.start, activity.end)))
    query.add(f"WHERE v.id = {r}.venue_id")
    if venue:
        _venue_checks(query, profile, wishes)
    query.add(f"{FENCE[query.vendor]}) THEN")
    if activity.is_timed and availability:
        _free_checks(query, activity, dates, r)
    else:
        query.add("TRUE")
    query.add("ELSE FALSE END")


def _equipment_checks(query: _Query, equipment: list[str], r: str) -> None:
    """Room r has all of it: in PostgreSQL JSON containment (with a GIN index for rare
    combinations), in SQLite a LIKE on the JSON text for each item."""
    if query.vendor == "postgresql":
        if equipment:
            query.add(f"AND {r}.facilities @> %s::jsonb", json.dumps(equipment))
        return
    for item in equipment:  # "sound_system": an underscore would be a wildcard
        query.add(f"AND {r}.facilities LIKE %s ESCAPE '!'",
                  '%"' + item.replace("!", "!!").replace("_", "!_").replace("%", "!%") + '"%')


def _venue_checks(query: _Query, profile: Profile, wishes: bool) -> None:
    """The profile's requirements of venue v; with wishes, its wishes as well."""
    query.add("AND v.is_published")
    if profile.step_free:
        query.add("AND v.step_free")
    if profile.lift:
        query.add("AND v.lift")
    if profile.areas:
        ids = [a.pk for a in profile.areas]
        marks = ", ".join(["%s"] * len(ids))
        query.add(f"AND (v.area_id IN ({marks}) OR v.area_id IN (SELECT a.id FROM "  # noqa: S608
                  f"places_area a WHERE a.parent_id IN ({marks})))", *ids, *ids)
    if wishes and profile.public_transport:
        query.add("AND v.public_transport <> ''")
    if wishes and profile.parking:
        query.add("AND (v.car_parking OR v.bike_parking)")


def _free_checks(query: _Query, activity: Activity, dates: list[date], r: str) -> None:
    """Room r's venue is not closed, and the room not held, on any of the dates."""
    ops, tz, fence = connection.ops, timezone.get_current_timezone(), FENCE[query.vendor]
    days = " OR ".join(["(c.start <= %s AND c.\"end\" >= %s)"] * len(dates))
    query.add(f"NOT EXISTS (SELECT 1 FROM venues_closure c WHERE c.venue_id = {r}.venue_id "  # noqa: S608
              f"AND ({days}){fence})",
              *[ops.adapt_datefield_value(d) for d in dates for _ in range(2)])
    moments = []
    for day in dates:
        moments += [ops.adapt_datetimefield_value(datetime.combine(day, at, tzinfo=tz))
                    for at in (activity.start, activity.end)]
    # Holding bookings of a room never overlap, so of those that start before the end of
    # a date's slot (plus the room's buffer), only the last can reach past its start: one
    # index lookup per date, however many bookings the room has had.
    slots = ", ".join(["(%s, %s)"] * len(dates))
    query.add(f"AND NOT EXISTS (SELECT 1 FROM (VALUES {slots}) AS slot WHERE "  # noqa: S608
              f"(SELECT b.held_until FROM venues_booking b WHERE b.room_id = {r}.id "
              f"AND b.status IN ({HOLDING}) "
              f"AND b.start < {PLUS_BUFFER[query.vendor].format(r=r)} "
              "ORDER BY b.start DESC LIMIT 1) > slot.column1)", *moments)


def _lower_bound_factor(activity: Activity) -> Decimal:
    """Hours such that every room costs at least RATE / 100 times this, for this activity."""
    hours = activity.hours * activity.per_month
    return min(hours, MONTH_HOURS) if activity.per_month >= 4 else hours


def _walk(query: _Query, profile: Profile, index: int, dates: list[list[date]], limit: int,
          others: tuple[int, ...] = (), availability: bool = True, budget: bool = True,
          wishes: bool = False) -> None:
    """Rows of (activity, room, venue, and a room for each other activity or NULLs): the
    cheapest-looking rooms for the activity, walking the index on RATE (with the budget,
    only up to the rate above which every room costs more than the budget), and in each of
    their venues the cheapest-looking room for each of the other activities."""
    activity, rate = profile.activities[index], rate_sql(query.vendor)
    outer = [_columns("found", ROOM_COLUMNS), _columns("fv", VENUE_COLUMNS[1:])]
    outer += [_columns(f"o{j}", ROOM_COLUMNS) for j in others]
    query.add(f"SELECT {index}, {', '.join(outer)} FROM (SELECT "  # noqa: S608
              f"{_columns('r', ROOM_COLUMNS)} FROM venues_room r WHERE")
    _room_checks(query, profile, activity, dates[index], "r", availability, wishes)
    factor = _lower_bound_factor(activity)
    if budget and profile.budget_per_month is not None and factor > 0:
        bound = profile.budget_per_month * 100 / factor + CENT  # a little over: float rounding
        query.add(f"AND {rate} <= %s", bound if query.vendor == "postgresql" else float(bound))
    query.add(f"ORDER BY {rate} LIMIT %s) AS found "
              "JOIN venues_venue fv ON fv.id = found.venue_id", limit)
    for j in others:
        query.add(f"LEFT JOIN venues_room o{j} ON o{j}.id = (SELECT x{j}.id FROM "  # noqa: S608
                  f"venues_room x{j} WHERE x{j}.venue_id = found.venue_id AND")
        _room_checks(query, profile, profile.activities[j], dates[j], f"x{j}", venue=False)
        query.add(f"ORDER BY {rate_sql(query.vendor, f'x{j}.')} LIMIT 1)")


def _lead(profile: Profile) -> int:
    """The activity that weighs most in the monthly cost: the walk follows its rooms."""
    weights = [a.hours * a.per_month for a in profile.activities]
    return weights.index(max(weights))


def _candidates(profile: Profile, dates: list[list[date]], wishes: bool) -> tuple[list, int]:
    """The rows of the walk for the leading activity, and how many rooms it was to take."""
    lead, query = _lead(profile), _Query()
    others = tuple(i for i in range(len(profile.activities)) if i != lead)
    limit = CANDIDATES + EXTRA_PER_ACTIVITY * len(others)
    _walk(query, profile, lead, dates, limit, others, wishes=wishes)
    return query.rows(), limit


def _cheapest(profile: Profile, dates: list[list[date]]) -> list[tuple]:
    """The cheapest room for each activity on its own, whatever the budget: for the
    cheapest combination, and to say what it would cost."""
    query = _Query()
    for index in range(len(profile.activities)):
        query.add("UNION ALL" if index else "")
        _walk(query, profile, index, dates, limit=1, budget=False)
    return query.rows()


def _fits_when_free(profile: Profile, index: int, dates: list[list[date]]) -> bool:
    """Would some room fit the activity if nothing were booked or closed?"""
    query = _Query()
    _walk(query, profile, index, dates, limit=1, availability=False, budget=False)
    return bool(query.rows())


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
            self.venues.setdefault(venue_id, _VenueRow(venue_id, *row[1 + rooms:venue_end]))
            self._room(index, row[1:1 + rooms])
            others = [i for i in range(count) if i != index][:(len(row) - venue_end) // rooms]
            for n, other in enumerate(others):
                values = row[venue_end + n * rooms:venue_end + (n + 1) * rooms]
                if values[0] is not None:
                    self._room(other, values)

    def _room(self, index: int, values) -> None:
        room = _RoomRow(*values[:4], *map(_decimal, values[PRICES]), *values[PRICES.stop:])
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
            self.models[venue_id] = _instance(Venue, VENUE_COLUMNS, self.venues[venue_id],
                                              self.alias)
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
        return SearchResult([VenueMatch(found.venue(venue_id), [
            found.option(i, venue_id, d) for i, d in enumerate(dates)], met, missed)
            for *_key, venue_id, met, missed in ranked[:MAX_MATCHES]], None, [])
    found.add(_cheapest(profile, dates))
    best = [None if (v := found.cheapest(i)) is None else found.option(i, v, d)
            for i, d in enumerate(dates)]
    return _combination_or_missing(profile, best, dates)


def _ranked(found: _Found, profile: Profile) -> list[tuple]:
    """The venues that suit every activity within budget, as sort keys with their reasons."""
    budget, labels, ranked = profile.budget_per_month, _labels(), []
    for venue_id in found.in_all():
        total = found.total(venue_id)
        if budget is None or total <= budget:
            met, missed = _reasons(found.venues[venue_id], profile, labels)
            ranked.append((-len(met), len(missed), total, found.venues[venue_id].name,
                           venue_id, met, missed))
    return sorted(ranked, key=lambda r: r[:4])


def _combination_or_missing(profile: Profile, best: list[Option | None],
                            dates: list[list[date]]) -> SearchResult:
    missing = [_missing(profile, i, dates) for i, o in enumerate(best) if o is None]
    if missing:
        return SearchResult([], None, missing)
    combination = Combination(best)
    if profile.budget_per_month is not None and combination.per_month > profile.budget_per_month:
        return SearchResult([], None, [_(
            "De goedkoopste combinatie kost € %(cost)s per maand; dat is meer dan jullie "
            "budget van € %(budget)s.") % {"cost": euros(combination.per_month),
                                           "budget": euros(profile.budget_per_month)}])
    return SearchResult([], combination, [])


def _missing(profile: Profile, index: int, dates: list[list[date]]) -> str:
    """What is missing; when rooms would fit but are taken, say so and on which dates."""
    missing = describe_missing(profile, profile.activities[index])
    if not dates[index] or not _fits_when_free(profile, index, dates):
        return missing
    return _("%(missing)s: de zalen die passen zijn dan al bezet of gesloten (%(dates)s)") % {
        "missing": missing, "dates": ", ".join(date_format(d, "j F") for d in dates[index])}


def describe_missing(profile: Profile, activity: Activity) -> str:
    """In plain words: what nobody offers, e.g. 'geen zaal voor 40 personen met keuken …'."""
    parts = [_("geen zaal voor %(n)d personen") % {"n": activity.people}]
    labels = [str(Room.FACILITIES[f]) for f in activity.equipment if f in Room.FACILITIES]
    if labels:
        parts.append(_("met %(things)s") % {"things": ", ".join(labels)})
    if activity.is_timed:
        day = OpeningHours.Day(activity.day).label
        parts.append(_("op %(day)s van %(start)s tot %(end)s") % {
            "day": day, "start": activity.start.strftime("%H:%M"),
            "end": activity.end.strftime("%H:%M")})
    if profile.budget_per_month is not None:
        budget = euros(profile.budget_per_month)
        parts.append(_("onder € %(budget)s per maand") % {"budget": budget})
    if profile.areas:
        parts.append(_("in %(places)s") % {"places": ", ".join(a.name for a in profile.areas)})
    return " ".join(parts)


def _labels() -> dict[str, str]:
    return {"transport": _("goed bereikbaar met het OV"), "parking": _("parkeren in de buurt"),
            "step_free": _("ingang zonder drempel"), "lift": _("lift")}


def _reasons(venue: Venue | _VenueRow, profile: Profile,
             labels: dict[str, str]) -> tuple[list[str], list[str]]:
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
