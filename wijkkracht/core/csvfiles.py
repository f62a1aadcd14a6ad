"""One way to write every CSV file the platform hands out.

A spreadsheet runs a cell that starts with =, +, -, @ (and a tab or carriage return
before one of those) as a formula: a name such as =HYPERLINK(...) in an export would
then do what its author wanted on the computer of whoever opens the file. Such cells get
a leading apostrophe, which spreadsheets show as plain text and do not print.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value):
    """Text with an apostrophe before what a spreadsheet would run; a number (also a
    negative one) stays a number, None an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def unguard(value: str) -> str:
    """A cell read back from our own export: the apostrophe guard taken off again."""
    if value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def write_rows(rows: Iterable[Iterable], header: Iterable[str] | None = None) -> str:
    """Rows (lists of cells) as CSV text, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header is not None:
        writer.writerow([guard(cell) for cell in header])
    for row in rows:
        writer.writerow([guard(cell) for cell in row])
    return out.getvalue()


def write_dicts(rows: Iterable[dict], columns: list[str]) -> str:
    """Rows as dicts under a header of columns, every cell guarded; a key that is not a
    column is a programming error (ValueError)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: guard(value) for key, value in row.items()})
    return out.getvalue()
