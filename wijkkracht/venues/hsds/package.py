"""A package as read from disk, before any checks: the rows of each HSDS object."""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .report import Report
from .spec import RESOURCES, columns

# Far above any real package (5,000 venues take about 3 MB); stops a zip bomb early.
MAX_FILE_BYTES = 100 * 1024 * 1024
# HSDS nests at most a handful of levels (a location's schedules, the extension's rooms);
# a file nested deeper is refused before parsing, since Python's JSON parser (and every
# check after it) would run out of stack on it (RecursionError).
MAX_DEPTH = 32
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than limit (brackets in strings not counted)."""
    depth = 0
    for bracket in _BRACKETS.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


@dataclass
class Row:
    where: str  # "locations.csv rij 5" or "$.locations[4]"
    data: dict  # the object's plain fields that have a value; other fields are left out
    bad: bool = False


@dataclass
class Package:
    rows: dict[str, list[Row]] = field(
        default_factory=lambda: {resource.name: [] for resource in RESOURCES}
    )
    extension: object = None
    extension_where: str = ""

    def add(self, resource: str, where: str, values: dict) -> None:
        # Empty means absent, in CSV and JSON alike; fields HSDS has but we do not use
        # (and extra fields of an HSDS profile) are left out.
        data = {
            name: values[name] for name in columns(resource) if values.get(name) not in (None, "")
        }
        self.rows[resource].append(Row(where, data))


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is geen getal") % {"name": name})


def load_json(data: bytes, where: str, report: Report):
    """The JSON in data, with exact decimals; None (and a problem) if it is not JSON."""
    try:
        text = data.decode("utf-8-sig")
        if too_deep(text):
            report.add(
                where,
                "",
                _("te diep genest: hoogstens %(n)d lagen van lijsten en objecten in elkaar")
                % {"n": MAX_DEPTH},
            )
            return None
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as error:
        report.add(where, "", _("geen geldige JSON: %(error)s") % {"error": error})
        return None
