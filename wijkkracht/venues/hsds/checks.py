"""Checks of the HSDS part of a package: every row against its object in schema.json,
ids that are unique, and links (organization_id, location_id) that point somewhere."""

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .package import Package, Row
from .report import Report
from .spec import RESOURCES, columns_of_format, definition
from .validation import CANONICAL_UUID, is_uuid, problems, split_path

DANGLING = {
    "organization": gettext_lazy("verwijst naar een organisatie die niet in het pakket staat"),
    "location": gettext_lazy("verwijst naar een locatie die niet in het pakket staat"),
}


def check_package(package: Package, report: Report) -> None:
    for resource in RESOURCES:
        rows = package.rows[resource.name]
        for row in rows:
            _check_row(resource.name, row, report)
        _check_unique_ids(rows, report)
    for resource in RESOURCES:
        if resource.link:
            _check_links(package, resource.link, resource.link_to, resource.name, report)


def _check_row(name: str, row: Row, report: Report) -> None:
    for path, reason in problems(row.data, definition(name)):
        report.add(row.where, split_path(path)[1], reason)
        row.bad = True
    # One spelling of each UUID, so links match whatever case a package writes them in.
    for column in columns_of_format(name, "uuid") & row.data.keys():
        value = row.data[column]
        if isinstance(value, str) and not CANONICAL_UUID.fullmatch(value) and is_uuid(value):
            row.data[column] = str(uuid.UUID(value))


def _check_unique_ids(rows: list[Row], report: Report) -> None:
    first: dict[str, str] = {}
    for row in rows:
        row_id = row.data.get("id")
        if not isinstance(row_id, str):
            continue
        if row_id in first:
            report.add(
                row.where, "id", _("deze id staat ook in %(where)s") % {"where": first[row_id]}
            )
            row.bad = True
        else:
            first[row_id] = row.where


def _check_links(package: Package, link: str, target: str, name: str, report: Report) -> None:
    known = {row.data.get("id") for row in package.rows[target]}
    for row in package.rows[name]:
        # A row without a link is about something else (a service's schedule, an
        # organisation's contact): not ours to import, so not ours to refuse.
        if link in row.data and row.data[link] not in known:
            report.add(row.where, link, str(DANGLING[target]))
            row.bad = True
