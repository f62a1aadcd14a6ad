"""Checking a value against a part of schema.json, with each reason in plain words.

It understands the keywords schema.json uses and no others: type, enum, format, pattern,
minimum, maximum, minLength, required, properties, additionalProperties, propertyNames,
items and local $ref. The tests check our export against the same file with a full JSON
Schema validator; the import uses this one so that it needs no extra package and can say
what is wrong in Dutch.
"""

import re
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .spec import resolve

Path = tuple[str | int, ...]

TYPES = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float | Decimal) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
TYPE_NAMES = {
    "string": gettext_lazy("tekst"),
    "number": gettext_lazy("een getal (met een punt: 52.07)"),
    "integer": gettext_lazy("een heel getal"),
    "boolean": gettext_lazy("true of false"),
    "array": gettext_lazy("een lijst"),
    "object": gettext_lazy("een object"),
    "null": gettext_lazy("leeg (null)"),
}


CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_uuid(value: str) -> bool:
    if CANONICAL_UUID.fullmatch(value):
        return True  # the usual spelling, without the cost of parsing
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _passes(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _is_date(value: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


validate_url = URLValidator()
FORMATS = {
    "uuid": (is_uuid, gettext_lazy("geen geldige UUID")),
    "email": (lambda v: _passes(validate_email, v), gettext_lazy("geen geldig e-mailadres")),
    "uri": (
        lambda v: _passes(validate_url, v),
        gettext_lazy("geen geldig webadres (begin met https://)"),
    ),
    "date": (_is_date, gettext_lazy("geen geldige datum (JJJJ-MM-DD)")),
}


def split_path(path: Path) -> tuple[Path, str]:
    """A problem's place as (the object it is in, the field): the field is the last name,
    with any list positions after it ("facilities[2]")."""
    names = [index for index, part in enumerate(path) if isinstance(part, str)]
    if not names:
        return path, ""
    last = names[-1]
    return path[:last], str(path[last]) + "".join(f"[{part}]" for part in path[last + 1 :])


def problems(value, part: dict, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every way value breaks the schema part, as (where in value, reason)."""
    part = resolve(part)
    expected = part.get("type")
    if expected is not None:
        names = [expected] if isinstance(expected, str) else expected
        if not any(TYPES[name](value) for name in names):
            wanted = f" {_('of')} ".join(str(TYPE_NAMES[name]) for name in names)
            yield path, _("moet %(wanted)s zijn") % {"wanted": wanted}
            return
    if isinstance(value, str) and "\x00" in value:
        yield path, _("bevat een NUL-teken; dat mag niet")
        return
    if "enum" in part and value not in part["enum"]:
        choices = ", ".join(str(choice) for choice in part["enum"])
        yield (
            path,
            _("onbekende waarde %(value)s; kies uit: %(choices)s")
            % {"value": value, "choices": choices},
        )
        return
    yield from _scalar_problems(value, part, path)
    if isinstance(value, dict):
        yield from _object_problems(value, part, path)
    elif isinstance(value, list) and "items" in part:
        for index, item in enumerate(value):
            yield from problems(item, part["items"], (*path, index))


def _scalar_problems(value, part: dict, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        if "format" in part and not FORMATS[part["format"]][0](value):
            yield path, str(FORMATS[part["format"]][1])
        elif "pattern" in part and not re.search(part["pattern"], value):
            example = (part.get("examples") or ["?"])[0]
            yield (
                path,
                _("heeft niet de goede vorm; bijvoorbeeld: %(example)s") % {"example": example},
            )
        elif len(value) < part.get("minLength", 0):
            yield path, _("mag niet leeg zijn")
    elif TYPES["number"](value):
        if "minimum" in part and value < part["minimum"]:
            yield path, _("moet minstens %(minimum)s zijn") % {"minimum": part["minimum"]}
        elif "maximum" in part and value > part["maximum"]:
            yield path, _("mag hoogstens %(maximum)s zijn") % {"maximum": part["maximum"]}


def _object_problems(value: dict, part: dict, path: Path) -> Iterator[tuple[Path, str]]:
    required = part.get("required", [])
    for name in required:
        if value.get(name) in (None, ""):
            yield (*path, name), _("verplicht, maar ontbreekt of is leeg")
    properties = part.get("properties", {})
    others = part.get("additionalProperties", True)
    for name, item in value.items():
        if name in required and item in (None, ""):
            continue  # said above
        if "propertyNames" in part:
            yield from problems(name, part["propertyNames"], (*path, name))
        if name in properties:
            yield from problems(item, properties[name], (*path, name))
        elif others is False:
            yield (*path, name), _("onbekend veld")
        elif isinstance(others, dict):
            yield from problems(item, others, (*path, name))
