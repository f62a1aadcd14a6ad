from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# Far beyond any real list, and small enough for every database's OFFSET.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    """Numbered pages with bounds, so absurd numbers get a 422 instead of a database error."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, page_size: int = 50, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)
