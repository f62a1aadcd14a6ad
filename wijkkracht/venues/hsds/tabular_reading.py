"""Reading the tabular form: datapackage.json and one CSV file per HSDS object."""

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from wijkkracht.core.csvfiles import unguard

from .package import MAX_FILE_BYTES, Package, load_json
from .report import Report
from .spec import (
    DATAPACKAGE_FILE,
    EXTENSION_FILE,
    EXTENSION_RESOURCE,
    LOCATION,
    RESOURCES,
    Resource,
    columns,
    definition,
    number_columns,
)


class TooLarge(Exception):
    pass


class Folder:
    def __init__(self, root: Path):
        self.root = root

    def read(self, name: str) -> bytes | None:
        path = self.root / name
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TooLarge
        return path.read_bytes()


class ZipSource:
    """A zip with the package at its top or in one folder (a zipped export folder)."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        found = [
            name for name in archive.namelist() if PurePosixPath(name).name == DATAPACKAGE_FILE
        ]
        self.prefix = min(found, key=len).removesuffix(DATAPACKAGE_FILE) if found else ""

    def read(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(self.prefix + name)
        except KeyError:
            return None
        if info.file_size > MAX_FILE_BYTES:
            raise TooLarge
        return self.archive.read(info)


def row_where(file: str, row: int) -> str:
    """A row as a person counts it in a spreadsheet: the header is row 1."""
    return _("%(file)s rij %(row)d") % {"file": file, "row": row}


def read_tabular(source: Folder | ZipSource, report: Report) -> Package:
    package = Package()
    descriptor = _read(source, DATAPACKAGE_FILE, report)
    if descriptor is None:
        report.add(DATAPACKAGE_FILE, "", _("ontbreekt; een tabelpakket heeft datapackage.json"))
        return package
    paths = _resource_paths(load_json(descriptor, DATAPACKAGE_FILE, report), report)
    for resource in RESOURCES:
        name = paths.get(resource.name, resource.path)
        data = _read(source, name, report)
        if data is not None:
            _read_csv(package, resource, name, data, report)
        elif resource.name in paths or resource is LOCATION:
            report.add(name, "", _("dit bestand ontbreekt in het pakket"))
    name = paths.get(EXTENSION_RESOURCE, EXTENSION_FILE)
    data = _read(source, name, report)
    if data is not None:
        package.extension = load_json(data, name, report)
        package.extension_where = f"{name}: $"
    elif EXTENSION_RESOURCE in paths:
        report.add(name, "", _("dit bestand ontbreekt in het pakket"))
    return package


def _read(source: Folder | ZipSource, name: str, report: Report) -> bytes | None:
    try:
        return source.read(name)
    except TooLarge:
        report.add(name, "", _("bestand is te groot"))
        return None


def _resource_paths(descriptor, report: Report) -> dict[str, str]:
    """Each resource's file, from datapackage.json; only plain files inside the package."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        if descriptor is not None:
            report.add(DATAPACKAGE_FILE, "resources", _("moet een lijst met bronnen zijn"))
        return {}
    paths = {}
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            continue
        path = resource.get("path")
        parts = PurePosixPath(path).parts if isinstance(path, str) else ("..",)
        if not parts or ".." in parts or path.startswith("/") or "\\" in path or ":" in path:
            report.add(
                f"{DATAPACKAGE_FILE}: resources[{index}]",
                "path",
                _("moet een bestand in het pakket zijn"),
            )
            continue
        paths[resource["name"]] = path
    return paths


def _read_csv(package: Package, resource: Resource, name: str, data: bytes, report: Report) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(name, "", _("is geen UTF-8-tekst"))
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        missing = [field for field in definition(resource.name)["required"] if field not in header]
        for field in missing:
            report.add(row_where(name, 1), field, _("deze kolom ontbreekt"))
        if missing:
            return
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                _add_row(package, resource, row_where(name, number), header, cells, report)
    except csv.Error as error:
        report.add(
            row_where(name, reader.line_num),
            "",
            _("geen geldige CSV: %(error)s") % {"error": error},
        )


def _add_row(
    package: Package,
    resource: Resource,
    where: str,
    header: list[str],
    cells: list[str],
    report: Report,
) -> None:
    if len(cells) > len(header):
        report.add(where, "", _("meer cellen dan kolommen in de kopregel"))
    known = columns(resource.name)
    package.add(
        resource.name,
        where,
        {
            column: _typed(resource.name, column, unguard(cell.strip()))
            for column, cell in zip(header, cells, strict=False)
            if column in known
        },
    )


def _typed(resource: str, column: str, text: str):
    """A number column's cell as a number; anything else, or a cell that is no number, as
    text (the checks then say what is wrong with it)."""
    if text and column in number_columns(resource):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        if number.is_finite():
            return number
    return text
