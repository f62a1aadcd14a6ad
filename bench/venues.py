"""Venue search at scale: 50,000 venues, 150,000 rooms and 1,000,000 bookings.

Prints, for SQLite and then PostgreSQL, the median time of POST /api/v1/venues/search for
three typical profiles as a ratio to a bare view through the same middleware, measured in
interleaved rounds in the same run (target under 20x), and the peak memory of the process
that searched.

The data is made once and kept (var/bench/venues.sqlite3 and the PostgreSQL database
wijkkracht_bench, created here), and reused while its counts match and it still has
bookings ahead. Loading and measuring run in processes of their own, one database at a
time, so the memory figure is that of searching alone.
"""

import io
import json
import os
import random
import resource
import sys
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "var" / "bench" / "venues.sqlite3"
PG_NAME = "wijkkracht_bench"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

from common import allocation_peak, bench_main, client, load_once, medians_ms_of, report  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from wijkkracht.organisations.models import Organisation  # noqa: E402
from wijkkracht.places.models import Area  # noqa: E402
from wijkkracht.venues.models import Booking, Closure, OpeningHours, Room, Venue  # noqa: E402

VENUES, ROOMS_PER_VENUE, BOOKINGS, ORGANISATIONS = 50_000, 3, 1_000_000, 1_000
AMS = ZoneInfo("Europe/Amsterdam")
TARGET = 20
ROUNDS = 500

PROFILES = {
    "one weekly activity, district, budget": {
        "activities": [
            {
                "kind": "Kookcafé",
                "people": 15,
                "equipment": ["kitchen"],
                "day": "tue",
                "start": "19:00",
                "end": "21:00",
            }
        ],
        "areas": ["den-haag-escamp"],
        "budget_per_month": 300,
    },
    "two activities, step-free, anywhere": {
        "activities": [
            {"kind": "Taalcafé", "people": 20, "day": "mon", "start": "10:00", "end": "12:00"},
            {
                "kind": "Naaiclub",
                "people": 10,
                "equipment": ["storage"],
                "day": "thu",
                "start": "13:30",
                "end": "16:00",
                "per_month": 2,
            },
        ],
        "step_free": True,
        "public_transport": True,
    },
    "60 people, projector, budget": {
        "activities": [
            {
                "kind": "Buurtvergadering",
                "people": 60,
                "equipment": ["projector"],
                "day": "wed",
                "start": "19:30",
                "end": "22:00",
                "per_month": 1,
            }
        ],
        "budget_per_month": 250,
    },
}


# --- Making the data ---------------------------------------------------------------------


def venue_rows(rng: random.Random, wijken: list[int]):
    for n in range(VENUES):
        yield {
            "key": f"bench-{n:05}",
            "name": f"Buurthuis {n:05}",
            "area_id": wijken[n % len(wijken)],
            "kind": rng.choice(Venue.Kind.values),
            "address": f"Straat {n}",
            "postcode": "2500 AA",
            "public_transport": "Tram 1" if rng.random() < 0.7 else "",
            "car_parking": rng.random() < 0.4,
            "bike_parking": rng.random() < 0.6,
            "step_free": rng.random() < 0.6,
            "lift": rng.random() < 0.3,
            "cooking": rng.random() < 0.3,
            "is_published": rng.random() < 0.97,
        }


FACILITY_ODDS = {
    "projector": 0.4,
    "flipover": 0.5,
    "sound_system": 0.3,
    "kitchen": 0.35,
    "wifi": 0.8,
    "childrens_corner": 0.15,
    "storage": 0.3,
}
SEATS = [8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200]


def room_rows(rng: random.Random, venue_ids: list[int]):
    """Three rooms a venue; a few are free, most rent by the hour, many by the daypart."""
    for venue_id in venue_ids:
        for n in range(ROOMS_PER_VENUE):
            seats = rng.choice(SEATS)
            hour = 0 if rng.random() < 0.05 else round(rng.uniform(5, 25) + seats / 5)
            yield {
                "venue_id": venue_id,
                "name": f"Zaal {n + 1}",
                "capacity_seated": seats,
                "size_m2": seats * 2,
                "price_hour": hour,
                "facilities": [f for f, odds in FACILITY_ODDS.items() if rng.random() < odds],
                "price_daypart": hour * 3 if rng.random() < 0.7 else None,
                "price_month": hour * 12 if rng.random() < 0.3 else None,
                "social_discount_percent": rng.choice([0, 0, 25, 30, 50]),
                "one_off_costs": rng.choice([0, 0, 0, 10, 25]),
                "buffer_minutes": rng.choice([0, 15, 15, 30, 60]),
            }


def hours_rows(rng: random.Random, venue_ids: list[int]):
    for venue_id in venue_ids:
        opens = rng.choice([clock(8, 30), clock(9)])
        closes = rng.choice([clock(17), clock(22), clock(22, 30), clock(23)])
        days = [0, 1, 2, 3, 4] + [5] * (rng.random() < 0.5) + [6] * (rng.random() < 0.2)
        for day in days:
            yield {"venue_id": venue_id, "day": day, "opens": opens, "closes": closes}


def closure_rows(rng: random.Random, venue_ids: list[int], today: date):
    for venue_id in rng.sample(venue_ids, len(venue_ids) // 10):
        start = today + timedelta(days=rng.randint(-60, 90))
        yield {
            "venue_id": venue_id,
            "start": start,
            "reason": "Vakantie",
            "end": start + timedelta(days=rng.choice([0, 0, 6, 13])),
        }


def booking_rows(
    rng: random.Random, rooms: list[tuple[int, int]], organisations: list[int], today: date
):
    """Weekly slots, as groups use rooms: per room two series on other weekdays, taking
    turns, between 13 weeks ago and 13 weeks ahead; never overlapping."""
    monday = today - timedelta(days=today.weekday())
    statuses = ["approved"] * 14 + ["requested"] * 3 + ["declined", "cancelled"]
    for i, (room_id, buffer) in enumerate(rooms):
        count = BOOKINGS // len(rooms) + (i < BOOKINGS % len(rooms))
        days, first = rng.sample(range(7), 2), rng.randint(-13, 13 - count)
        organisation = rng.choice(organisations)
        for n in range(count):
            day = monday + timedelta(weeks=first + n, days=days[n % 2])
            start = datetime.combine(day, clock(rng.randint(8, 20)), AMS).astimezone(UTC)
            end = start + timedelta(hours=rng.choice([1, 2, 2, 3]))
            yield {
                "room_id": room_id,
                "organisation_id": organisation,
                "start": start,
                "end": end,
                "held_until": end + timedelta(minutes=buffer),
                "purpose": "Wekelijkse activiteit",
                "status": rng.choice(statuses),
            }


def _converter(field: models.Field):
    """How a value goes into the database in a raw insert, as Django itself would store it."""
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_value(value, connection)
    if sqlite and isinstance(field, models.DateTimeField):
        return lambda value: value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if sqlite and isinstance(field, models.DateField | models.TimeField):
        return lambda value: value.isoformat()
    return None


def insert(model: type[models.Model], rows) -> None:
    """Raw bulk inserts (COPY on PostgreSQL, executemany on SQLite) of rows given as the
    columns that matter; every other column gets the model's default."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }
    convert = [(f.attname, _converter(f)) for f in fields]

    def values(row: dict) -> tuple:
        merged = defaults | row
        return tuple(
            merged[name] if to_db is None or merged[name] is None else to_db(merged[name])
            for name, to_db in convert
        )

    table, names = model._meta.db_table, ", ".join(f'"{f.column}"' for f in fields)
    if connection.vendor == "postgresql":
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(values(row))
        return
    marks = ", ".join("?" * len(fields))
    connection.connection.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
        map(values, rows),
    )


def is_loaded() -> bool:
    counts = (Venue.objects.count(), Room.objects.count(), Booking.objects.count())
    ahead = Booking.objects.filter(start__gte=timezone.now() + timedelta(weeks=4)).exists()
    return counts == (VENUES, VENUES * ROOMS_PER_VENUE, BOOKINGS) and ahead


def populate() -> None:
    rng, today = random.Random(518), timezone.localdate()
    with transaction.atomic():
        for model in (Booking, Closure, OpeningHours, Room, Venue):
            model.objects.all().delete()
        call_command("load_places", stdout=io.StringIO())
        Organisation.objects.filter(slug__startswith="bench-").delete()
        Organisation.objects.bulk_create(
            Organisation(name=f"Groep {n}", slug=f"bench-{n}") for n in range(ORGANISATIONS)
        )
        organisations = list(
            Organisation.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
        )
        wijken = list(Area.objects.filter(kind=Area.Kind.WIJK).values_list("pk", flat=True))
        insert(Venue, venue_rows(rng, wijken))
        venues = list(Venue.objects.values_list("pk", flat=True))
        insert(Room, room_rows(rng, venues))
        insert(OpeningHours, hours_rows(rng, venues))
        insert(Closure, closure_rows(rng, venues, today))
        rooms = list(Room.objects.values_list("pk", "buffer_minutes"))
        insert(Booking, booking_rows(rng, rooms, organisations, today))


def load() -> None:
    how = load_once(is_loaded, populate)
    print(
        f"venue search on {connection.vendor}: {VENUES} venues, {VENUES * ROOMS_PER_VENUE} "
        f"rooms, {BOOKINGS} bookings ({how})"
    )


# --- Measuring -------------------------------------------------------------------------


def search_call(browser, body: dict):
    payload = json.dumps(body)
    return lambda: browser.post("/api/v1/venues/search", payload, content_type="application/json")


def measure() -> bool:
    browser = client()
    calls = [lambda: browser.get("/bench/bare/")]
    calls += [search_call(browser, body) for body in PROFILES.values()]
    with override_settings(ROOT_URLCONF="bench_urls"):
        medians_ms_of(calls, rounds=30)  # warm up
        bare, *searches = medians_ms_of(calls, rounds=ROUNDS)
        peak = allocation_peak(calls[1:])
    print(f"  {'bare view through the same middleware':<40} median {bare:7.2f} ms")
    ok = all(
        [report(name, value, bare, TARGET) for name, value in zip(PROFILES, searches, strict=True)]
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak memory: {rss:.0f} MB resident (the whole process), {peak:.1f} MB of "
        "Python allocations while searching each profile once"
    )
    return ok


if __name__ == "__main__":
    sys.exit(
        bench_main(sys.argv[1:], __file__, load, measure, SQLITE_FILE, PG_NAME, "venue benchmark")
    )
