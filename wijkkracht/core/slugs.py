from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    text: str,
    taken: QuerySet,
    field: str = "slug",
    max_length: int = 50,
    fallback: str = "item",
    reserved: set[str] | frozenset[str] = frozenset(),
) -> str:
    """A slug from the text that no row of `taken` has in `field` yet: name, name-2, …"""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 1
    while slug in reserved or taken.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
