"""Matching a group's search profile to rooms: hard requirements filter, preferences rank.

Each result says what it meets and misses and what it costs a month. When no single venue
fits every activity within budget, the cheapest combination (an activity per venue) is
proposed; when none exists, the answer says what is missing.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkkracht.places.models import Area

from .models import OpeningHours, Room, Venue

WEEKS_PER_MONTH = Decimal("4.33")
DAYPART_HOURS = 4
CENT = Decimal("0.01")


@dataclass
class Activity:
    kind: str
    people: int
    per_month: Decimal = WEEKS_PER_MONTH  # how often a month; weekly by default
    equipment: list[str] = field(default_factory=list)
    day: int | None = None  # 0 = Monday
    start: time | None = None
    end: time | None = None

    @property
    def hours(self) -> Decimal:
        if self.start and self.end and self.end > self.start:
            minutes = (datetime.combine(datetime.min, self.end)
                       - datetime.combine(datetime.min, self.start)).seconds / 60
            return Decimal(minutes / 60).quantize(CENT)
        return Decimal(2)


@dataclass
class Profile:
    activities: list[Activity]
    step_free: bool = False
    lift: bool = False
    public_transport: bool = False
    parking: bool = False
    areas: list[Area] = field(default_factory=list)
    budget_per_month: Decimal | None = None


@dataclass
class Option:
    """One activity in one room, with its monthly cost."""

    activity: Activity
    room: Room
    per_month: Decimal


@dataclass
class VenueMatch:
    venue: Venue
    options: list[Option]
    met: list[str]
    missed: list[str]

    @property
    def per_month(self) -> Decimal:
        return sum((o.per_month for o in self.options), Decimal(0))


@dataclass
class Combination:
    options: list[Option]

    @property
    def per_month(self) -> Decimal:
        return sum((o.per_month for o in self.options), Decimal(0))


@dataclass
class SearchResult:
    matches: list[VenueMatch]
    combination: Combination | None
    missing: list[str]


def euros(amount: Decimal) -> str:
    """An amount as people write it here: 346,40 in Dutch; whole euros without cents."""
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, places, use_l10n=True)


def monthly_cost(room: Room, activity: Activity) -> Decimal:
    """Rent for the activity's sessions in a month, with the social tariff, plus one-off
    costs per session; a monthly price is used when it is cheaper for a weekly slot."""
    hours = activity.hours
    per_session = []
    if room.price_hour is not None:
        per_session.append(room.price_hour * hours)
    if room.price_daypart is not None:
        per_session.append(room.price_daypart * math.ceil(hours / DAYPART_HOURS))
    rent = min(per_session) if per_session else Decimal(0)
    discount = (Decimal(100) - room.social_discount_percent) / 100
    total = (rent * discount + room.one_off_costs) * activity.per_month
    if room.price_month is not None and activity.per_month >= 4:
        total = min(total, room.price_month * discount)
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def _open_for(venue: Venue, activity: Activity) -> bool:
    if activity.day is None or not activity.start or not activity.end:
        return True
    return any(h.day == activity.day and h.opens <= activity.start and h.closes >= activity.end
               for h in venue.opening_hours.all())


def _fits(room: Room, activity: Activity) -> bool:
    return (room.capacity_seated >= activity.people
            and set(activity.equipment) <= set(room.facilities))


def candidate_venues(profile: Profile):
    """Venues that meet the profile's venue-wide hard requirements, with rooms and hours."""
    venues = Venue.objects.filter(is_published=True)
    if profile.step_free:
        venues = venues.filter(step_free=True)
    if profile.lift:
        venues = venues.filter(lift=True)
    if profile.areas:
        venues = venues.filter(Q(area__in=profile.areas) | Q(area__parent__in=profile.areas))
    people = min(a.people for a in profile.activities)
    rooms = Room.objects.filter(capacity_seated__gte=people)
    return venues.filter(rooms__capacity_seated__gte=people).distinct().select_related(
        "area").prefetch_related(Prefetch("rooms", queryset=rooms),
                                 Prefetch("opening_hours", queryset=OpeningHours.objects.all()))


def options_in(venue: Venue, activity: Activity) -> list[Option]:
    if not _open_for(venue, activity):
        return []
    return sorted((Option(activity, room, monthly_cost(room, activity))
                   for room in venue.rooms.all() if _fits(room, activity)),
                  key=lambda option: option.per_month)


def search(profile: Profile) -> SearchResult:
    matches, best = [], [None] * len(profile.activities)
    for venue in candidate_venues(profile):
        per_activity = [options_in(venue, a) for a in profile.activities]
        for i, options in enumerate(per_activity):
            if options and (best[i] is None or options[0].per_month < best[i].per_month):
                best[i] = options[0]
        if all(per_activity):
            match = VenueMatch(venue, [options[0] for options in per_activity],
                               *_reasons(venue, profile))
            if profile.budget_per_month is None or match.per_month <= profile.budget_per_month:
                matches.append(match)
    matches.sort(key=lambda m: (-len(m.met), len(m.missed), m.per_month, m.venue.name))
    if matches:
        return SearchResult(matches, None, [])
    return _combination_or_missing(profile, best)


def _combination_or_missing(profile: Profile, best: list[Option | None]) -> SearchResult:
    missing = [describe_missing(profile, a) for a, o in zip(profile.activities, best,
                                                             strict=True) if o is None]
    if missing:
        return SearchResult([], None, missing)
    combination = Combination(best)
    if profile.budget_per_month is not None and combination.per_month > profile.budget_per_month:
        return SearchResult([], None, [_(
            "De goedkoopste combinatie kost € %(cost)s per maand; dat is meer dan jullie "
            "budget van € %(budget)s.") % {"cost": euros(combination.per_month),
                                           "budget": euros(profile.budget_per_month)}])
    return SearchResult([], combination, [])


def describe_missing(profile: Profile, activity: Activity) -> str:
    """In plain words: what nobody offers, e.g. 'geen zaal voor 40 personen met keuken …'."""
    parts = [_("geen zaal voor %(n)d personen") % {"n": activity.people}]
    labels = [str(Room.FACILITIES[f]) for f in activity.equipment if f in Room.FACILITIES]
    if labels:
        parts.append(_("met %(things)s") % {"things": ", ".join(labels)})
    if activity.day is not None and activity.start and activity.end:
        day = OpeningHours.Day(activity.day).label
        parts.append(_("op %(day)s van %(start)s tot %(end)s") % {
            "day": day, "start": activity.start.strftime("%H:%M"),
            "end": activity.end.strftime("%H:%M")})
    if profile.budget_per_month is not None:
        budget = euros(profile.budget_per_month)
        parts.append(_("onder € %(budget)s per maand") % {"budget": budget})
    if profile.areas:
        parts.append(_("in %(places)s") % {"places": ", ".join(a.name for a in profile.areas)})
    return " ".join(parts)


def _reasons(venue: Venue, profile: Profile) -> tuple[list[str], list[str]]:
    """Which wishes (preferences) a venue meets and which it misses."""
    met, missed = [], []
    wishes = [
        (profile.public_transport, bool(venue.public_transport), _("goed bereikbaar met het OV")),
        (profile.parking, venue.car_parking or venue.bike_parking, _("parkeren in de buurt")),
    ]
    for wanted, has, label in wishes:
        if wanted:
            (met if has else missed).append(label)
    if profile.step_free:
        met.append(_("ingang zonder drempel"))
    if profile.lift:
        met.append(_("lift"))
    return met, missed
