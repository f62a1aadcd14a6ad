"""Reading an HSDS package: a JSON file, or a tabular package (folder or zip)."""

import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from .package import MAX_FILE_BYTES, Package, load_json
from .report import Report
from .spec import CHILDREN, EXTENSION_RESOURCE
from .tabular_reading import Folder, ZipSource, read_tabular
from .validation import is_uuid


def read_package(path: Path, report: Report) -> Package:
    """The rows in path (.json, a folder with datapackage.json, or .zip); problems go to
    report."""
    if path.is_dir():
        return read_tabular(Folder(path), report)
    if not path.is_file():
        report.add(str(path), "", _("bestaat niet"))
    elif path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return read_tabular(ZipSource(archive), report)
        except zipfile.BadZipFile:
            report.add(path.name, "", _("is geen geldig zip-bestand"))
    elif path.suffix.lower() == ".json":
        return read_json(path, report)
    else:
        report.add(
            path.name,
            "",
            _("geef een .json-bestand, een map met datapackage.json of een .zip-bestand"),
        )
    return Package()


def read_json(path: Path, report: Report) -> Package:
    """The JSON form: {"organizations": [...], "locations": [...], "wijkkracht_extension":
    {...}}; a location may also sit in its organization's "locations"."""
    package = Package()
    if path.stat().st_size > MAX_FILE_BYTES:
        report.add(path.name, "", _("bestand is te groot"))
        return package
    document = load_json(path.read_bytes(), path.name, report)
    if document is None:
        return package
    if not isinstance(document, dict):
        report.add("$", "", _("moet een object zijn met organizations en locations"))
        return package
    for where, organization in _objects(document, "organizations", "$", report):
        package.add("organization", where, organization)
        for location_where, location in _objects(organization, "locations", where, report):
            _location(package, location_where, location, organization.get("id"), report)
    for where, location in _objects(document, "locations", "$", report):
        _location(package, where, location, None, report)
    if EXTENSION_RESOURCE in document:
        package.extension = document[EXTENSION_RESOURCE]
        package.extension_where = f"$.{EXTENSION_RESOURCE}"
    return package


def _location(
    package: Package, where: str, location: dict, organization_id, report: Report
) -> None:
    package.add("location", where, {"organization_id": organization_id, **location})
    # Nesting says whose a child is, whatever it says itself. Under a location whose id is
    # wrong (told once, for the location) its children are left out.
    own_id = location.get("id")
    own_id = own_id if isinstance(own_id, str) and is_uuid(own_id) else None
    for child in CHILDREN:
        for child_where, item in _objects(location, child.nested_as, where, report):
            package.add(child.name, child_where, {**item, "location_id": own_id})


def _objects(container: dict, key: str, where: str, report: Report) -> Iterator[tuple[str, dict]]:
    items = container.get(key)
    if items is None:
        return
    if not isinstance(items, list):
        report.add(where, key, _("moet een lijst zijn"))
        return
    for index, item in enumerate(items):
        item_where = f"{where}.{key}[{index}]"
        if isinstance(item, dict):
            yield item_where, item
        else:
            report.add(item_where, "", _("moet een object zijn"))
