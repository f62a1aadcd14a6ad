"""Managers keep their venues up to date; facilitators and professionals add venues and
check what groups suggest."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)
from tests.venues.factories import BookingFactory, VenueFactory, at, make_room
from wijkkracht.accounts.models import RoleGrant
from wijkkracht.places.models import Area
from wijkkracht.venues.forms.editor import VenueEditor
from wijkkracht.venues.models import Booking, Closure, OpeningHours, Room, Venue
from wijkkracht.venues.services import stewardship


@pytest.fixture
def room(db):
    return make_room(price_hour="12.50")


@pytest.fixture
def venue(room):
    return room.venue


@pytest.fixture
def manager(venue):
    person = UserFactory(name="Mo")
    venue.managers.add(person)
    return person


def with_role(role: str):
    return RoleGrantFactory(role=role).user


@pytest.fixture
def facilitator(db):
    return with_role(RoleGrant.Role.FACILITATOR)


def edit_url(venue) -> str:
    return reverse("venues:edit", args=[venue.key])


def form_data(response, **changes) -> dict:
    """What the browser would send back for the editor on this page, with some changes."""
    return editor_data(response.context["editor"], **changes)


def editor_data(editor, **changes) -> dict:
    data = {}
    for form in editor.every_form():
        for field in form:
            value = field.value()
            if value is None or value is False or value == "":
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = str(value)
    data.update(changes)
    return data


def soon(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def open_editor(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response


def new_venue_fields(**changes) -> dict:
    district = AreaFactory(slug="escamp-test", kind=Area.Kind.DISTRICT, name="Escamp")
    area = AreaFactory(slug="moerwijk-test", name="Moerwijk", parent=district)
    return {
        "name": "Buurtkamer De Linde",
        "kind": "neighbourhood_room",
        "address": "Lindelaan 4",
        "postcode": "2531ab",
        "area": str(area.pk),
        "contact_url": "https://delinde.example/huren",
        "children_welcome": "on",
        **{
            f"{p}-{k}": v
            for p in ("hours", "closures", "rooms")
            for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
        **changes,
    }


# --- Who may use which page ----------------------------------------------------------


@pytest.mark.parametrize("name", ["venues:add", "venues:suggest", "venues:review"])
def test_anonymous_people_are_sent_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_people_are_sent_to_sign_in_to_edit(client, venue):
    assert client.get(edit_url(venue))["Location"].startswith(reverse("accounts:login"))


def test_the_manager_of_another_venue_gets_404(client, venue, manager):
    other = make_room().venue
    client.force_login(manager)
    assert client.get(edit_url(other)).status_code == 404
    assert client.post(edit_url(other), {"name": "Van mij"}).status_code == 404


def test_an_outsider_gets_404_for_editing_and_reviewing(client, venue, outsider):
    client.force_login(outsider)
    assert client.get(edit_url(venue)).status_code == 404
    assert client.get(reverse("venues:review")).status_code == 404


@pytest.mark.parametrize("role", [RoleGrant.Role.FACILITATOR, RoleGrant.Role.PROFESSIONAL])
def test_facilitators_and_professionals_edit_only_venues_without_a_manager(client, venue, role):
    client.force_login(with_role(role))
    assert client.get(edit_url(venue)).status_code == 200
    venue.managers.add(UserFactory())
    assert client.get(edit_url(venue)).status_code == 404


def test_a_venue_manager_role_alone_does_not_open_other_venues(client, venue):
    client.force_login(with_role(RoleGrant.Role.VENUE_MANAGER))
    assert client.get(edit_url(venue)).status_code == 404


def test_adding_is_refused_with_a_pointer_to_suggesting(client, member):
    client.force_login(member)
    response = client.get(reverse("venues:add"))
    assert response.status_code == 403
    assert reverse("venues:suggest") in response.content.decode()
    assert client.post(reverse("venues:add"), new_venue_fields()).status_code == 403
    assert not Venue.objects.filter(name="Buurtkamer De Linde").exists()


def test_a_member_opens_the_suggest_page(client, member):
    page = open_editor(client, member, reverse("venues:suggest")).content.decode()
    assert "Voorstel versturen" in page and "kijkt je voorstel eerst na" in page


def test_someone_without_a_group_is_shown_how_to_start_one(client, outsider):
    page = open_editor(client, outsider, reverse("venues:suggest")).content.decode()
    assert reverse("organisations:create") in page and "Voorstel versturen" not in page
    assert client.post(reverse("venues:suggest"), new_venue_fields()).status_code == 403


def test_the_review_page_is_for_facilitators_and_professionals(client, member, facilitator):
    client.force_login(member)
    assert client.get(reverse("venues:review")).status_code == 404
    client.force_login(facilitator)
    assert client.get(reverse("venues:review")).status_code == 200


# --- Editing --------------------------------------------------------------------------


def test_a_manager_edits_the_venues_own_fields(client, venue, manager):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(
            page,
            name="Buurthuis De Zon",
            postcode="2525ab",
            music="on",
            lift="on",
            public_transport="Tram 9, halte Leyweg",
            latitude="52,0705",
            longitude="4.3007",
        ),
    )
    assert response.status_code == 302 and response["Location"] == venue.get_absolute_url()
    venue.refresh_from_db()
    assert (venue.name, venue.postcode, venue.music, venue.lift) == (
        "Buurthuis De Zon",
        "2525 AB",
        True,
        True,
    )
    assert str(venue.latitude) == "52.07050"


def test_a_manager_changes_hours_closures_and_rooms(client, venue, room, manager):
    page = open_editor(client, manager, edit_url(venue))
    data = form_data(page)
    sunday = OpeningHours.objects.get(venue=venue, day=6)
    row = next(k[:-3] for k, v in data.items() if k.endswith("-id") and v == str(sunday.pk))
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    data.update(
        {
            f"{row}-DELETE": "on",
            "hours-0-opens": "09:00",
            "hours-0-closes": "17:30",
            "closures-0-start": day,
            "closures-0-end": day,
            "closures-0-reason": "Koningsdag",
            "rooms-0-price_hour": "15,75",
            "rooms-1-name": "Keuken",
            "rooms-1-capacity_seated": "12",
            "rooms-1-facilities": ["kitchen", "wifi"],
            "rooms-1-price_daypart": "30",
            "rooms-1-social_discount_percent": "50",
        }
    )
    assert client.post(edit_url(venue), data).status_code == 302
    assert not OpeningHours.objects.filter(venue=venue, day=6).exists()
    assert OpeningHours.objects.get(venue=venue, day=0).closes == time(17, 30)
    assert Closure.objects.get(venue=venue).reason == "Koningsdag"
    room.refresh_from_db()
    assert str(room.price_hour) == "15.75"
    kitchen = venue.rooms.get(name="Keuken")
    assert kitchen.facilities == ["kitchen", "wifi"] and kitchen.social_discount_percent == 50


def test_a_day_without_hours_gets_an_empty_row_with_the_day_filled_in(client, venue, manager):
    OpeningHours.objects.filter(venue=venue, day__in=[5, 6]).delete()
    page = open_editor(client, manager, edit_url(venue))
    data = form_data(page)
    assert data["hours-TOTAL_FORMS"] == "7" and data["hours-6-day"] == "6"
    data.update({"hours-6-opens": "10:00", "hours-6-closes": "14:00"})
    assert client.post(edit_url(venue), data).status_code == 302
    assert OpeningHours.objects.get(venue=venue, day=6).opens == time(10)


def test_closing_before_opening_is_refused_and_nothing_is_saved(client, venue, manager):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(
            page, name="Nieuwe naam", **{"hours-0-opens": "18:00", "hours-0-closes": "09:00"}
        ),
    )
    assert response.status_code == 400
    assert "De sluitingstijd moet na de openingstijd liggen." in response.content.decode()
    assert "Nieuwe naam" in response.content.decode()  # what she typed is still there
    venue.refresh_from_db()
    assert venue.name == "Buurthuis Test"
    assert OpeningHours.objects.get(venue=venue, day=0).opens == time(8)


def test_overlapping_hours_on_one_day_are_refused(client, venue, manager):
    OpeningHours.objects.filter(venue=venue, day=6).delete()
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(
            page, **{"hours-6-day": "0", "hours-6-opens": "20:00", "hours-6-closes": "23:30"}
        ),
    )
    assert response.status_code == 400
    assert "overlappen" in response.content.decode()
    assert OpeningHours.objects.filter(venue=venue).count() == 6


def test_a_closure_that_ends_before_it_starts_is_refused(client, venue, manager):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(page, **{"closures-0-start": soon(31), "closures-0-end": soon(30)}),
    )
    assert response.status_code == 400
    assert "De laatste dag mag niet voor de eerste dag liggen." in response.content.decode()
    assert not Closure.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rooms-0-social_discount_percent", "150"),
        ("rooms-0-price_hour", "-5"),
        ("rooms-0-capacity_seated", "0"),
        ("rooms-0-buffer_minutes", "1000"),
        ("rooms-0-facilities", "sauna"),
        ("rooms-0-name", ""),
    ],
)
def test_impossible_room_values_are_refused(client, venue, room, manager, field, value):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(edit_url(venue), form_data(page, name="Anders", **{field: value}))
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    venue.refresh_from_db()
    room.refresh_from_db()
    assert venue.name == "Buurthuis Test" and room.social_discount_percent == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "25255"}, "vier cijfers en twee letters"),
        ({"contact_email": ""}, "Vul een e-mailadres of een formulier in"),
        ({"latitude": "4.30", "longitude": "52.07"}, "andersom"),
        ({"latitude": "52.07"}, "Vul beide in"),
        ({"area": "999999"}, 'class="error"'),
    ],
)
def test_venue_mistakes_are_explained_next_to_the_field(client, venue, manager, changes, message):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(edit_url(venue), form_data(page, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_room_with_a_booking_to_come_cannot_be_deleted(
    client, venue, room, manager, organisation
):
    BookingFactory(room=room, organisation=organisation, start=at(7, 10), end=at(7, 12))
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(edit_url(venue), form_data(page, **{"rooms-0-DELETE": "on"}))
    assert response.status_code == 400
    assert "Deze zaal kan niet weg: er is nog 1 boeking" in response.content.decode()
    assert Room.objects.filter(pk=room.pk).exists()


def test_a_room_with_only_past_or_cancelled_bookings_can_be_deleted(
    client, venue, room, manager, organisation
):
    BookingFactory(room=room, organisation=organisation, start=at(-7, 10), end=at(-7, 12))
    BookingFactory(
        room=room,
        organisation=organisation,
        start=at(7, 10),
        end=at(7, 12),
        status=Booking.Status.CANCELLED,
    )
    page = open_editor(client, manager, edit_url(venue))
    assert (
        client.post(edit_url(venue), form_data(page, **{"rooms-0-DELETE": "on"})).status_code == 302
    )
    assert not Room.objects.filter(pk=room.pk).exists()


def test_a_booking_made_while_she_edits_still_keeps_the_room(venue, room, organisation):
    data = editor_data(VenueEditor(venue=venue), name="Nieuw", **{"rooms-0-DELETE": "on"})
    editor = VenueEditor(data, venue=Venue.objects.get(pk=venue.pk))
    assert editor.is_valid()
    BookingFactory(room=room, organisation=organisation, start=at(7, 10), end=at(7, 12))
    with pytest.raises(stewardship.RoomInUse):
        stewardship.save_venue(editor)
    assert Room.objects.filter(pk=room.pk).exists()
    assert Venue.objects.get(pk=venue.pk).name == "Buurthuis Test"


def test_saving_over_newer_changes_is_refused_once(client, venue, manager):
    page = open_editor(client, manager, edit_url(venue))
    Venue.objects.filter(pk=venue.pk).update(
        name="Door een ander", updated_at=timezone.now() + timedelta(seconds=1)
    )
    response = client.post(edit_url(venue), form_data(page, name="Door Mo"))
    assert response.status_code == 409
    assert "Iemand anders heeft deze locatie net ook veranderd" in response.content.decode()
    assert Venue.objects.get(pk=venue.pk).name == "Door een ander"
    assert client.post(edit_url(venue), form_data(response)).status_code == 302
    assert Venue.objects.get(pk=venue.pk).name == "Door Mo"


JUNK = st.text(max_size=60) | st.sampled_from(
    ["", " ", "\x00", "9" * 40, "1e999", "NaN", "-0,0", "25:99", "<script>"]
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(postcode=JUNK, latitude=JUNK, price=JUNK, opens=JUNK, discount=JUNK)
def test_junk_gets_the_form_back_never_a_crash(
    client, venue, manager, postcode, latitude, price, opens, discount
):
    page = open_editor(client, manager, edit_url(venue))
    before = Venue.objects.values().get(pk=venue.pk)
    response = client.post(
        edit_url(venue),
        form_data(
            page,
            postcode=postcode,
            latitude=latitude,
            longitude="4.3",
            **{
                "rooms-0-price_hour": price,
                "hours-0-opens": opens,
                "rooms-0-social_discount_percent": discount,
            },
        ),
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Venue.objects.values().get(pk=venue.pk) == before


# --- Adding and suggesting --------------------------------------------------------------


def test_a_facilitator_adds_a_venue_that_is_published_at_once(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("venues:add"),
        new_venue_fields(
            **{
                "rooms-TOTAL_FORMS": "1",
                "rooms-0-name": "Huiskamer",
                "rooms-0-capacity_seated": "15",
            }
        ),
    )
    venue = Venue.objects.get(name="Buurtkamer De Linde")
    assert response["Location"] == venue.get_absolute_url()
    assert (venue.key, venue.is_published, venue.added_by, venue.suggested_by) == (
        "buurtkamer-de-linde",
        True,
        facilitator,
        None,
    )
    assert venue.postcode == "2531 AB" and venue.rooms.get().name == "Huiskamer"
    assert "Buurtkamer De Linde" in client.get(reverse("venues:directory")).content.decode()


def test_new_venues_get_a_key_of_their_own(facilitator):
    assert stewardship.unique_key("Nieuw") == "nieuw-2"
    VenueFactory(key="buurthuis-0")
    assert stewardship.unique_key("Buurthuis 0") == "buurthuis-0-2"
    assert stewardship.unique_key("مسجد") == "locatie"


def test_a_member_suggests_a_venue_that_waits_unseen(client, organisation, member, admin, outsider):
    client.force_login(member)
    response = client.post(
        reverse("venues:suggest"),
        new_venue_fields(
            organisation=organisation.slug,
            **{"rooms-TOTAL_FORMS": "1", "rooms-0-name": "Zaal", "rooms-0-capacity_seated": "30"},
        ),
    )
    venue = Venue.objects.get(name="Buurtkamer De Linde")
    assert response["Location"] == venue.get_absolute_url()
    assert (venue.is_published, venue.suggested_by, venue.added_by) == (False, organisation, member)
    assert "Buurtkamer De Linde" not in client.get(reverse("venues:directory")).content.decode()
    client.logout()
    assert client.get(venue.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(venue.get_absolute_url()).status_code == 404
    client.force_login(admin)  # another member of the same group
    assert "Nog niet gepubliceerd" in client.get(venue.get_absolute_url()).content.decode()
    assert "wacht op controle" in client.get(reverse("venues:suggest")).content.decode()


def test_she_suggests_only_for_her_own_groups(client, organisation, member):
    MembershipFactory(user=member, organisation=OrganisationFactory(name="Taalcafé Laak"))
    other = OrganisationFactory()
    client.force_login(member)
    page = client.get(reverse("venues:suggest")).content.decode()
    assert "Taalcafé Laak" in page and organisation.name in page
    response = client.post(reverse("venues:suggest"), new_venue_fields(organisation=other.slug))
    assert response.status_code == 400
    assert not Venue.objects.filter(name="Buurtkamer De Linde").exists()


# --- Review -----------------------------------------------------------------------------


@pytest.fixture
def suggestion(client, organisation, member):
    client.force_login(member)
    client.post(reverse("venues:suggest"), new_venue_fields(organisation=organisation.slug))
    client.logout()
    return Venue.objects.get(name="Buurtkamer De Linde")


def decide(client, venue, **data):
    return client.post(reverse("venues:decide_suggestion", args=[venue.key]), data)


def test_a_facilitator_sees_and_publishes_a_suggestion(
    client, suggestion, member, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    assert "Buurtkamer De Linde" in client.get(reverse("venues:review")).content.decode()
    assert client.get(suggestion.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, suggestion, decision="publish")
    assert response["Location"] == reverse("venues:review")
    suggestion.refresh_from_db()
    assert suggestion.is_published
    client.logout()
    assert "Buurtkamer De Linde" in client.get(reverse("venues:directory")).content.decode()
    assert mail.outbox[-1].to == [member.email]
    assert "Buurtkamer De Linde" in mail.outbox[-1].subject
    assert suggestion.get_absolute_url() in mail.outbox[-1].body


def test_the_suggester_is_told_in_her_own_language(
    client, suggestion, member, facilitator, django_capture_on_commit_callbacks
):
    member.language = "nl"
    member.save()
    client.force_login(facilitator)
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("venues:decide_suggestion", args=[suggestion.key]),
                {"decision": "publish"},
                headers={"accept-language": "en"},
            )
    assert len(mail.outbox) == 1  # a second click tells nobody twice
    assert mail.outbox[0].body.startswith("Hallo,")


def test_a_professional_rejects_with_a_reason(
    client, suggestion, member, django_capture_on_commit_callbacks
):
    client.force_login(with_role(RoleGrant.Role.PROFESSIONAL))
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            client,
            suggestion,
            decision="reject",
            reason="Deze plek verhuurt geen zalen aan groepen.",
        )
    assert response.status_code == 302
    assert not Venue.objects.filter(pk=suggestion.pk).exists()
    assert mail.outbox[-1].to == [member.email]
    assert "Deze plek verhuurt geen zalen aan groepen." in mail.outbox[-1].body


def test_rejecting_needs_a_reason(client, suggestion, facilitator):
    client.force_login(facilitator)
    response = decide(client, suggestion, decision="reject", reason="")
    assert response.status_code == 400
    assert "Schrijf kort waarom" in response.content.decode()
    assert Venue.objects.filter(pk=suggestion.pk, is_published=False).exists()
    assert not mail.outbox


def test_only_reviewers_decide_and_only_on_waiting_suggestions(
    client, suggestion, member, facilitator, venue
):
    client.force_login(member)
    assert decide(client, suggestion, decision="publish").status_code == 404
    client.force_login(facilitator)
    assert decide(client, venue, decision="reject", reason="x").status_code == 404
    assert Venue.objects.filter(pk=venue.pk).exists()
    assert client.get(reverse("venues:decide_suggestion", args=[suggestion.key])).status_code == 405


# --- Links ------------------------------------------------------------------------------


def test_the_venue_page_offers_editing_to_those_who_may(client, venue, manager, member):
    client.force_login(member)
    assert edit_url(venue) not in client.get(venue.get_absolute_url()).content.decode()
    client.force_login(manager)
    assert edit_url(venue) in client.get(venue.get_absolute_url()).content.decode()


def test_the_directory_offers_suggesting_and_adding(client, member, facilitator):
    RoleGrantFactory(user=facilitator, role=RoleGrant.Role.PROFESSIONAL)
    client.force_login(member)
    page = client.get(reverse("venues:directory")).content.decode()
    assert reverse("venues:suggest") in page and reverse("venues:add") not in page
    client.force_login(facilitator)
    page = client.get(reverse("venues:directory")).content.decode()
    assert page.count(reverse("venues:add")) == 1


# --- Odd input is refused with a message (issue 11, items 9, 10 and 11) -----------------


@pytest.mark.parametrize(
    "field", ["name", "managed_by", "address", "public_transport", "rooms-0-name"]
)
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\u2028"])
def test_a_line_break_in_a_one_line_field_is_refused(client, venue, manager, field, line_break):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue), form_data(page, **{field: f"Buurthuis{line_break}De Zon"})
    )
    assert response.status_code == 400
    assert "Schrijf dit op één regel" in response.content.decode()
    assert not Venue.objects.filter(name__contains="De Zon").exists()
    assert not Room.objects.filter(name__contains="De Zon").exists()


def test_a_line_break_in_a_closure_reason_is_refused(client, venue, manager):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(
            page,
            **{
                "closures-0-start": soon(30),
                "closures-0-end": soon(31),
                "closures-0-reason": "Zomer\nvakantie",
            },
        ),
    )
    assert response.status_code == 400
    assert not Closure.objects.exists()


@pytest.mark.parametrize("start,end", [("9999-12-31", "9999-12-31"), (None, "9999-12-31")])
def test_a_closure_beyond_two_years_is_refused(client, venue, manager, start, end):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(
        edit_url(venue),
        form_data(page, **{"closures-0-start": start or soon(30), "closures-0-end": end}),
    )
    assert response.status_code == 400
    assert "binnen twee jaar" in response.content.decode()
    assert not Closure.objects.exists()


def test_a_nul_in_the_editor_is_refused_not_a_server_error(
    client, venue, manager, without_nul_middleware
):
    page = open_editor(client, manager, edit_url(venue))
    response = client.post(edit_url(venue), form_data(page, name="Buurthuis\x00"))
    assert response.status_code == 400
    assert Venue.objects.get(pk=venue.pk).name == venue.name


def test_a_rejection_reason_may_have_several_lines(
    client, suggestion, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            client,
            suggestion,
            decision="reject",
            reason="Geen zalen.\nWel een buurtkamer verderop.",
        )
    assert response.status_code == 302
    assert "Wel een buurtkamer verderop." in mail.outbox[-1].body


def test_a_nul_in_a_rejection_reason_is_refused(
    client, suggestion, facilitator, without_nul_middleware
):
    client.force_login(facilitator)
    response = decide(client, suggestion, decision="reject", reason="Nee\x00")
    assert response.status_code == 400
    assert Venue.objects.filter(pk=suggestion.pk).exists()
