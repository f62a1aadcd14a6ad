"""Finding practices: full-text search plus facets that combine.

Values of one facet widen the search (either this level or that one); different facets
narrow it (this level and this theme). Each facet counts what its values would give with
the other facets as they are, so a count never promises more than a click gives.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import facets, search
from .models import Practice

FACETS = facets.NAMES
NOTHING = "-none-"  # no key or label looks like this


@dataclass
class Filters:
    q: str = ""
    chosen: dict[str, list[str]] = field(default_factory=dict)
    index: facets.FacetIndex | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_query(cls, params) -> "Filters":
        """From a query string; a facet value may be given by its key or its label."""
        q = " ".join(params.get("q", "").split())[:200]
        index = facets.current()
        chosen = {name: _normalise(index, name, params.getlist(name)[:30]) for name in FACETS}
        return cls(q, {name: values for name, values in chosen.items() if values}, index)


def _normalise(index: facets.FacetIndex, facet: str, values: list[str]) -> list[str]:
    values = [v.strip() for v in values if v and v.strip() and "\x00" not in v]
    if facet == "municipality" or not values:
        return values
    wanted = {_plain(v) for v in values}
    known = [v.value for v in index.values[facet]
             if _plain(v.value) in wanted or _plain(v.label) in wanted]
    return known or [NOTHING]  # asked for something that does not exist: find nothing


def _plain(text: str) -> str:
    """Labels as people type them: any case, any spacing."""
    return " ".join(str(text).split()).casefold()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


class Results(Sequence):
    """The practices found, best first, fetched a page at a time: only the page's
    practices are read from the database, however many were found."""

    def __init__(self, index: facets.FacetIndex, found: int, q: str, hits: list[int],
                 narrowed: bool):
        self._index, self._found, self._q = index, found, q
        self._hits, self._narrowed = hits, narrowed
        self._count = found.bit_count()

    def count(self) -> int:
        return self._count

    __len__ = count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index:index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, _step = index.indices(len(self))
        if stop <= start:
            return []
        return _practices(self._ranked(start, stop) if self._q else self._listed(start, stop))

    def _ranked(self, start: int, stop: int) -> list[int]:
        among = None  # the text search's own hits, when no facet narrowed them
        if self._narrowed:
            table = facets.members(self._found)
            among = [n for n in self._hits if facets.contains(table, n)]
        return search.ranked_ids(self._q, among, start, stop)

    def _listed(self, start: int, stop: int) -> list[int]:
        order = self._index.order
        if self._found == self._index.published:
            return order[start:stop]
        table, ids = facets.members(self._found), []
        for n in order:
            if facets.contains(table, n):
                ids.append(n)
                if len(ids) == stop:
                    break
        return ids[start:]

    def __iter__(self):
        return iter(self[:len(self)])


# What a card in a list of results (and the API's list) shows of a practice.
CARD = ("code", "name", "slug", "kind", "status", "municipality", "level__key",
        "level__label")


def _practices(ids: list[int]) -> list[Practice]:
    """These practices, in this order, with what a list of results shows."""
    found = (Practice.objects.select_related("level").prefetch_related("themes")
             .only(*CARD).order_by().in_bulk(ids))
    return [found[n] for n in ids if n in found]


@dataclass
class Found:
    practices: Results
    facets: dict[str, list[FacetValue]]


def find(filters: Filters) -> Found:
    index = filters.index or facets.current()
    scope, hits = index.published, []
    if filters.q:
        hits = search.hit_ids(filters.q)
        scope &= facets.bits(hits)
    masks = {name: _mask(index, name, values) for name, values in filters.chosen.items()}
    counts = {name: _counts(index, name, _narrow(scope, masks, skip=name), filters)
              for name in FACETS}
    return Found(Results(index, _narrow(scope, masks), filters.q, hits, bool(masks)), counts)


def _mask(index: facets.FacetIndex, name: str, values: list[str]) -> int:
    """The practices with one of these values of a facet."""
    wanted, mask = set(values), 0
    for value in index.values[name]:
        if value.value in wanted:
            mask |= value.bits
    return mask


def _narrow(scope: int, masks: dict[str, int], skip: str | None = None) -> int:
    for name, mask in masks.items():
        if name != skip:
            scope &= mask
    return scope


def _counts(index: facets.FacetIndex, name: str, scope: int,
            filters: Filters) -> list[FacetValue]:
    """Each value's count with the other facets as they are; a chosen value stays in the
    list with 0, so it can be unchosen."""
    chosen = set(filters.chosen.get(name, [])) - {NOTHING}
    counted = [FacetValue(v.value, v.label, (scope & v.bits).bit_count(), v.value in chosen)
               for v in index.values[name]]
    counted = [value for value in counted if value.count or value.selected]
    missing = chosen - {value.value for value in counted}
    if missing:  # a municipality nobody has: only a plain field can be asked for that
        counted = sorted(counted + [FacetValue(m, m, 0, True) for m in missing],
                         key=lambda value: value.value)
    return counted
