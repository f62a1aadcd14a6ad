"""Finding practices: full-text search plus facets that combine.

Values of one facet widen the search (either this level or that one); different facets
narrow it (this level and this theme). Each facet counts what its values would give with
the other facets as they are, so a count never promises more than a click gives.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from . import search
from .models import Country, Level, Practice, RecruitmentMethod, Theme

# facet name → (lookup on Practice, model, the model's value field, its label field)
FACETS = {
    "level": ("level__key", Level, "key", "label"),
    "theme": ("themes__slug", Theme, "slug", "label"),
    "method": ("methods__key", RecruitmentMethod, "key", "label"),
    "municipality": ("municipality", None, None, None),
    "country": ("countries__name", Country, "name", "name"),
}


NOTHING = "-none-"  # no key or label looks like this


@dataclass
class Filters:
    q: str = ""
    chosen: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_query(cls, params) -> "Filters":
        """From a query string; a facet value may be given by its key or its label."""
        q = " ".join(params.get("q", "").split())[:200]
        chosen = {name: _normalise(name, params.getlist(name)[:30]) for name in FACETS}
        return cls(q, {name: values for name, values in chosen.items() if values})


def _normalise(facet: str, values: list[str]) -> list[str]:
    values = [v.strip() for v in values if v and v.strip() and "\x00" not in v]
    _lookup, model, key, label = FACETS[facet]
    if model is None or not values:
        return values
    wanted = {_plain(v) for v in values}
    known = [k for k, text in model.objects.values_list(key, label)
             if _plain(k) in wanted or _plain(text) in wanted]
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
    """The practices found, best first, fetched a page at a time: the database counts and
    cuts the page, so a broad search costs no more in Python than a narrow one."""

    def __init__(self, practices: QuerySet, q: str):
        self._practices, self._q, self._count = practices, q, None

    def count(self) -> int:
        if self._count is None:
            self._count = self._practices.count()
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
        ordered = search.by_relevance(self._practices, self._q) if self._q else self._practices
        return list(ordered.select_related("level").prefetch_related("themes")
                    .defer("search_text", "search_vector")[start:stop])

    def __iter__(self):
        return iter(self[:len(self)])


@dataclass
class Found:
    practices: Results
    facets: dict[str, list[FacetValue]]


def _condition(name: str, values: list[str]) -> Q | Exists:
    """Practices with one of these values of a facet, tested row by row: the database
    checks the practices a search found, never every practice with that value."""
    lookup, model, key, _label = FACETS[name]
    if model is None:
        return Q(**{f"{lookup}__in": values})
    chosen = model.objects.filter(**{f"{key}__in": values}).values("pk")
    relation = lookup.split("__")[0]
    field = Practice._meta.get_field(relation)
    if not field.many_to_many:
        return Q(**{f"{relation}__in": chosen})
    through = field.remote_field.through
    return Exists(through.objects.filter(practice=OuterRef("pk"),
                                         **{f"{field.m2m_reverse_field_name()}__in": chosen}))


def _narrow(practices: QuerySet, filters: Filters, skip: str | None = None) -> QuerySet:
    for name, values in filters.chosen.items():
        if name != skip:
            practices = practices.filter(_condition(name, values))
    return practices


def find(filters: Filters, base: QuerySet | None = None) -> Found:
    practices = Practice.objects.published() if base is None else base
    if filters.q:
        practices = search.matching(practices, filters.q)
    facets = {name: _counts(name, _narrow(practices, filters, skip=name), filters)
              for name in FACETS}
    return Found(Results(_narrow(practices, filters), filters.q), facets)


def _counts(name: str, practices: QuerySet, filters: Filters) -> list[FacetValue]:
    """Counted by the database, with each value's label and place in the list."""
    lookup, model, key, label = FACETS[name]
    chosen = set(filters.chosen.get(name, []))
    if model is None:
        rows = practices.exclude(**{lookup: ""}).values_list(lookup, lookup)
    else:
        relation = lookup.split("__")[0]
        order = model._meta.ordering[0]
        rows = practices.values_list(lookup, f"{relation}__{label}", f"{relation}__{order}")
    counted = {row[0]: row for row in rows.annotate(n=Count("pk")).order_by()}
    counted.pop(None, None)  # no level, no theme: nothing to click
    missing = chosen - set(counted) - {NOTHING}
    if missing and model is not None:  # chosen, but none found: still shown, with 0
        counted |= {row[0]: (*row, 0) for row in model.objects.filter(
            **{f"{key}__in": missing}).values_list(key, label, model._meta.ordering[0])}
    elif missing:
        counted |= {value: (value, value, 0) for value in missing}
    return [FacetValue(value, row[1], row[-1], value in chosen)
            for value, row in sorted(counted.items(), key=lambda item: item[1][-2])]
