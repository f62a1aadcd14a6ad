"""Finding practices: full-text search plus facets that combine.

Values of one facet widen the search (either this level or that one); different facets
narrow it (this level and this theme). Each facet counts what its values would give with
the other facets as they are, so a count never promises more than a click gives.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import get_language

from . import facets, search
from .models import IN_DUTCH, SOURCE_LANGUAGE, Practice

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
    known = [
        v.value
        for v in index.values[facet]
        if wanted & {_plain(v.value), _plain(v.label), *map(_plain, v.labels.values())}
    ]
    return known or [NOTHING]  # asked for something that does not exist: find nothing


def _plain(text: str) -> str:
    """Labels as people type them: any case, any spacing."""
    return " ".join(str(text).split()).casefold()


def reader_language() -> str:
    return (get_language() or SOURCE_LANGUAGE).split("-")[0]


def _marked(in_dutch: bool, language: str) -> str:
    """The attributes of a label shown in Dutch on a page in another language."""
    return IN_DUTCH if in_dutch and language != SOURCE_LANGUAGE else ""


@dataclass
class FacetValue:
    value: str
    label: str  # in her language, or in Dutch
    count: int
    selected: bool
    lang_attr: str = ""  # lang="nl" when the label is Dutch on a page in another language


class Results(Sequence):
    """The practices found, best first, fetched a page at a time: only the page's
    practices are read from the database, however many were found."""

    def __init__(
        self, index: facets.FacetIndex, found: int, q: str, narrowed: bool, by_label: int = 0
    ):
        self._index, self._found, self._q, self._narrowed = index, found, q, narrowed
        self._count = found.bit_count()
        # Found by a translated label only: listed after those the text search ranks.
        self._by_label, self._in_text = by_label, found & ~by_label

    def count(self) -> int:
        return self._count

    __len__ = count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, _step = index.indices(len(self))
        if stop <= start:
            return []
        if not self._q:
            return _practices(self._listed(self._found, start, stop))
        if not self._by_label:
            return _practices(self._ranked(start, stop))
        ranked = self._in_text.bit_count()
        ids = self._ranked(start, min(stop, ranked)) if start < ranked else []
        if stop > ranked:
            ids += self._listed(self._by_label, max(start - ranked, 0), stop - ranked)
        return _practices(ids)

    def _ranked(self, start: int, stop: int) -> list[int]:
        among = facets.ids(self._in_text) if self._narrowed else None  # None: all it finds
        return search.ranked_ids(self._q, among, start, stop, self._index)

    def _listed(self, found: int, start: int, stop: int) -> list[int]:
        order = self._index.order
        if found == self._index.published:
            return order[start:stop]
        table, ids = facets.members(found), []
        for n in order:
            if facets.contains(table, n):
                ids.append(n)
                if len(ids) == stop:
                    break
        return ids[start:]

    def __iter__(self):
        return iter(self[: len(self)])


class LevelShown(NamedTuple):
    key: str
    label: str
    label_attr: str = ""

    @property
    def lang_attr(self) -> dict[str, str]:
        return {"label": self.label_attr}


class Tag(NamedTuple):
    label: str
    lang_attr: str


@dataclass
class Card:
    """What a card in a list of results (and the API's list) shows of a practice, read as
    plain rows: building twenty models costs more than the rest of the search."""

    pk: int
    code: str
    name: str
    slug: str
    kind: str
    status: str
    municipality: str
    level: LevelShown | None
    url: str
    theme_labels: list[str] = field(default_factory=list)  # in Dutch
    themes_shown: list[Tag] = field(default_factory=list)  # in her language

    def get_absolute_url(self) -> str:
        return self.url

    def get_kind_display(self) -> str:
        return Practice.Kind(self.kind).label


# The level's label in every language: a card shows the reader's, or the Dutch one.
CARD = (
    "code",
    "name",
    "slug",
    "kind",
    "status",
    "municipality",
    "level__key",
    *(f"level__label_{code}" for code in facets.LANGUAGES),
)


def _practices(ids: list[int]) -> list[Card]:
    """These practices, in this order, as cards."""
    rows = Practice.objects.filter(pk__in=ids).order_by().values_list("pk", *CARD)
    url = reverse("practices:detail", args=["__slug__"])  # reversed once, not per card
    language = reader_language()
    shown = facets.LANGUAGES.index(language) if language in facets.LANGUAGES else 0
    found = {}
    for pk, code, name, slug, kind, status, municipality, key, *labels in rows:
        label = labels[shown] or labels[0]
        level = LevelShown(key, label, _marked(not labels[shown], language)) if key else None
        found[pk] = Card(
            pk, code, name, slug, kind, status, municipality, level, url.replace("__slug__", slug)
        )
    return cards([found[n] for n in ids if n in found])


def cards(practices: Iterable) -> list:
    """Practices (or cards) with their themes' labels: in Dutch as `theme_labels`, in her
    language as `themes_shown`. One plain query, since Django's prefetching costs more
    than the rest of the page here."""
    practices = list(practices)
    language = reader_language()
    translated = language != SOURCE_LANGUAGE and language in facets.LANGUAGES
    dutch: dict[int, list[str]] = {p.pk: [] for p in practices}
    shown: dict[int, list[Tag]] = {p.pk: [] for p in practices}
    columns = [f"theme__label_{SOURCE_LANGUAGE}", *([f"theme__label_{language}"] * translated)]
    links = (
        Practice.themes.through.objects.filter(practice_id__in=list(dutch))
        .order_by("theme__position", "theme_id")
        .values_list("practice_id", *columns)
    )
    for pk, label, *translation in links:
        dutch[pk].append(label)
        text = translation[0] if translation else label
        shown[pk].append(Tag(text or label, _marked(not text, language)))
    for practice in practices:
        practice.theme_labels = dutch[practice.pk]
        practice.themes_shown = shown[practice.pk]
    return practices


@dataclass
class Found:
    practices: Results
    facets: dict[str, list[FacetValue]]


def find(filters: Filters) -> Found:
    """The practices found: those whose (Dutch) text holds the words, and, in another
    language, also those whose level, theme or method is called so in her language."""
    index = filters.index or facets.current()
    scope, by_label = index.published, 0
    if filters.q:
        in_text = facets.bits(search.hit_ids(filters.q))
        language = reader_language()
        if language != SOURCE_LANGUAGE:
            by_label = search.label_hits(filters.q, language, index) & ~in_text
        scope &= in_text | by_label
    masks = {name: _mask(index, name, values) for name, values in filters.chosen.items()}
    counts = {
        name: _counts(index, name, _narrow(scope, masks, skip=name), filters) for name in FACETS
    }
    found = _narrow(scope, masks)
    return Found(Results(index, found, filters.q, bool(masks), found & by_label), counts)


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


def _counts(index: facets.FacetIndex, name: str, scope: int, filters: Filters) -> list[FacetValue]:
    """Each value's count with the other facets as they are; a chosen value stays in the
    list with 0, so it can be unchosen."""
    chosen = set(filters.chosen.get(name, [])) - {NOTHING}
    language = reader_language()
    counted = []
    for v in index.values[name]:
        label, in_dutch = v.label_in(language)
        counted.append(
            FacetValue(
                v.value,
                label,
                (scope & v.bits).bit_count(),
                v.value in chosen,
                _marked(in_dutch, language),
            )
        )
    counted = [value for value in counted if value.count or value.selected]
    missing = chosen - {value.value for value in counted}
    if missing:  # a municipality nobody has: only a plain field can be asked for that
        counted = sorted(
            counted + [FacetValue(m, m, 0, True, _marked(True, language)) for m in missing],
            key=lambda value: value.value,
        )
    return counted
