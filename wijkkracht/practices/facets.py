"""The published library's facets held in memory, as one set of bits per facet value.

Counting facets in the database means joining every practice a search found to each
facet's table, five times per search; with 100,000 practices and a common word that is
most of a second. Here a search is one query for the ids the text index finds, and every
count is an AND of bit sets and a count of the bits left, whatever the library's size.

Bit n stands for the practice with id n. The index is built from the database the first
time it is needed and rebuilt when LibraryVersion's token has changed, which every write
to the library does in its own transaction (signals.py), so each process notices another
process's edit on its next search, and an edit that is rolled back leaves no trace.
"""

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from .models import Country, Level, LibraryVersion, Practice, RecruitmentMethod, Theme

# facet name → (model, its value field, its label field, its order field; the relation on
# Practice). Municipality is a plain field: value and label are the name itself.
MODELS = {
    "level": (Level, "key", "label", "position", "level"),
    "theme": (Theme, "slug", "label", "position", "themes"),
    "method": (RecruitmentMethod, "key", "label", "position", "methods"),
    "country": (Country, "name", "name", "name", "countries"),
}
NAMES = ("level", "theme", "method", "municipality", "country")
SOURCE = settings.LANGUAGE_CODE
# Dutch first: the index holds every language's label, whichever language asks first.
LANGUAGES = [SOURCE] + [code for code, _name in settings.LANGUAGES if code != SOURCE]


@dataclass(frozen=True)
class Value:
    value: str
    label: str  # in Dutch
    bits: int
    labels: dict[str, str] = field(default_factory=dict, compare=False)  # its translations

    def label_in(self, language: str) -> tuple[str, bool]:
        """Its label in this language, or in Dutch when it has none; and whether Dutch."""
        text = self.labels.get(language)
        return (text, False) if text else (self.label, True)


@dataclass(frozen=True)
class FacetIndex:
    published: int
    order: list[int]  # published ids in the library's own order
    by_code: dict[int, int]  # published id → its place when sorted by code
    values: dict[str, list[Value]]  # per facet, in the order the page lists them
    memo: dict = field(default_factory=dict, compare=False)  # the text search's, per word


def bits(ids: Iterable[int]) -> int:
    """A set of ids as one integer: bit n set for id n."""
    ids = list(ids)
    if not ids:
        return 0
    buffer, masks = bytearray((max(ids) >> 3) + 1), _MASKS
    for n in ids:
        buffer[n >> 3] |= masks[n & 7]
    return int.from_bytes(buffer, "little")


_MASKS = tuple(1 << bit for bit in range(8))


def members(found: int) -> bytes:
    """The set as bytes, to test many ids quickly: id n is in when
    bytes[n >> 3] >> (n & 7) & 1."""
    return found.to_bytes((found.bit_length() + 7) // 8, "little")


def contains(table: bytes, n: int) -> bool:
    return (n >> 3) < len(table) and bool(table[n >> 3] >> (n & 7) & 1)


_BITS_OF_BYTE = [tuple(i for i in range(8) if byte >> i & 1) for byte in range(256)]
_NONZERO = re.compile(rb"[^\x00]")


def ids(found: int) -> list[int]:
    """The ids in a set, smallest first; the regular expression skips the empty bytes
    in C, so a few ids among a hundred thousand cost next to nothing."""
    table = members(found)
    return [
        match.start() * 8 + bit
        for match in _NONZERO.finditer(table)
        for bit in _BITS_OF_BYTE[table[match.start()]]
    ]


_built: dict[tuple, tuple[str, FacetIndex]] = {}
_lock = threading.Lock()


def current() -> FacetIndex:
    """The index for what this database connection sees now."""
    token = LibraryVersion.current()
    where = (connection.alias, connection.settings_dict["NAME"])
    memo = _built.get(where)
    if token is not None and memo and memo[0] == token:
        return memo[1]
    index = build()
    if token is not None:  # without a token no change can be noticed: build every time
        with _lock:
            _built[where] = (token, index)
    return index


def build() -> FacetIndex:
    """Each facet value's practices in one grouped query per facet, as lists of ids the
    database joins into one text each: far quicker than a row per link."""
    published = Practice.objects.published()
    order = list(published.values_list("pk", flat=True))  # the model's ordering
    everyone = bits(order)
    practice = Practice._meta.db_table
    only_published = ("WHERE status = %s", [Practice.Status.PUBLISHED])
    values = {
        "municipality": [
            Value(name, name, found)
            for name, found in sorted(
                _grouped(
                    practice,
                    "municipality",
                    "id",
                    "WHERE status = %s AND municipality <> ''",
                    [Practice.Status.PUBLISHED],
                ).items()
            )
        ]
    }
    for name, (model, key, label, position, relation) in MODELS.items():
        if relation == "level":
            holders = _grouped(practice, "level_id", "id", *only_published)
        else:
            field = Practice._meta.get_field(relation)
            holders = _grouped(
                field.remote_field.through._meta.db_table,
                f"{field.m2m_reverse_field_name()}_id",
                "practice_id",
            )
        translated = hasattr(model, f"{label}_{SOURCE}")  # registered in translation.py
        columns = [f"{label}_{code}" for code in LANGUAGES] if translated else [label]
        catalogue = model.objects.order_by(position, "pk").values_list("pk", key, *columns)
        values[name] = [
            Value(
                value,
                texts[0],
                holders.get(pk, 0) & everyone,
                _translations(texts[1:]) if translated else {},
            )
            for pk, value, *texts in catalogue
        ]
    by_code = {
        pk: place
        for place, pk in enumerate(published.order_by("code").values_list("pk", flat=True))
    }
    return FacetIndex(everyone, order, by_code, {name: values[name] for name in NAMES})


def _translations(texts: list[str | None]) -> dict[str, str]:
    return {code: t for code, t in zip(LANGUAGES[1:], texts, strict=True) if t}


def _grouped(
    table: str, key: str, member: str, where: str = "", params: list | None = None
) -> dict:
    """key → the set of `member` ids in rows with that key."""
    joined = (
        f"string_agg(CAST({member} AS text), ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({member})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, {joined} FROM {table} {where} "  # noqa: S608
            f"GROUP BY {key}",
            params or [],
        )
        return {
            value: bits(map(int, ids.split(",")))
            for value, ids in cursor.fetchall()
            if value is not None
        }
