"""A package as read from disk, before any checks: the rows of each HSDS object."""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .report import Report
from .spec import RESOURCES, columns

# Far above any real package (5,000 venues take about 3 MB); stops a zip bomb early.
MAX_FILE_BYTES = 100 * 1024 * 1024


@dataclass
class Row:
    where: str  # "locations.csv rij 5" or "$.locations[4]"
    data: dict  # the object's plain fields that have a value; other fields are left out
    bad: bool = False


@dataclass
class Package:
    rows: dict[str, list[Row]] = field(
        default_factory=lambda: {resource.name: [] for resource in RESOURCES})
    extension: object = None
    extension_where: str = ""

    def add(self, resource: str, where: str, values: dict) -> None:
        # Empty means absent, in CSV and JSON alike; fields HSDS has but we do not use
        # (and extra fields of an HSDS profile) are left out.
        data = {name: values[name] for name in columns(resource)
                if values.get(name) not in (None, "")}
        self.rows[resource].append(Row(where, data))


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is geen getal") % {"name": name})


def load_json(data: bytes, where: str, report: Report):
    """The JSON in data, with exact decimals; None (and a problem) if it is not JSON."""
    try:
        return json.loads(data.decode("utf-8-sig"), parse_float=Decimal,
                          parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as error:
        report.add(where, "", _("geen geldige JSON: %(error)s") % {"error": error})
        return None
