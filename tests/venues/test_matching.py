"""Constructed cases for the search profile: filters, ranking, costs, combinations."""

from datetime import time
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.factories import AreaFactory
from tests.venues.factories import OpeningHoursFactory, RoomFactory, VenueFactory
from wijkkracht.guides.models import Guide
from wijkkracht.guides.services import workbooks
from wijkkracht.places.models import Area
from wijkkracht.venues.matching import MAX_MATCHES, Activity, Profile, monthly_cost, search

WEEKLY = Decimal("4.33")


@pytest.fixture
def laak(db):
    return AreaFactory(slug="laak", kind=Area.Kind.DISTRICT, name="Laak")


def venue(area, key, *, rooms, step_free=True, transport="Tram 1", parking=False):
    v = VenueFactory(
        key=key,
        name=key.title(),
        area=area,
        step_free=step_free,
        public_transport=transport,
        car_parking=parking,
    )
    for day in range(6):
        OpeningHoursFactory(venue=v, day=day, opens=time(9), closes=time(22))
    for name, seats, facilities, price in rooms:
        RoomFactory(
            venue=v,
            name=name,
            capacity_seated=seats,
            facilities=facilities,
            price_hour=Decimal(price),
        )
    return v


def talk(people=20, equipment=(), day=1):
    return Activity("taalcafé", people, WEEKLY, list(equipment), day, time(10), time(12))


def test_monthly_cost_uses_hours_frequency_social_tariff_and_one_off_costs(db, laak):
    v = venue(laak, "a", rooms=[("Zaal", 30, [], "20")])
    room = v.rooms.get()
    assert monthly_cost(room, talk()) == Decimal("173.20")  # 20 × 2 h × 4.33
    room.social_discount_percent, room.one_off_costs = 50, Decimal("5")
    assert monthly_cost(room, talk()) == Decimal("108.25")  # (20 + 5) × 4.33
    room.price_month = Decimal("90")
    assert monthly_cost(room, talk()) == Decimal("45.00")  # the monthly price, halved


def test_hard_requirements_filter_and_preferences_rank(db, laak):
    venue(laak, "no-step", rooms=[("Zaal", 30, [], "5")], step_free=False)
    venue(laak, "small", rooms=[("Zaal", 10, [], "5")])
    far = venue(laak, "far", rooms=[("Zaal", 30, [], "5")], transport="")
    near = venue(laak, "near", rooms=[("Zaal", 30, [], "10")])
    result = search(Profile([talk()], step_free=True, public_transport=True))
    assert [m.venue for m in result.matches] == [near, far]
    assert "goed bereikbaar met het OV" in result.matches[0].met
    assert "goed bereikbaar met het OV" in result.matches[1].missed


def test_equipment_and_opening_hours_are_requirements(db, laak):
    venue(laak, "no-kitchen", rooms=[("Zaal", 30, ["wifi"], "5")])
    kitchen = venue(laak, "kitchen", rooms=[("Zaal", 30, ["kitchen", "wifi"], "9")])
    assert [m.venue for m in search(Profile([talk(equipment=["kitchen"])])).matches] == [kitchen]
    sunday = talk(day=6)
    result = search(Profile([sunday]))
    assert not result.matches and result.missing


def test_a_combination_when_no_single_venue_fits_within_budget(db, laak):
    venue(laak, "big-only", rooms=[("Zaal", 60, [], "40")])
    venue(laak, "kitchen-only", rooms=[("Keuken", 15, ["kitchen"], "6")])
    venue(laak, "expensive-all", rooms=[("Zaal", 60, [], "60"), ("Keuken", 15, ["kitchen"], "60")])
    profile = Profile(
        [talk(people=40), talk(people=12, equipment=["kitchen"], day=3)],
        budget_per_month=Decimal("500"),
    )
    result = search(profile)
    assert result.matches == []
    rooms = [(o.room.venue.key, o.room.name) for o in result.combination.options]
    assert rooms == [("big-only", "Zaal"), ("kitchen-only", "Keuken")]
    assert result.combination.per_month == Decimal("398.36")  # 346.40 + 51.96


def test_none_found_says_what_is_missing(db, laak):
    venue(laak, "small", rooms=[("Zaal", 20, [], "40")])
    profile = Profile(
        [talk(people=40, equipment=["kitchen"])], areas=[laak], budget_per_month=Decimal("300")
    )
    result = search(profile)
    assert result.matches == [] and result.combination is None
    assert result.missing == [
        "geen zaal voor 40 personen met keuken op dinsdag van 10:00 tot 12:00 onder € 300 "
        "per maand in Laak"
    ]


def test_too_expensive_everywhere_names_the_cheapest_cost(db, laak):
    venue(laak, "a", rooms=[("Zaal", 30, [], "40")])
    result = search(Profile([talk()], budget_per_month=Decimal("100")))
    assert "€ 346,40 per maand" in result.missing[0] and "€ 100." in result.missing[0]


def test_the_search_api_ranks_and_explains(client, laak):
    venue(laak, "near", rooms=[("Zaal", 30, ["kitchen"], "10")])
    response = client.post(
        "/api/v1/venues/search",
        {
            "activities": [
                {
                    "kind": "Kookles",
                    "people": 20,
                    "equipment": ["kitchen"],
                    "day": "tue",
                    "start": "10:00",
                    "end": "12:00",
                }
            ],
            "public_transport": True,
            "areas": ["laak"],
            "budget_per_month": 200,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["matches"][0]["venue"] == "near"
    assert data["matches"][0]["per_month"] == "86.60"
    assert data["matches"][0]["met"] == ["goed bereikbaar met het OV"]


def test_an_unknown_area_is_404(client, laak):
    response = client.post(
        "/api/v1/venues/search",
        {"activities": [{"people": 5}], "areas": ["atlantis"]},
        content_type="application/json",
    )
    assert response.status_code == 404 and response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"activities": []},
        {"activities": [{"people": 0}]},
        {"activities": [{"people": 5, "equipment": ["zwembad"]}]},
        {"activities": [{"people": 5, "start": "25:00"}]},
    ],
)
def test_a_bad_profile_gets_a_json_422(client, laak, body):
    response = client.post("/api/v1/venues/search", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]


def _query(**extra):
    return {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "3",
        "form-0-per_month": "4.33",
        "form-1-per_month": "4.33",
        **extra,
    }


def test_the_search_page_shows_ranked_results_with_costs(client, laak):
    venue(laak, "near", rooms=[("Zaal", 30, ["kitchen"], "10")])
    page = client.get(
        "/locaties/zoeken/", _query(**{"form-0-people": "20", "form-0-equipment": "kitchen"})
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "Near" in body and "€ 86,60 per maand" in body


def test_the_search_page_explains_what_is_missing(client, laak):
    venue(laak, "small", rooms=[("Zaal", 10, [], "10")])
    body = client.get("/locaties/zoeken/", _query(**{"form-0-people": "40"})).content.decode()
    assert "geen zaal voor 40 personen" in body


def test_a_bad_search_gets_messages_next_to_the_fields(client, laak):
    response = client.get("/locaties/zoeken/", _query(**{"form-0-people": "veel"}))
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_answers_in_the_location_workbook_fill_in_the_profile(client, organisation, member):
    call_command("load_places")
    call_command("load_guides")
    book = workbooks.start(organisation, Guide.objects.get(slug="een-locatie-vinden"), member)
    for key, text in {
        "people_expected": "Ongeveer 25 moeders",
        "wheelchair_access": "Ja",
        "equipment": "Een beamer en een keuken",
        "activities": "Taalcafé\nen koken",
        "activity_neighbourhood": "Het liefst in Laak",
    }.items():
        workbooks.save_answer(book, key, text, 0, member)
    client.force_login(member)
    page = client.get("/locaties/zoeken/")
    form, activities = page.context["form"], page.context["activities"]
    assert form.initial["step_free"] is True
    assert form.initial["area"] == Area.objects.get(name="Laak", kind="district").pk
    first = activities.forms[0].initial
    assert first["people"] == 25 and first["kind"] == "Taalcafé"
    assert set(first["equipment"]) == {"projector", "kitchen"}
    assert "Ingevuld met de antwoorden van Moeders van Moerwijk" in page.content.decode()


def test_a_venue_that_suits_two_activities_is_one_match(db, laak):
    both = venue(laak, "both", rooms=[("Zaal", 40, [], "10"), ("Keuken", 15, ["kitchen"], "5")])
    venue(laak, "big-only", rooms=[("Zaal", 40, [], "1")])
    result = search(Profile([talk(people=40), talk(people=12, equipment=["kitchen"], day=3)]))
    assert [m.venue for m in result.matches] == [both]
    assert [o.room.name for o in result.matches[0].options] == ["Zaal", "Keuken"]
    assert result.matches[0].per_month == Decimal("129.90")  # 86.60 + 43.30


def test_wishes_rank_before_price(db, laak):
    dear = venue(laak, "dear", rooms=[("Zaal", 30, [], "30")], parking=True)
    cheap = venue(laak, "cheap", rooms=[("Zaal", 30, [], "5")])
    result = search(Profile([talk()], parking=True))
    assert [m.venue for m in result.matches] == [dear, cheap]


def test_a_room_that_costs_exactly_the_budget_fits(db, laak):
    exact = venue(laak, "exact", rooms=[("Zaal", 30, [], "20")])
    result = search(Profile([talk()], budget_per_month=Decimal("173.20")))
    assert [m.venue for m in result.matches] == [exact]


def test_equipment_is_matched_by_its_exact_name(db, laak):
    venue(laak, "look-alike", rooms=[("Zaal", 30, ["soundXsystem"], "5")])
    sound = venue(laak, "sound", rooms=[("Zaal", 30, ["sound_system"], "9")])
    assert [m.venue for m in search(Profile([talk(equipment=["sound_system"])])).matches] == [sound]


def test_at_most_twenty_matches_the_cheapest_first(db, laak):
    for n in range(MAX_MATCHES + 3):
        venue(laak, f"v{n:02}", rooms=[("Zaal", 30, [], str(10 + n))])
    matches = search(Profile([talk()])).matches
    assert len(matches) == MAX_MATCHES
    assert [m.venue.key for m in matches] == [f"v{n:02}" for n in range(MAX_MATCHES)]
