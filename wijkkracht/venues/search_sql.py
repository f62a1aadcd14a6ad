"""The SQL of the venue search (see matching.py for the whole): every requirement of a
search profile as a WHERE clause, and the walk over rooms by a plausible price.

Written out, not built with the ORM: compiling querysets this size would cost more than
running them. Every value goes in as a parameter; the f-strings only put together
placeholders and fixed SQL (hence the noqa: S608).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from .models import Booking

if TYPE_CHECKING:
    from .matching import Activity, Profile

WEEKS_PER_MONTH = Decimal("4.33")
DAYPART_HOURS = 4
CENT = Decimal("0.01")
CANDIDATES = 24  # rooms the walk takes, cheapest first, for one activity
EXTRA_PER_ACTIVITY = 8  # and more for each further activity: not every venue suits all

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
PLUS_BUFFER = {
    "sqlite": "datetime(slot.column2, '+' || {r}.buffer_minutes || ' minutes')",
    "postgresql": "(slot.column2 + make_interval(mins => {r}.buffer_minutes))",
}
HOLDING = ", ".join(f"'{status}'" for status in Booking.HOLDING)  # literal: partial index
# Keeps PostgreSQL from turning a correlated EXISTS into a hash of every matching row.
FENCE = {"sqlite": "", "postgresql": " OFFSET 0"}

ROOM_COLUMNS = (
    "id",
    "venue_id",
    "name",
    "capacity_seated",
    "price_hour",
    "price_daypart",
    "price_month",
    "social_discount_percent",
    "one_off_costs",
    "buffer_minutes",
)
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


def _room_checks(
    query: _Query,
    profile: Profile,
    activity: Activity,
    dates: list[date],
    r: str,
    availability: bool = True,
    wishes: bool = False,
    venue: bool = True,
) -> None:
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
        query.add(
            "JOIN venues_openinghours h ON h.venue_id = v.id AND h.day = %s AND "
            "h.opens <= %s AND h.closes >= %s",
            activity.day,
            *map(connection.ops.adapt_timefield_value, (activity.start, activity.end)),
        )
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
        query.add(
            f"AND {r}.facilities LIKE %s ESCAPE '!'",
            '%"' + item.replace("!", "!!").replace("_", "!_").replace("%", "!%") + '"%',
        )


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
        query.add(
            f"AND (v.area_id IN ({marks}) OR v.area_id IN (SELECT a.id FROM "  # noqa: S608
            f"places_area a WHERE a.parent_id IN ({marks})))",
            *ids,
            *ids,
        )
    if wishes and profile.public_transport:
        query.add("AND v.public_transport <> ''")
    if wishes and profile.parking:
        query.add("AND (v.car_parking OR v.bike_parking)")


def _free_checks(query: _Query, activity: Activity, dates: list[date], r: str) -> None:
    """Room r's venue is not closed, and the room not held, on any of the dates."""
    ops, tz, fence = connection.ops, timezone.get_current_timezone(), FENCE[query.vendor]
    days = " OR ".join(['(c.start <= %s AND c."end" >= %s)'] * len(dates))
    query.add(
        f"NOT EXISTS (SELECT 1 FROM venues_closure c WHERE c.venue_id = {r}.venue_id "  # noqa: S608
        f"AND ({days}){fence})",
        *[ops.adapt_datefield_value(d) for d in dates for _ in range(2)],
    )
    moments = []
    for day in dates:
        moments += [
            ops.adapt_datetimefield_value(datetime.combine(day, at, tzinfo=tz))
            for at in (activity.start, activity.end)
        ]
    # Holding bookings of a room never overlap, so of those that start before the end of
    # a date's slot (plus the room's buffer), only the last can reach past its start: one
    # index lookup per date, however many bookings the room has had.
    slots = ", ".join(["(%s, %s)"] * len(dates))
    query.add(
        f"AND NOT EXISTS (SELECT 1 FROM (VALUES {slots}) AS slot WHERE "  # noqa: S608
        f"(SELECT b.held_until FROM venues_booking b WHERE b.room_id = {r}.id "
        f"AND b.status IN ({HOLDING}) "
        f"AND b.start < {PLUS_BUFFER[query.vendor].format(r=r)} "
        "ORDER BY b.start DESC LIMIT 1) > slot.column1)",
        *moments,
    )


def _lower_bound_factor(activity: Activity) -> Decimal:
    """Hours such that every room costs at least RATE / 100 times this, for this activity."""
    hours = activity.hours * activity.per_month
    return min(hours, MONTH_HOURS) if activity.per_month >= 4 else hours


def _walk(
    query: _Query,
    profile: Profile,
    index: int,
    dates: list[list[date]],
    limit: int,
    others: tuple[int, ...] = (),
    availability: bool = True,
    budget: bool = True,
    wishes: bool = False,
) -> None:
    """Rows of (activity, room, venue, and a room for each other activity or NULLs): the
    cheapest-looking rooms for the activity, walking the index on RATE (with the budget,
    only up to the rate above which every room costs more than the budget), and in each of
    their venues the cheapest-looking room for each of the other activities."""
    activity, rate = profile.activities[index], rate_sql(query.vendor)
    outer = [_columns("found", ROOM_COLUMNS), _columns("fv", VENUE_COLUMNS[1:])]
    outer += [_columns(f"o{j}", ROOM_COLUMNS) for j in others]
    query.add(
        f"SELECT {index}, {', '.join(outer)} FROM (SELECT "  # noqa: S608
        f"{_columns('r', ROOM_COLUMNS)} FROM venues_room r WHERE"
    )
    _room_checks(query, profile, activity, dates[index], "r", availability, wishes)
    factor = _lower_bound_factor(activity)
    if budget and profile.budget_per_month is not None and factor > 0:
        bound = profile.budget_per_month * 100 / factor + CENT  # a little over: float rounding
        query.add(f"AND {rate} <= %s", bound if query.vendor == "postgresql" else float(bound))
    query.add(
        f"ORDER BY {rate} LIMIT %s) AS found JOIN venues_venue fv ON fv.id = found.venue_id", limit
    )
    for j in others:
        query.add(
            f"LEFT JOIN venues_room o{j} ON o{j}.id = (SELECT x{j}.id FROM "  # noqa: S608
            f"venues_room x{j} WHERE x{j}.venue_id = found.venue_id AND"
        )
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
