"""Importing an HSDS package, all or nothing: read, check every row, then write."""

from pathlib import Path

from .checks import check_package
from .extension import read_extension
from .mapping import map_locations
from .reading import read_package
from .report import Report
from .saving import save_venues


def import_hsds(path: Path | str, dry_run: bool = False) -> Report:
    """Import the package at path (.json, a folder with datapackage.json, or .zip).

    If anything is wrong, nothing is written and the report names each bad row, its
    field and the reason. Otherwise venues are created or updated by their stable key,
    in one transaction; importing the same package again changes nothing.
    """
    report = Report(dry_run=dry_run)
    package = read_package(Path(path), report)
    if not report.ok:
        return report  # a file that cannot be read says nothing reliable about its rows
    check_package(package, report)
    location_ids = {row.data.get("id") for row in package.rows["location"]}
    entries = read_extension(package.extension, package.extension_where, location_ids, report)
    if entries is None:
        return report
    venues, report.skipped = map_locations(package, entries, report)
    if report.ok:
        save_venues(venues, report)
    return report
