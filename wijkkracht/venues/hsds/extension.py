"""Wijkkracht's extension to HSDS (wijkkracht-extension.json): per HSDS location id, what
HSDS cannot express. Its format is $defs/wijkkracht_extension in schema.json."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from wijkkracht.places.models import Area

from ..models import Closure, Room, Venue
from .ids import stable_id
from .limits import fitting, money
from .report import Report
from .spec import definition
from .validation import Path, problems, split_path

VERSION = 1
PRICES = ("price_hour", "price_daypart", "price_month", "one_off_costs")
PARKING = ("car_parking", "bike_parking")
ROOM_NUMBERS = ("capacity_seated", "size_m2", "social_discount_percent", "buffer_minutes")


def _amount(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def extension_entry(venue: Venue, rooms: list[Room], closures: list[Closure]) -> dict:
    """The extension's entry for a venue with these rooms and closures."""
    entry = {
        "key": venue.key,
        "kind": venue.kind,
        "wijk": venue.area.slug,
        "house_rules": {name: getattr(venue, name) for name in Venue.HOUSE_RULES},
        "house_rules_text": venue.house_rules_text,
        **{name: getattr(venue, name) for name in PARKING},
        "accessibility": {name: getattr(venue, name) for name in Venue.ACCESSIBILITY},
        "closures": [
            {"start": c.start.isoformat(), "end": c.end.isoformat(), "reason": c.reason}
            for c in closures
        ],
        "rooms": [_room_entry(venue.key, room) for room in rooms],
    }
    if venue.contact_url:
        entry["contact_url"] = venue.contact_url
    return entry


def _room_entry(key: str, room: Room) -> dict:
    return {
        "id": stable_id("room", key, room.name),
        "name": room.name,
        **{name: getattr(room, name) for name in ROOM_NUMBERS},
        # Only the facilities we know; anything else in the JSON field has no meaning here.
        "facilities": [name for name in room.facilities if name in Room.FACILITIES],
        **{name: _amount(getattr(room, name)) for name in PRICES},
    }


@dataclass
class Entry:
    """An extension entry, read: what it sets on the venue, its closures and its rooms."""

    key: str
    fields: dict
    closures: list[tuple[date, date, str]]
    rooms: list[dict]


def _path_text(base: str, path: Path) -> str:
    return base + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def read_extension(
    extension, base: str, location_ids: set[str], report: Report
) -> dict[str, Entry | None] | None:
    """The entries by location id (None for an entry with problems), or None when the
    extension as a whole cannot be used. Problems go to report."""
    if extension is None:
        return {}
    bad_entries, usable = set(), True
    for path, reason in problems(extension, definition("wijkkracht_extension")):
        place, field = split_path(path)
        report.add(_path_text(base, place), field, reason)
        if len(path) >= 2 and path[0] == "locations":
            bad_entries.add(path[1])
        else:
            usable = False
    if not usable:
        return None
    areas = {area.slug: area for area in Area.objects.filter(kind=Area.Kind.WIJK)}
    entries: dict[str, Entry | None] = {}
    for location_id, raw in extension["locations"].items():
        where = _path_text(base, ("locations", location_id))
        if location_id not in location_ids:
            report.add(where, "", _("verwijst naar een locatie die niet in het pakket staat"))
        if location_id in bad_entries:
            entries[location_id] = None
        else:
            entries[location_id] = _entry(raw, where, areas, report)
    return entries


def _default(name: str):
    return Venue._meta.get_field(name).default


def _entry(raw: dict, where: str, areas: dict[str, Area], report: Report) -> Entry:
    area = areas.get(raw["wijk"])
    if area is None:
        report.add(where, "wijk", _("onbekende wijk %(wijk)s") % {"wijk": raw["wijk"]})
    rules, access = raw.get("house_rules", {}), raw.get("accessibility", {})
    fields = {
        "kind": raw["kind"],
        "area_id": area.pk if area else None,
        "contact_url": fitting(
            report, where, "contact_url", raw.get("contact_url", ""), Venue, "contact_url"
        ),
        "house_rules_text": raw.get("house_rules_text", ""),
        **{name: raw.get(name, _default(name)) for name in PARKING},
        **{name: rules.get(name, _default(name)) for name in Venue.HOUSE_RULES},
        **{name: access.get(name, _default(name)) for name in Venue.ACCESSIBILITY},
    }
    key = fitting(report, where, "key", raw["key"], Venue, "key")
    return Entry(
        key,
        fields,
        _closures(raw.get("closures", []), where, report),
        _rooms(raw.get("rooms", []), where, report),
    )


def _closures(raw: list[dict], where: str, report: Report) -> list[tuple[date, date, str]]:
    closures = []
    for index, closure in enumerate(raw):
        at = f"{where}.closures[{index}]"
        start, end = date.fromisoformat(closure["start"]), date.fromisoformat(closure["end"])
        if end < start:
            report.add(at, "end", _("De laatste dag mag niet voor de eerste dag liggen."))
        reason = fitting(report, at, "reason", closure.get("reason", ""), Closure, "reason")
        closures.append((start, end, reason))
    return closures


def _rooms(raw: list[dict], where: str, report: Report) -> list[dict]:
    rooms, names = [], set()
    for index, room in enumerate(raw):
        at = f"{where}.rooms[{index}]"
        name = fitting(report, at, "name", room["name"], Room, "name")
        if name in names:
            report.add(at, "name", _("twee zalen met de naam %(name)s") % {"name": name})
        names.add(name)
        prices = {price: money(report, at, price, room.get(price)) for price in PRICES}
        rooms.append(
            {
                "name": name,
                "capacity_seated": room["capacity_seated"],
                "size_m2": room.get("size_m2"),
                "facilities": list(dict.fromkeys(room.get("facilities", []))),
                "social_discount_percent": room.get("social_discount_percent", 0),
                "buffer_minutes": room.get("buffer_minutes", 0),
                **prices,
                "one_off_costs": prices["one_off_costs"] or Decimal("0.00"),
            }
        )
    return rooms
