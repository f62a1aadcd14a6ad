"""Writing imported venues in one transaction, in bulk: a few queries per thousand venues,
and nothing written for a venue the package does not change."""

from collections import defaultdict
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from ..models import Closure, OpeningHours, Room, Venue
from .extension import PRICES, ROOM_NUMBERS
from .mapping import VenueData
from .report import Report

# Below SQLite's oldest limit of 999 variables in one query.
CHUNK = 900
# bulk_update writes one CASE per field over its whole batch, and the database walks that
# CASE for every row: small batches keep the work linear (5,000 venues took 20 s without).
UPDATE_BATCH = 100


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def save_venues(venues: list[VenueData], report: Report) -> None:
    """Create or update the venues by key; counts go to report. A dry run rolls back."""
    with transaction.atomic():
        existing = Venue.objects.in_bulk([venue.key for venue in venues], field_name="key")
        old_ids = {venue.pk for venue in existing.values()}
        ids, changed = _save_fields(venues, existing)
        changed |= _replace(
            OpeningHours, ("day", "opens", "closes"), {ids[v.key]: v.hours for v in venues}
        )
        changed |= _replace(
            Closure,
            ("start", "end", "reason"),
            {ids[v.key]: v.closures for v in venues if v.closures is not None},
        )
        changed |= _save_rooms({ids[v.key]: v.rooms for v in venues if v.rooms is not None})
        report.created = len(venues) - len(old_ids)
        report.updated = len(changed & old_ids)
        report.unchanged = len(old_ids) - report.updated
        if report.dry_run:
            transaction.set_rollback(True)


def _save_fields(
    venues: list[VenueData], existing: dict[str, Venue]
) -> tuple[dict[str, int], set[int]]:
    """Each venue's id by key; and the ids of existing venues whose fields changed."""
    now, new, changed = timezone.now(), [], defaultdict(list)
    for data in venues:
        fields = data.fields
        venue = existing.get(data.key)
        if venue is None:
            new.append(Venue(key=data.key, **{"kind": Venue.Kind.OTHER, **fields}))
        elif differ := [name for name, value in fields.items() if getattr(venue, name) != value]:
            for name in differ:
                setattr(venue, name, fields[name])
            venue.updated_at = now
            changed[tuple(differ)].append(venue)
    Venue.objects.bulk_create(new)  # sets each pk: PostgreSQL and SQLite 3.35+ return them
    for names, group in changed.items():
        Venue.objects.bulk_update(group, [*names, "updated_at"], batch_size=UPDATE_BATCH)
    ids = {venue.key: venue.pk for venue in [*existing.values(), *new]}
    return ids, {venue.pk for group in changed.values() for venue in group}


def _replace(model, names: tuple[str, ...], wanted: dict[int, list[tuple]]) -> set[int]:
    """Make each venue's rows of model (hours, closures) the wanted ones: remove the rows
    it no longer has, add the new ones, leave the rest. Returns the ids of venues touched."""
    have, gone, new, touched = defaultdict(dict), [], [], set()
    for chunk in _chunks(list(wanted)):
        for pk, venue_id, *values in model.objects.filter(venue_id__in=chunk).values_list(
            "pk", "venue_id", *names
        ):
            if tuple(values) in have[venue_id]:
                gone.append(pk)  # a twin row: one is enough
                touched.add(venue_id)
            else:
                have[venue_id][tuple(values)] = pk
    for venue_id, rows in wanted.items():
        rows = dict.fromkeys(rows)
        old = [pk for row, pk in have[venue_id].items() if row not in rows]
        added = [
            model(venue_id=venue_id, **dict(zip(names, row, strict=True)))
            for row in rows
            if row not in have[venue_id]
        ]
        if old or added:
            gone += old
            new += added
            touched.add(venue_id)
    for chunk in _chunks(gone):
        model.objects.filter(pk__in=chunk).delete()
    model.objects.bulk_create(new)
    return touched


ROOM_FIELDS = (*ROOM_NUMBERS, "facilities", *PRICES)


def _save_rooms(wanted: dict[int, list[dict]]) -> set[int]:
    """Rooms by name within each venue: update, create, and remove those the package no
    longer lists unless they have bookings. Returns the ids of venues whose rooms changed."""
    have = {}
    for chunk in _chunks(list(wanted)):
        for room in Room.objects.filter(venue_id__in=chunk):
            have[room.venue_id, room.name] = room
    new, changed_rooms, venues = [], [], set()
    for venue_id, rooms in wanted.items():
        for fields in rooms:
            room = have.pop((venue_id, fields["name"]), None)
            if room is None:
                new.append(Room(venue_id=venue_id, **fields))
                venues.add(venue_id)
            elif any(getattr(room, name) != fields[name] for name in ROOM_FIELDS):
                for name in ROOM_FIELDS:
                    setattr(room, name, fields[name])
                changed_rooms.append(room)
                venues.add(venue_id)
    Room.objects.bulk_create(new)
    Room.objects.bulk_update(changed_rooms, ROOM_FIELDS, batch_size=UPDATE_BATCH)
    for chunk in _chunks([room.pk for room in have.values()]):
        # A room with bookings stays, so no booking loses its room.
        unbooked = dict(
            Room.objects.filter(pk__in=chunk, bookings__isnull=True).values_list("pk", "venue_id")
        )
        Room.objects.filter(pk__in=list(unbooked)).delete()
        venues |= set(unbooked.values())
    return venues
