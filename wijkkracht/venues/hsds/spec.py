"""The HSDS 3.0 objects we exchange: their JSON Schema (schema.json) and their tables."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("schema.json")
EXTENSION_FILE = "wijkkracht-extension.json"
EXTENSION_RESOURCE = "wijkkracht_extension"
DATAPACKAGE_FILE = "datapackage.json"


# RFC 5545 day codes, as HSDS schedules use them in byday; Monday is our day 0.
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Resource:
    name: str  # the HSDS object and the resource name in datapackage.json
    path: str  # its CSV file in the tabular package
    nested_as: str  # its key inside a location object in JSON ("" for top-level objects)
    link: str  # the field that points to the object it belongs to ("" for none)
    link_to: str  # the resource that field points to


ORGANIZATION = Resource("organization", "organizations.csv", "", "", "")
LOCATION = Resource("location", "locations.csv", "", "organization_id", "organization")
CHILDREN = (
    Resource("address", "addresses.csv", "addresses", "location_id", "location"),
    Resource("accessibility", "accessibility.csv", "accessibility", "location_id", "location"),
    Resource("schedule", "schedules.csv", "schedules", "location_id", "location"),
    Resource("contact", "contacts.csv", "contacts", "location_id", "location"),
)
RESOURCES = (ORGANIZATION, LOCATION, *CHILDREN)


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def resolve(part: dict) -> dict:
    """Follow a local "$ref" ("#/$defs/name"); schema.json uses no other kind."""
    while "$ref" in part:
        part = schema()["$defs"][part["$ref"].removeprefix("#/$defs/")]
    return part


def definition(name: str) -> dict:
    return schema()["$defs"][name]


@cache
def columns(name: str) -> tuple[str, ...]:
    """The plain (non-array) fields of an HSDS object: the columns of its CSV file."""
    properties = definition(name)["properties"]
    return tuple(
        field
        for field, part in properties.items()
        if resolve(part).get("type") not in ("array", "object")
    )


def field_schema(name: str, field: str) -> dict:
    return resolve(definition(name)["properties"][field])


@cache
def columns_of_format(name: str, form: str) -> frozenset[str]:
    return frozenset(
        field for field in columns(name) if field_schema(name, field).get("format") == form
    )


@cache
def number_columns(name: str) -> frozenset[str]:
    return frozenset(
        field for field in columns(name) if field_schema(name, field).get("type") == "number"
    )
