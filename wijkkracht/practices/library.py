"""Finding practices: full-text search plus facets that combine.

Values of one facet widen the search (either this level or that one); different facets
narrow it (this level and this theme). Each facet counts what its values would give with
the other facets as they are, so a count never promises more than a click gives.
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

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


@dataclass
class Found:
    practices: list[Practice]
    facets: dict[str, list[FacetValue]]


def _narrow(practices: QuerySet, filters: Filters, skip: str | None = None) -> QuerySet:
    for name, values in filters.chosen.items():
        if name != skip:
            practices = practices.filter(pk__in=Practice.objects.filter(
                **{f"{FACETS[name][0]}__in": values}).values("pk"))
    return practices


def find(filters: Filters, base: QuerySet | None = None) -> Found:
    practices = Practice.objects.published() if base is None else base
    ranked = search.ranked_ids(filters.q) if filters.q else None
    if filters.q:
        practices = practices.filter(pk__in=ranked)
    facets = {name: _counts(name, _narrow(practices, filters, skip=name), filters)
              for name in FACETS}
    found = list(_narrow(practices, filters).select_related("level")
                 .prefetch_related("themes"))
    if ranked is not None:
        order = {pk: i for i, pk in enumerate(ranked)}
        found.sort(key=lambda p: order[p.pk])
    return Found(found, facets)


def _counts(name: str, practices: QuerySet, filters: Filters) -> list[FacetValue]:
    lookup, model, key, label = FACETS[name]
    counts = dict(practices.exclude(**{f"{lookup}__isnull": True}).exclude(**{lookup: ""})
                  .values_list(lookup).annotate(n=Count("pk", distinct=True)))
    chosen = set(filters.chosen.get(name, []))
    if model is None:
        values = [(v, v) for v in sorted(set(counts) | chosen)]
    else:
        values = list(model.objects.filter(**{f"{key}__in": set(counts) | chosen})
                      .values_list(key, label))
    return [FacetValue(value, text, counts.get(value, 0), value in chosen)
            for value, text in values if value != NOTHING]
