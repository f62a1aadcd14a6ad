import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory
from tests.venues.factories import BookingFactory, at, make_room
from wijkkracht.venues.models import Booking, Venue


@pytest.fixture
def demo(db):
    call_command("load_places")
    call_command("load_demo_venues")


def test_the_demo_has_forty_plus_venues_across_the_districts(demo):
    assert Venue.objects.count() >= 40
    districts = set(Venue.objects.values_list("area__parent__name", flat=True))
    assert len(districts) == 8
    assert all(v.name.endswith("(demo)") and v.is_demo for v in Venue.objects.all())
    assert (
        not Venue.objects.exclude(contact_email="")
        .exclude(contact_email__contains=".example")
        .exists()
    )


def test_loading_the_demo_twice_changes_nothing(demo):
    rooms = list(Venue.objects.values_list("rooms__pk", flat=True).order_by("rooms__pk"))
    call_command("load_demo_venues")
    assert list(Venue.objects.values_list("rooms__pk", flat=True).order_by("rooms__pk")) == rooms


def test_the_directory_filters_by_seats_and_step_free_entrance(client, demo):
    page = client.get(reverse("venues:directory"), {"seats": 100, "step_free": "on"})
    names = {v.name for v in page.context["page"]}
    assert names
    for venue in Venue.objects.filter(name__in=names):
        assert venue.step_free and venue.rooms.filter(capacity_seated__gte=100).exists()


def test_bad_filters_get_a_page_not_a_crash(client, demo):
    response = client.get(reverse("venues:directory"), {"seats": "veel", "area": "x"})
    assert response.status_code == 200


def test_a_venue_page_shows_rooms_prices_rules_and_access(client, demo):
    venue = Venue.objects.filter(rooms__price_hour__isnull=False).first()
    page = client.get(venue.get_absolute_url()).content.decode()
    room = venue.rooms.first()
    assert room.name in page and "zitplaatsen" in page
    assert "Huisregels" in page and "Toegankelijkheid" in page
    assert "Log in om een zaal aan te vragen" in page


def test_a_member_requests_a_room_and_sees_a_clear_conflict(client, organisation, member):
    room = make_room()
    client.force_login(member)
    url = reverse("venues:request", args=[room.venue.key, room.pk])
    data = {
        "organisation": organisation.slug,
        "date": at(7, 10).date().isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "Taalcafé",
        "people_expected": 15,
    }
    response = client.post(url, data)
    assert response["Location"] == reverse("venues:bookings", args=[organisation.slug])
    assert Booking.objects.get().organisation == organisation
    response = client.post(url, {**data, "start": "11:00", "end": "13:00"})
    assert response.status_code == 409
    assert "al bezet, van 10:00 tot 12:00" in response.content.decode()


def test_a_request_outside_opening_hours_is_explained(client, organisation, member):
    room = make_room()
    client.force_login(member)
    response = client.post(
        reverse("venues:request", args=[room.venue.key, room.pk]),
        {
            "organisation": organisation.slug,
            "date": at(7, 10).date().isoformat(),
            "start": "06:00",
            "end": "07:00",
            "purpose": "Vroeg",
            "people_expected": 5,
        },
    )
    assert response.status_code == 400
    assert "niet open" in response.content.decode()


def test_nobody_books_for_a_group_she_is_not_in(client, organisation, outsider):
    room = make_room()
    client.force_login(outsider)
    response = client.post(
        reverse("venues:request", args=[room.venue.key, room.pk]),
        {
            "organisation": organisation.slug,
            "date": at(7, 10).date().isoformat(),
            "start": "10:00",
            "end": "12:00",
            "purpose": "x",
            "people_expected": 5,
        },
    )
    assert response.status_code == 400  # her own organisations are the only choices
    assert not Booking.objects.exists()


def test_the_venue_manager_approves_and_the_group_is_told(
    client, organisation, member, django_capture_on_commit_callbacks
):
    room = make_room()
    manager = UserFactory()
    room.venue.managers.add(manager)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("venues:request", args=[room.venue.key, room.pk]),
            {
                "organisation": organisation.slug,
                "date": at(7, 10).date().isoformat(),
                "start": "10:00",
                "end": "12:00",
                "purpose": "Naailes",
                "people_expected": 8,
            },
        )
    assert mail.outbox[-1].to == [manager.email]
    booking = Booking.objects.get()
    client.force_login(manager)
    page = client.get(reverse("venues:manage")).content.decode()
    assert "Naailes" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("venues:decide", args=[booking.pk]), {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == "approved"
    assert mail.outbox[-1].to == [member.email]


def test_only_the_venues_own_managers_decide(client, organisation, member):
    room = make_room()
    booking = BookingFactory(room=room, organisation=organisation)
    other_manager = UserFactory()
    make_room().venue.managers.add(other_manager)
    client.force_login(other_manager)
    response = client.post(reverse("venues:decide", args=[booking.pk]), {"decision": "approve"})
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_the_managers_page_is_only_for_managers(client, member):
    client.force_login(member)
    assert client.get(reverse("venues:manage")).status_code == 404


def test_bookings_of_a_group_are_for_its_members_only(client, organisation, member, outsider):
    url = reverse("venues:bookings", args=[organisation.slug])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_member_cancels_with_a_reason(client, organisation, member):
    room = make_room()
    booking = BookingFactory(room=room, organisation=organisation, requested_by=member)
    client.force_login(member)
    client.post(
        reverse("venues:cancel", args=[organisation.slug, booking.pk]),
        {"reason": "Te weinig aanmeldingen"},
    )
    booking.refresh_from_db()
    assert (booking.status, booking.reason) == ("cancelled", "Te weinig aanmeldingen")


def test_the_api_lists_venues_with_rooms_and_filters(client, demo):
    data = client.get("/api/v1/venues", {"seats": 100, "step_free": "true"}).json()
    assert data["count"] >= 1
    for venue in data["items"]:
        assert venue["step_free"] is True
        assert max(room["capacity_seated"] for room in venue["rooms"]) >= 100
        assert venue["district"]
    assert client.get("/api/v1/venues", {"seats": "veel"}).status_code == 422


def test_a_weekly_request_lists_clashing_dates_then_books_the_rest(client, organisation, member):
    room = make_room()
    BookingFactory(room=room, organisation=organisation, start=at(14, 10), end=at(14, 12))
    client.force_login(member)
    url = reverse("venues:request", args=[room.venue.key, room.pk])
    data = {
        "organisation": organisation.slug,
        "date": at(7, 10).date().isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "Naailes",
        "people_expected": 8,
        "repeat": "weekly",
        "until": at(28, 10).date().isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Deze data gaan niet" in page and "De andere 3 data kunnen wel" in page
    response = client.post(url, {**data, "skip_clashes": "1"})
    assert response.status_code == 302
    assert Booking.objects.filter(purpose="Naailes").count() == 3


def test_weekly_needs_a_last_date(client, organisation, member):
    room = make_room()
    client.force_login(member)
    response = client.post(
        reverse("venues:request", args=[room.venue.key, room.pk]),
        {
            "organisation": organisation.slug,
            "date": at(7, 10).date().isoformat(),
            "start": "10:00",
            "end": "12:00",
            "purpose": "x",
            "people_expected": 8,
            "repeat": "weekly",
        },
    )
    assert response.status_code == 400
    assert "laatste datum" in response.content.decode()
