from typing import Annotated

from django.http import QueryDict
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, StringConstraints

from wijkkracht.core.pagination import MAX_PAGE
from wijkkracht.core.schemas import ErrorOut

from . import library

router = Router(tags=["practices"])
PAGE_SIZE = 20
# Facet values are keys or labels: printable text without control characters.
Value = Annotated[str, StringConstraints(max_length=120, pattern=r"^[^\x00-\x1f\x7f]*$")]


class PracticesQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="words to find, Dutch stemming ('vrouw' finds 'vrouwen')",
    )
    level: list[Value] = Field(
        default_factory=list, max_length=10, description="laag, midden, hoog, laag-hoog, innovatief"
    )
    theme: list[Value] = Field(
        default_factory=list,
        max_length=30,
        description="a theme of the inventory's index, by its Dutch label or its slug",
    )
    method: list[Value] = Field(
        default_factory=list, max_length=20, description="a recruitment method, by key or label"
    )
    municipality: list[Value] = Field(default_factory=list, max_length=20)
    country: list[Value] = Field(default_factory=list, max_length=20)
    page: int = Field(1, ge=1, le=MAX_PAGE)


# Plain pydantic models for what goes out: a page of results holds a hundred objects, and
# ninja's Schema reads each field through Django's attribute lookup, for dicts too.
class PracticeOut(BaseModel):
    code: str
    name: str
    level: str | None
    municipality: str
    themes: list[str]
    url: str


class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class PracticesOut(BaseModel):
    count: int
    page: int
    pages: int
    items: list[PracticeOut]
    facets: dict[str, list[FacetValueOut]]


@router.get(
    "/practices",
    response={200: PracticesOut, 422: ErrorOut},
    summary="Published practices matching words and facets, with facet counts",
)
def list_practices(request, params: Query[PracticesQuery]):
    query = QueryDict(mutable=True)
    query["q"] = params.q
    for name in library.FACETS:
        query.setlist(name, getattr(params, name))
    found = library.find(library.Filters.from_query(query))
    start = (params.page - 1) * PAGE_SIZE
    total = len(found.practices)
    return {
        "count": total,
        "page": params.page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "items": [
            {
                "code": p.code,
                "name": p.name,
                "level": p.level.key if p.level else None,
                "municipality": p.municipality,
                "themes": p.theme_labels,
                "url": request.build_absolute_uri(p.get_absolute_url()),
            }
            for p in found.practices[start : start + PAGE_SIZE]
        ],
        "facets": {name: [vars(v) for v in values] for name, values in found.facets.items()},
    }
