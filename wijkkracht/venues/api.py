from decimal import Decimal

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from wijkkracht.core.pagination import Pages
from wijkkracht.core.schemas import ErrorOut

from .models import Room, Venue

router = Router(tags=["venues"])


class RoomOut(Schema):
    id: int
    name: str
    capacity_seated: int
    size_m2: int | None
    facilities: list[str]
    price_hour: Decimal | None
    price_daypart: Decimal | None
    price_month: Decimal | None
    social_discount_percent: int
    one_off_costs: Decimal
    buffer_minutes: int


class VenueOut(Schema):
    key: str
    name: str
    kind: str
    address: str
    postcode: str
    area: str = Field(alias="area.name")
    district: str | None = Field(None, alias="area.parent.name")
    latitude: Decimal | None
    longitude: Decimal | None
    step_free: bool
    lift: bool
    accessible_toilet: bool
    hearing_loop: bool
    rooms: list[RoomOut]


class VenueFilter(Schema):
    seats: int | None = Field(None, ge=1, le=10_000, description="at least this many seats")
    step_free: bool | None = Field(None, description="entrance without step or stairs")
    kind: Venue.Kind | None = None


@router.get("/venues", response={200: list[VenueOut], 422: ErrorOut},
            summary="Published venues with their rooms")
@paginate(Pages)
def list_venues(request, filters: Query[VenueFilter]):
    venues = Venue.objects.filter(is_published=True).select_related("area__parent")
    rooms = Room.objects.order_by("-capacity_seated")
    if filters.seats:
        venues = venues.filter(rooms__capacity_seated__gte=filters.seats).distinct()
    if filters.step_free is not None:
        venues = venues.filter(step_free=filters.step_free)
    if filters.kind:
        venues = venues.filter(kind=filters.kind)
    return venues.order_by("name").prefetch_related(Prefetch("rooms", queryset=rooms))
