"""From checked HSDS rows and extension entries to venues as Wijkkracht keeps them."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from django.utils.translation import gettext as _

from ..models import OpeningHours, Venue
from .extension import Entry
from .ids import location_id
from .limits import coordinate, fitting
from .package import Package, Row
from .report import Report
from .spec import CHILDREN, WEEKDAYS
from .wijken import ADDRESS_FIELDS, WijkFinder

LOCAL_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2}))?")


@dataclass
class VenueData:
    key: str
    where: str
    fields: dict  # the Venue fields (attnames) the package decides; others stay as they are
    hours: list[tuple[int, time, time]]
    closures: list[tuple[date, date, str]] | None  # None: the package does not say
    rooms: list[dict] | None


@dataclass
class Context:
    organizations: dict[str, Row]
    children: dict[str, dict[str, list[Row]]]  # object → location id → its rows
    entries: dict[str, Entry | None]
    wijken: WijkFinder
    known_keys: dict[str, str]  # our stable location id → key, for the venues we have


def map_locations(
    package: Package, entries: dict[str, Entry | None], report: Report
) -> tuple[list[VenueData], int]:
    """The venues in package, and how many locations were skipped as not physical."""
    context = Context(
        organizations={row.data["id"]: row for row in package.rows["organization"] if not row.bad},
        children={child.name: _by_location(package.rows[child.name]) for child in CHILDREN},
        entries=entries,
        wijken=WijkFinder(),
        # A package of ours that lost its extension still updates the venues it came from.
        known_keys={location_id(key): key for key in Venue.objects.values_list("key", flat=True)},
    )
    venues, skipped = [], 0
    for row in package.rows["location"]:
        if row.bad:
            continue
        if row.data["location_type"] != "physical":
            skipped += 1  # postal and virtual locations are no buildings to meet in
            continue
        own = {name: rows.get(row.data["id"], []) for name, rows in context.children.items()}
        if not _told_already(row.data["id"], own, entries):
            venues.append(_venue(row, own, context, report))
    _check_unique_keys(venues, report)
    return venues, skipped


def _told_already(
    location: str, own: dict[str, list[Row]], entries: dict[str, Entry | None]
) -> bool:
    """Whether the location's extension entry or one of its rows is bad: then its problems
    are in the report already, and mapping it would only repeat them."""
    bad_entry = location in entries and entries[location] is None
    return bad_entry or any(row.bad for rows in own.values() for row in rows)


def _by_location(rows: list[Row]) -> dict[str, list[Row]]:
    grouped = defaultdict(list)
    for row in rows:
        if "location_id" in row.data:
            grouped[row.data["location_id"]].append(row)
    return grouped


def _venue(location: Row, own: dict[str, list[Row]], context: Context, report: Report) -> VenueData:
    data, where = location.data, location.where
    entry = context.entries.get(data["id"])
    organization = context.organizations.get(data.get("organization_id"))
    fields = {
        "name": _name(location, report),
        "managed_by": _managed_by(organization, report),
        **_address(location, own["address"], context.wijken if entry is None else None, report),
        "latitude": coordinate(data.get("latitude")),
        "longitude": coordinate(data.get("longitude")),
        "public_transport": fitting(
            report,
            where,
            "transportation",
            data.get("transportation", ""),
            Venue,
            "public_transport",
        ),
        "contact_email": _contact_email(own["contact"], organization, report),
        "accessibility_text": _accessibility_text(own["accessibility"], ours=entry is not None),
        "is_published": True,
        "is_demo": False,
    }
    if entry is not None:
        fields.update(entry.fields)
        return VenueData(
            entry.key, where, fields, _hours(own["schedule"], report), entry.closures, entry.rooms
        )
    if organization is not None and "website" in organization.data:
        fields["contact_url"] = fitting(
            report,
            organization.where,
            "website",
            organization.data["website"],
            Venue,
            "contact_url",
        )
    key = context.known_keys.get(data["id"], f"hsds-{data['id']}")
    return VenueData(key, where, fields, _hours(own["schedule"], report), None, None)


def _name(location: Row, report: Report) -> str:
    if "name" not in location.data:
        report.add(
            location.where,
            "name",
            _("verplicht voor een locatie op Wijkkracht, maar ontbreekt of is leeg"),
        )
    return fitting(report, location.where, "name", location.data.get("name", ""), Venue, "name")


def _managed_by(organization: Row | None, report: Report) -> str:
    if organization is None:
        return ""
    return fitting(
        report, organization.where, "name", organization.data["name"], Venue, "managed_by"
    )


def _address(location: Row, rows: list[Row], wijken: WijkFinder | None, report: Report) -> dict:
    """Street, postcode and, without an extension, the wijk named in the address."""
    if not rows:
        report.add(
            location.where,
            "addresses",
            _("geen adres; een locatie op Wijkkracht heeft een adres nodig"),
        )
        return {}
    row = next((row for row in rows if row.data["address_type"] == "physical"), rows[0])
    fields = {
        "address": fitting(report, row.where, "address_1", row.data["address_1"], Venue, "address"),
        "postcode": fitting(
            report, row.where, "postal_code", row.data["postal_code"], Venue, "postcode"
        ),
    }
    if wijken is not None:
        area = wijken.by_address(row.data)
        fields["area_id"] = area.pk if area else None
        if area is None:
            said = ", ".join(str(row.data[name]) for name in ADDRESS_FIELDS if name in row.data)
            report.add(
                row.where,
                "region",
                _(
                    "geen wijk gevonden; zet de naam van een wijk in region, address_2 of city "
                    "(nu: %(said)s)"
                )
                % {"said": said},
            )
    return fields


def _contact_email(rows: list[Row], organization: Row | None, report: Report) -> str:
    row = next((row for row in rows if "email" in row.data), organization)
    if row is None or "email" not in row.data:
        return ""
    return fitting(report, row.where, "email", row.data["email"], Venue, "contact_email")


def _accessibility_text(rows: list[Row], ours: bool) -> str:
    # Our export writes the flags as words in description and our text in details; the
    # flags come back from the extension. A foreign package's words all count as text.
    names = ("details",) if ours else ("description", "details")
    return "\n\n".join(row.data[name] for row in rows for name in names if name in row.data)


def _hours(rows: list[Row], report: Report) -> list[tuple[int, time, time]]:
    hours = sorted(hour for row in rows for hour in _schedule_hours(row, report))
    for (day, _opens, closes, _where), (next_day, next_opens, _closes, where) in zip(
        hours, hours[1:], strict=False
    ):
        if day == next_day and next_opens < closes:
            report.add(
                where,
                "opens_at",
                _("Twee openingstijden op %(day)s overlappen.")
                % {"day": OpeningHours.Day(day).label},
            )
    return [(day, opens, closes) for day, opens, closes, _where in hours]


def _schedule_hours(row: Row, report: Report) -> list[tuple[int, time, time, str]]:
    data = row.data
    if data.get("freq", "WEEKLY") != "WEEKLY" or data.get("interval", 1) != 1:
        report.add(
            row.where,
            "freq",
            _(
                "alleen openingstijden die elke week gelden kunnen "
                "we overnemen (freq WEEKLY, interval 1)"
            ),
        )
        return []
    days = [day.strip() for day in data.get("byday", "").split(",") if day.strip()]
    if not days or any(day not in WEEKDAYS for day in days):
        report.add(
            row.where,
            "byday",
            _("geef de dagen zo: MO,TU,WE,TH,FR,SA,SU (nu: %(said)s)")
            % {"said": data.get("byday", "")},
        )
        return []
    opens, closes = _local_time(row, "opens_at", report), _local_time(row, "closes_at", report)
    if opens is None or closes is None:
        return []
    if closes <= opens:
        report.add(row.where, "closes_at", _("De sluitingstijd moet na de openingstijd liggen."))
        return []
    return [(WEEKDAYS.index(day), opens, closes, row.where) for day in days]


def _local_time(row: Row, field: str, report: Report) -> time | None:
    value = row.data.get(field)
    if value is None:
        report.add(row.where, field, _("verplicht voor een openingstijd, maar leeg"))
        return None
    match = LOCAL_TIME.fullmatch(value)
    if match is None:
        # A UTC offset is a guess half the year (summer time); we keep local times.
        report.add(
            row.where,
            field,
            _("geef de tijd zoals de klok in Nederland hem aanwijst, zonder tijdzone, zoals 09:00"),
        )
        return None
    hours, minutes, seconds = match.groups()
    return time(int(hours), int(minutes), int(seconds or 0))


def _check_unique_keys(venues: list[VenueData], report: Report) -> None:
    first: dict[str, str] = {}
    for venue in venues:
        if venue.key in first:
            report.add(
                venue.where,
                "key",
                _("de sleutel %(key)s hoort ook bij %(where)s")
                % {"key": venue.key, "where": first[venue.key]},
            )
        first.setdefault(venue.key, venue.where)
