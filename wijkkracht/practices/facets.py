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

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Value:
    value: str
    label: str
    bits: int


@dataclass(frozen=True)
class FacetIndex:
    published: int
    order: list[int]  # published ids in the library's own order
    values: dict[str, list[Value]]  # per facet, in the order the page lists them


def bits(ids: Iterable[int]) -> int:
    """A set of ids as one integer: bit n set for id n."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for n in ids:
        buffer[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buffer, "little")


def members(found: int) -> bytes:
    """The set as bytes, to test many ids quickly: id n is in when
    bytes[n >> 3] >> (n & 7) & 1."""
    return found.to_bytes((found.bit_length() + 7) // 8, "little")


def contains(table: bytes, n: int) -> bool:
    return (n >> 3) < len(table) and bool(table[n >> 3] >> (n & 7) & 1)


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
    published = Practice.objects.published()
    order = list(published.values_list("pk", flat=True))  # the model's ordering
    rows = list(published.values_list("pk", "level_id", "municipality"))
    values = {name: _model_values(name, rows) for name in MODELS}
    values["municipality"] = _municipalities(rows)
    return FacetIndex(bits(order), order, {name: values[name] for name in NAMES})


def _model_values(name: str, rows: list[tuple]) -> list[Value]:
    model, key, label, order, relation = MODELS[name]
    holders: dict[int, list[int]] = defaultdict(list)
    if relation == "level":
        for pk, level_id, _municipality in rows:
            if level_id is not None:
                holders[level_id].append(pk)
    else:
        field = Practice._meta.get_field(relation)
        through = field.remote_field.through
        other = f"{field.m2m_reverse_field_name()}_id"
        published = bits(pk for pk, *_rest in rows)
        links = through.objects.values_list("practice_id", other).iterator(chunk_size=5000)
        for pk, value_id in links:
            holders[value_id].append(pk)
    catalogue = model.objects.order_by(order, "pk").values_list("pk", key, label)
    if relation == "level":
        return [Value(value, text, bits(holders[pk])) for pk, value, text in catalogue]
    return [Value(value, text, bits(holders[pk]) & published)
            for pk, value, text in catalogue]


def _municipalities(rows: list[tuple]) -> list[Value]:
    holders: dict[str, list[int]] = defaultdict(list)
    for pk, _level, municipality in rows:
        if municipality:
            holders[municipality].append(pk)
    return [Value(name, name, bits(holders[name])) for name in sorted(holders)]
