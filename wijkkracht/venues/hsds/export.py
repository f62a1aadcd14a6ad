"""Our published venues as HSDS 3.0 rows: one list of flat rows per HSDS object, linked
by stable ids, plus the extension entry of each location."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Venue
from .extension import VERSION, extension_entry
from .ids import location_id, organization_id, stable_id
from .spec import RESOURCES, WEEKDAYS
from .wijken import municipality_of

COUNTRY = "NL"
# All our areas lie in The Hague. When a municipality in another province joins, the
# province becomes a field of Area.
PROVINCE = "Zuid-Holland"


@dataclass
class Export:
    rows: dict[str, list[dict]]  # HSDS object → its rows; children carry location_id
    extension: dict  # the content of wijkkracht-extension.json


def venues_to_export(include_demo: bool = False) -> QuerySet:
    """The published venues, with their wijk, hours, closures and rooms fetched in bulk."""
    venues = Venue.objects.filter(is_published=True)
    if not include_demo:
        venues = venues.filter(is_demo=False)  # invented venues stay on this site
    # Plain lists (to_attr): a related manager would build a queryset per venue.
    return (
        venues.select_related("area__parent__parent")
        .prefetch_related(
            Prefetch("opening_hours", to_attr="hsds_hours"),
            Prefetch("closures", to_attr="hsds_closures"),
            Prefetch("rooms", to_attr="hsds_rooms"),
        )
        .order_by("key")
    )


def build_export(venues: QuerySet) -> Export:
    """The export of venues, as given by venues_to_export()."""
    venues = list(venues)
    rows = {resource.name: [] for resource in RESOURCES}
    rows["organization"] = _organizations(venues)
    entries = {}
    for venue in venues:
        for name, venue_rows in _location_rows(venue).items():
            rows[name] += venue_rows
        entries[location_id(venue.key)] = extension_entry(
            venue, venue.hsds_rooms, venue.hsds_closures
        )
    return Export(rows, {"version": VERSION, "locations": entries})


def _filled(row: dict) -> dict:
    return {name: value for name, value in row.items() if value not in (None, "")}


def _shared(values: set[str]) -> str:
    """The one value all of an organisation's venues have, else nothing."""
    return values.pop() if len(values) == 1 else ""


def _organizations(venues: list[Venue]) -> list[dict]:
    by_name = defaultdict(list)
    for venue in venues:
        if venue.managed_by:
            by_name[venue.managed_by].append(venue)
    return [
        _filled(
            {
                "id": organization_id(name),
                "name": name,
                "description": ngettext(
                    "Beheert %(count)d locatie voor activiteiten in de buurt.",
                    "Beheert %(count)d locaties voor activiteiten in de buurt.",
                    len(own),
                )
                % {"count": len(own)},
                "email": _shared({venue.contact_email for venue in own}),
                "website": _shared({venue.contact_url for venue in own}),
            }
        )
        for name, own in sorted(by_name.items())
    ]


def _location_rows(venue: Venue) -> dict[str, list[dict]]:
    own_id = location_id(venue.key)
    location = _filled(
        {
            "id": own_id,
            "location_type": "physical",
            "organization_id": organization_id(venue.managed_by) if venue.managed_by else None,
            "name": venue.name,
            "transportation": venue.public_transport,
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    )
    address = _filled(
        {
            "id": stable_id("address", venue.key),
            "location_id": own_id,
            "address_1": venue.address,
            "city": municipality_of(venue.area).name,
            "region": venue.area.name,
            "state_province": PROVINCE,
            "postal_code": venue.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    )
    return {
        "location": [location],
        "address": [address],
        "accessibility": _accessibility(venue, own_id),
        "schedule": _schedules(venue, own_id),
        "contact": _contacts(venue, own_id),
    }


def _accessibility(venue: Venue, own_id: str) -> list[dict]:
    words = [str(label) for label, present in venue.flags(Venue.ACCESSIBILITY) if present]
    if not words and not venue.accessibility_text:
        return []
    return [
        _filled(
            {
                "id": stable_id("accessibility", venue.key),
                "location_id": own_id,
                "description": ", ".join(words),
                "details": venue.accessibility_text,
            }
        )
    ]


def _contacts(venue: Venue, own_id: str) -> list[dict]:
    if not venue.contact_email:
        return []
    # A role address for renting rooms, never a person's own details.
    return [
        {
            "id": stable_id("contact", venue.key),
            "location_id": own_id,
            "name": _("Verhuur van zalen"),
            "email": venue.contact_email,
        }
    ]


def _schedules(venue: Venue, own_id: str) -> list[dict]:
    """One weekly schedule per opening and closing time, with the days that have it."""
    days = defaultdict(list)
    for hours in venue.hsds_hours:
        days[f"{hours.opens:%H:%M}", f"{hours.closes:%H:%M}"].append(hours.day)
    return [
        {
            "id": stable_id("schedule", venue.key, f"{opens}-{closes}"),
            "location_id": own_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(WEEKDAYS[day] for day in sorted(set(on))),
            "opens_at": opens,
            "closes_at": closes,
        }
        for (opens, closes), on in sorted(days.items())
    ]
