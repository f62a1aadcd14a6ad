from datetime import date, time
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BaseModel, BeforeValidator, StrictBool, StringConstraints
from pydantic import Field as PydanticField

from wijkkracht.core.pagination import Pages
from wijkkracht.core.schemas import ErrorOut, single_line
from wijkkracht.places.models import Area

from . import matching
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


@router.get(
    "/venues",
    response={200: list[VenueOut], 422: ErrorOut},
    summary="Published venues with their rooms",
)
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


Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Facility = Literal[
    "projector", "flipover", "sound_system", "kitchen", "wifi", "childrens_corner", "storage"
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,160}$")]


def _whole_number(value):
    """JSON's idea of an integer: 12 or 12.0, but not "12", 12.5 or true."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a whole number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("expected a whole number")
    return int(value)


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


class ActivityIn(Schema):
    kind: single_line(100) = Field("", strict=True, description="what the group does")
    people: WholeNumber = Field(ge=1, le=10_000, description="people expected")
    per_month: float = Field(
        4.33, gt=0, le=31, strict=True, description="sessions a month (weekly: 4.33)"
    )
    equipment: list[Facility] = Field(default_factory=list, max_length=7)
    day: Day | None = None
    start: str | None = Field(None, pattern=HHMM, description="HH:MM")
    end: str | None = Field(None, pattern=HHMM, description="HH:MM")


class ProfileIn(Schema):
    activities: list[ActivityIn] = Field(min_length=1, max_length=10)
    step_free: StrictBool = False
    lift: StrictBool = False
    public_transport: StrictBool = False
    parking: StrictBool = False
    areas: list[Slug] = Field(
        default_factory=list,
        max_length=20,
        description="slugs of districts or wijken; empty: anywhere. An unknown slug answers 404.",
    )
    budget_per_month: float | None = Field(None, ge=0, le=1_000_000, strict=True)


# Plain pydantic models, not ninja Schemas: search_venues hands them dicts, and ninja's
# getter for model instances would cost more than the search itself on a long answer.
class OptionOut(BaseModel):
    activity: str
    venue: str
    venue_name: str
    room: str
    capacity_seated: int
    per_month: Decimal
    free_on: list[date] = PydanticField(
        description="the coming dates of the activity's weekday on which the room is free"
    )


class MatchOut(BaseModel):
    venue: str
    name: str
    url: str
    per_month: Decimal
    met: list[str]
    missed: list[str]
    options: list[OptionOut]


class CombinationOut(BaseModel):
    per_month: Decimal
    options: list[OptionOut]


class SearchOut(BaseModel):
    matches: list[MatchOut]
    combination: CombinationOut | None
    missing: list[str]


def to_profile(data: ProfileIn) -> matching.Profile:
    # Sorted here rather than in SQL: this query is a fair share of a search's time.
    areas = (
        sorted(Area.objects.filter(slug__in=data.areas).order_by(), key=lambda a: a.name)
        if data.areas
        else []
    )
    unknown = set(data.areas) - {a.slug for a in areas}
    if unknown:  # a valid slug that names no area: like any other address that is not there
        raise Http404
    activities = [
        matching.Activity(
            a.kind,
            a.people,
            Decimal(str(a.per_month)),
            list(a.equipment),
            DAYS.index(a.day) if a.day else None,
            _time(a.start),
            _time(a.end),
        )
        for a in data.activities
    ]
    return matching.Profile(
        activities,
        data.step_free,
        data.lift,
        data.public_transport,
        data.parking,
        areas,
        None
        if data.budget_per_month is None
        else Decimal(str(data.budget_per_month)).quantize(Decimal("0.01")),
    )


def _option(option: matching.Option) -> dict:
    venue = option.room.venue
    return {
        "activity": option.activity.kind,
        "venue": venue.key,
        "venue_name": venue.name,
        "room": option.room.name,
        "capacity_seated": option.room.capacity_seated,
        "per_month": option.per_month,
        "free_on": option.free_on,
    }


def _venue_urls(request):
    """A venue's full address from its key. reverse() once, not once per venue: on a
    long answer, resolving every address took longer than the search."""
    placeholder = "venue-key"
    template = request.build_absolute_uri(reverse("venues:detail", args=[placeholder]))
    return lambda venue: template.replace(f"/{placeholder}/", f"/{venue.key}/")


@router.post(
    "/venues/search",
    response={200: SearchOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Rooms for a search profile, ranked, with reasons and monthly cost",
    description="Hard requirements (seats, equipment, opening hours, step-free "
    "entrance, lift, areas, budget, and for an activity with a day and "
    "time: free on the next four such dates) filter; wishes (public "
    f"transport, parking) rank. At most the best {matching.MAX_MATCHES} "
    "venues. Without a single venue within budget, the cheapest "
    "combination of venues is proposed, or what is missing is named.",
)
def search_venues(request, data: ProfileIn):
    result = matching.search(to_profile(data))
    combination, url = result.combination, _venue_urls(request)
    answer = SearchOut.model_validate(
        {
            "matches": [
                {
                    "venue": m.venue.key,
                    "name": m.venue.name,
                    "url": url(m.venue),
                    "per_month": m.per_month,
                    "met": m.met,
                    "missed": m.missed,
                    "options": [_option(o) for o in m.options],
                }
                for m in result.matches
            ],
            "combination": None
            if combination is None
            else {
                "per_month": combination.per_month,
                "options": [_option(o) for o in combination.options],
            },
            "missing": result.missing,
        }
    )
    # Written by pydantic itself: ninja's JSON encoder calls back into Python for every
    # amount and date, which on a long answer took longer than the search.
    return HttpResponse(answer.model_dump_json(), content_type="application/json; charset=utf-8")
