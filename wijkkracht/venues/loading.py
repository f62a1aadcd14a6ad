"""Loading venues and rooms from content/venues/ (demo data), all or nothing."""

from datetime import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from wijkkracht.accounts.models import User
from wijkkracht.core.content import CONTENT_DIR, ContentError, read_yaml
from wijkkracht.organisations.loading import demo_email
from wijkkracht.places.models import Area

from .models import Closure, OpeningHours, Room, Venue

DEMO_FILE = CONTENT_DIR / "venues" / "demo.yaml"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def load_venues(path: Path | str = DEMO_FILE, demo: bool = True) -> int:
    data = read_yaml(path) or {}
    entries = data.get("venues")
    if not isinstance(entries, list):
        raise ContentError(f"{path}: venues: expected a list")
    with transaction.atomic():
        for index, entry in enumerate(entries):
            _venue(f"{path}: venues.{index}", entry, demo)
    return len(entries)


def _area(where: str, value) -> Area:
    area = (
        Area.objects.filter(slug=value).first()
        or Area.objects.filter(kind=Area.Kind.WIJK, name__iexact=str(value)).first()
    )
    if area is None:
        raise ContentError(f"{where}.area: unknown area {value!r}; load places first")
    return area


def _time(where: str, value) -> time:
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours) % 24, int(minutes))
    except ValueError as error:
        raise ContentError(f"{where}: not a time (HH:MM): {value!r}") from error


def _money(where: str, value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ContentError(f"{where}: not an amount: {value!r}") from error


def _venue(where: str, entry: dict, demo: bool) -> Venue:
    if not isinstance(entry, dict) or not entry.get("key") or not entry.get("name"):
        raise ContentError(f"{where}: every venue needs a key and a name")
    if entry.get("kind") not in Venue.Kind.values:
        raise ContentError(f"{where}.kind: unknown kind {entry.get('kind')!r}")
    rules = entry.get("house_rules") or {}
    access = entry.get("accessibility") or {}
    fields = {
        "name": entry["name"],
        "kind": entry["kind"],
        "managed_by": entry.get("managed_by", ""),
        "address": entry.get("address", ""),
        "postcode": entry.get("postcode", ""),
        "area": _area(where, entry.get("area")),
        "latitude": entry.get("latitude"),
        "longitude": entry.get("longitude"),
        "contact_email": entry.get("contact_email", ""),
        "contact_url": entry.get("contact_url", ""),
        "house_rules_text": entry.get("house_rules_text", ""),
        "public_transport": entry.get("public_transport", ""),
        "car_parking": bool(entry.get("car_parking")),
        "bike_parking": bool(entry.get("bike_parking")),
        "accessibility_text": entry.get("accessibility_text", ""),
        "is_demo": demo,
        **{name: bool(rules.get(name)) for name in Venue.HOUSE_RULES},
        **{name: bool(access.get(name)) for name in Venue.ACCESSIBILITY},
    }
    venue, _ = Venue.objects.update_or_create(key=entry["key"], defaults=fields)
    venue.opening_hours.all().delete()
    for i, hours in enumerate(entry.get("opening_hours") or []):
        if hours.get("day") not in DAYS:
            raise ContentError(f"{where}.opening_hours.{i}.day: one of {', '.join(DAYS)}")
        OpeningHours.objects.create(
            venue=venue,
            day=DAYS.index(hours["day"]),
            opens=_time(f"{where}.opening_hours.{i}", hours.get("open")),
            closes=_time(f"{where}.opening_hours.{i}", hours.get("close")),
        )
    venue.closures.all().delete()
    for closure in entry.get("closures") or []:
        Closure.objects.create(
            venue=venue,
            start=closure["start"],
            end=closure["end"],
            reason=closure.get("reason", ""),
        )
    _rooms(where, venue, entry.get("rooms") or [])
    _managers(where, venue, entry.get("managers") or [])
    return venue


def _managers(where: str, venue: Venue, keys: list) -> None:
    """Demo people who look after the venue (content/demo/organisations.yaml gives their
    names and roles; loaded on its own, the venue still gets its manager)."""
    for key in keys:
        email = demo_email(str(key))
        user = User.objects.get_by_email(email) or User.objects.create_user(email)
        venue.managers.add(user)


def _rooms(where: str, venue: Venue, rooms: list) -> None:
    keep = []
    for i, entry in enumerate(rooms):
        at = f"{where}.rooms.{i}"
        unknown = set(entry.get("facilities") or []) - set(Room.FACILITIES)
        if unknown:
            raise ContentError(f"{at}.facilities: unknown {', '.join(sorted(unknown))}")
        if not entry.get("name") or not entry.get("capacity_seated"):
            raise ContentError(f"{at}: a room needs a name and capacity_seated")
        room, _ = Room.objects.update_or_create(
            venue=venue,
            name=entry["name"],
            defaults={
                "capacity_seated": int(entry["capacity_seated"]),
                "size_m2": entry.get("size_m2"),
                "facilities": list(entry.get("facilities") or []),
                "price_hour": _money(f"{at}.price_hour", entry.get("price_hour")),
                "price_daypart": _money(f"{at}.price_daypart", entry.get("price_daypart")),
                "price_month": _money(f"{at}.price_month", entry.get("price_month")),
                "social_discount_percent": int(entry.get("social_discount_percent") or 0),
                "one_off_costs": _money(f"{at}.one_off_costs", entry.get("one_off_costs"))
                or Decimal("0"),
                "buffer_minutes": int(entry.get("buffer_minutes") or 0),
            },
        )
        keep.append(room.pk)
    venue.rooms.exclude(pk__in=keep).filter(bookings__isnull=True).delete()
