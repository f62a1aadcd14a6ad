"""The public library: which guides there are, and which fit a group's situation."""

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from ..models import Guide, GuideItem

GUIDE_SECONDS = 300


def library() -> QuerySet:
    return Guide.objects.published()


def published_guide(slug: str) -> Guide | None:
    """One published guide (the row only), kept in the cache; saving a guide drops it."""
    key = guide_cache_key(slug)
    guide = cache.get(key)
    if guide is None:
        guide = library().filter(slug=slug).first()
        if guide is not None:
            cache.set(key, guide, GUIDE_SECONDS)
    return guide


def guide_cache_key(slug: str) -> str:
    return f"guides:guide:{slug}"


def guide_with_parts(slug: str) -> QuerySet:
    """One published guide with everything its page shows, in few queries."""
    return (
        Guide.objects.published()
        .filter(slug=slug)
        .prefetch_related(
            "items",
            "steps",
            Prefetch("question_groups__questions"),
        )
    )


def situations() -> list[tuple[Guide, list[GuideItem]]]:
    """Per guide, the situations in which a group would recognise itself."""
    guides = library().prefetch_related("items")
    return [(guide, guide.parts()[GuideItem.Kind.SITUATION]) for guide in guides]


def guides_for_situations(item_ids: list[int]) -> list[Guide]:
    """The guides behind the situations a group ticked, the most ticked first."""
    counts: dict[int, int] = {}
    for guide_id in GuideItem.objects.filter(
        pk__in=item_ids, kind=GuideItem.Kind.SITUATION, guide__status=Guide.Status.PUBLISHED
    ).values_list("guide_id", flat=True):
        counts[guide_id] = counts.get(guide_id, 0) + 1
    guides = Guide.objects.in_bulk(counts)
    return [guides[pk] for pk in sorted(counts, key=lambda pk: (-counts[pk], guides[pk].position))]
