"""Writing an export: one JSON file, or the tabular package (a folder or a zip) with
datapackage.json, one CSV file per HSDS object and wijkkracht-extension.json."""

import json
import zipfile
from decimal import Decimal
from pathlib import Path

from wijkkracht.core.csvfiles import write_dicts

from .export import Export
from .spec import (
    CHILDREN,
    DATAPACKAGE_FILE,
    EXTENSION_FILE,
    EXTENSION_RESOURCE,
    RESOURCES,
    Resource,
    columns,
    definition,
    field_schema,
)

# A fixed time in the zip, so the same venues give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _json_bytes(document) -> bytes:
    def number(value):
        if isinstance(value, Decimal):
            return float(value)  # coordinates: a float prints the same five decimals back
        raise TypeError(type(value))

    return json.dumps(document, ensure_ascii=False, indent=2, default=number).encode() + b"\n"


def json_document(export: Export) -> dict:
    """{"organizations": [...], "locations": [...with their addresses, accessibility,
    schedules and contacts inside], "wijkkracht_extension": {...}}."""
    children = {child.name: {} for child in CHILDREN}
    for child in CHILDREN:
        for row in export.rows[child.name]:
            children[child.name].setdefault(row["location_id"], []).append(row)
    locations = []
    for location in export.rows["location"]:
        nested = {child.nested_as: children[child.name].get(location["id"]) for child in CHILDREN}
        locations.append({**location, **{key: rows for key, rows in nested.items() if rows}})
    return {
        "organizations": export.rows["organization"],
        "locations": locations,
        EXTENSION_RESOURCE: export.extension,
    }


def write_json(path: Path, export: Export) -> None:
    path.write_bytes(_json_bytes(json_document(export)))


def write_tabular(path: Path, export: Export, as_zip: bool = False) -> None:
    files = {
        resource.path: _csv_bytes(resource, export.rows[resource.name]) for resource in RESOURCES
    }
    files[EXTENSION_FILE] = _json_bytes(export.extension)
    files[DATAPACKAGE_FILE] = _json_bytes(datapackage())
    if as_zip:
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)


def _csv_bytes(resource: Resource, rows: list[dict]) -> bytes:
    """One CSV file; a text cell a spreadsheet would run as a formula is guarded
    (core.csvfiles), and reading our own export takes the guard off again."""
    return write_dicts(rows, columns(resource.name)).encode()


def datapackage() -> dict:
    """The Frictionless Data package descriptor: each file, its fields and foreign keys."""
    return {
        "profile": "data-package",
        "name": "wijkkracht-venues",
        "title": "Wijkkracht venues (Open Referral HSDS 3.0)",
        "description": "Venues for neighbourhood activities as HSDS 3.0 organizations and "
        "locations. What HSDS cannot express (rooms, prices, house rules, "
        f"closures) is in {EXTENSION_FILE}, by location id.",
        "resources": [
            *(_table(resource) for resource in RESOURCES),
            {
                "name": EXTENSION_RESOURCE,
                "path": EXTENSION_FILE,
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": definition(EXTENSION_RESOURCE)["description"],
            },
        ],
    }


def _table(resource: Resource) -> dict:
    required = definition(resource.name)["required"]
    schema = {
        "fields": [
            _field(resource.name, name, name in required) for name in columns(resource.name)
        ],
        "primaryKey": "id",
    }
    if resource.link:
        schema["foreignKeys"] = [
            {"fields": resource.link, "reference": {"resource": resource.link_to, "fields": "id"}}
        ]
    return {
        "name": resource.name,
        "path": resource.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": definition(resource.name)["description"],
        "schema": schema,
    }


def _field(resource: str, name: str, required: bool) -> dict:
    """A Table Schema field from the field's JSON Schema."""
    part = field_schema(resource, name)
    field = {"name": name, "type": part["type"]}
    constraints = {"required": True} if required else {}
    if name == "id":
        constraints["unique"] = True
    if part.get("format") == "date":
        field["type"] = "date"
    elif "format" in part:
        field["format"] = part["format"]
    for keyword in ("enum", "pattern", "minimum", "maximum"):
        if keyword in part:
            constraints[keyword] = part[keyword]
    if constraints:
        field["constraints"] = constraints
    return field
