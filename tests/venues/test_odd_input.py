"""Odd input to the booking pages and the API: refused with a message, never a 500 or a
silent cut; and a mail server or a stored odd name cannot break a page (issue 11, items
9–12). Run on SQLite and PostgreSQL (NUL bytes matter there)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import UserFactory
from tests.venues.factories import BookingFactory, at, make_room
from wijkkracht.venues import calendars
from wijkkracht.venues.models import Booking, RoomAgreement, SearchProfile

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture
def room(db):
    return make_room()


@pytest.fixture
def manager(room):
    person = UserFactory(email="beheer@test.example")
    room.venue.managers.add(person)
    return person


def held(room, organisation, days=8, status=Booking.Status.APPROVED, **extra):
    return BookingFactory(
        room=room,
        organisation=organisation,
        start=at(days, 10),
        end=at(days, 12),
        status=status,
        **extra,
    )


def ask(client, room, organisation, **changes):
    data = {
        "organisation": organisation.slug,
        "date": at(7, 10).date().isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "Naailes",
        "people_expected": 8,
        **changes,
    }
    return client.post(reverse("venues:request", args=[room.venue.key, room.pk]), data)


# --- item 9: line breaks, mail and feeds ---------------------------------------------------


def test_a_line_break_in_the_purpose_is_refused(client, room, organisation, member):
    client.force_login(member)
    response = ask(client, room, organisation, purpose="Naailes\nBcc: iedereen@example.org")
    assert response.status_code == 400
    assert "Schrijf dit op één regel" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_broken_mail_server_does_not_break_a_booking_request(
    client, room, organisation, member, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = ask(client, room, organisation)
    assert response.status_code == 302
    assert callbacks  # the mail was tried, after the booking was written
    assert Booking.objects.get().purpose == "Naailes"


def test_the_mail_leaves_only_after_the_booking_is_written(
    client, room, organisation, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ask(client, room, organisation)
    assert not mail.outbox and callbacks  # the mail waits for the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_a_feed_survives_names_with_line_breaks_stored_before(client, room, organisation, member):
    # Written before forms refused them, or through the admin.
    organisation.name = "Moeders\r\nvan Moerwijk"
    organisation.save()
    room.name = "Grote\nzaal"
    room.save()
    room.venue.name = "Buurthuis\u2028Test\x0b"
    room.venue.save()
    held(room, organisation, purpose="Taal\ncafé")
    for feed in (calendars.feed_for(organisation=organisation), calendars.feed_for(room=room)):
        response = client.get(feed.get_absolute_url())
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        [event] = calendar.walk("VEVENT")
        assert str(event["summary"]) == "Taal café – Moeders van Moerwijk"
        assert str(event["location"]).startswith("Grote zaal, Buurthuis Test")


def test_the_api_refuses_a_line_break_in_an_activity(client, room):
    response = client.post(
        "/api/v1/venues/search",
        {"activities": [{"kind": "Naailes\nen meer", "people": 8}]},
        content_type="application/json",
    )
    assert response.status_code == 422


# --- item 10: every input through a form; a NUL is a 400 with a message --------------------


def test_a_nul_in_a_decline_reason_is_refused(
    client, room, organisation, manager, without_nul_middleware
):
    booking = held(room, organisation, status=Booking.Status.REQUESTED)
    client.force_login(manager)
    response = client.post(
        reverse("venues:decide", args=[booking.pk]), {"decision": "decline", "reason": "Nee\x00"}
    )
    assert response.status_code == 400
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.REQUESTED


def test_a_nul_in_a_groups_cancel_reason_is_refused(
    client, room, organisation, member, without_nul_middleware
):
    booking = held(room, organisation, requested_by=member)
    client.force_login(member)
    response = client.post(
        reverse("venues:cancel", args=[organisation.slug, booking.pk]), {"reason": "Ziek\x00"}
    )
    assert response.status_code == 400
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.APPROVED


def test_a_nul_in_a_managers_cancel_reason_is_refused(
    client, room, organisation, manager, without_nul_middleware
):
    booking = held(room, organisation)
    client.force_login(manager)
    url = reverse("venues:manager_cancel", args=[room.venue.key, room.pk, booking.pk])
    assert client.post(url, {"reason": "Lekkage\x00"}).status_code == 400
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.APPROVED


def test_a_nul_in_an_agreement_is_refused(
    client, room, organisation, member, without_nul_middleware
):
    held(room, organisation)
    client.force_login(member)
    url = reverse("venues:agreement", args=[room.venue.key, room.pk, organisation.slug])
    assert client.post(url, {"cleaning": "Wij\x00"}).status_code == 400
    assert not RoomAgreement.objects.exists()


def test_a_nul_in_a_saved_profile_is_refused(client, organisation, member, without_nul_middleware):
    client.force_login(member)
    response = client.post(
        reverse("venues:save_profile"), {"organisation": organisation.slug, "query": "budget=1\x00"}
    )
    assert response.status_code in (302, 400)
    assert not SearchProfile.objects.exists()


def test_a_nul_in_a_booking_request_is_refused(
    client, room, organisation, member, without_nul_middleware
):
    client.force_login(member)
    assert ask(client, room, organisation, purpose="Naailes\x00").status_code == 400
    assert not Booking.objects.exists()


def test_an_unknown_decision_is_refused(client, room, organisation, manager):
    booking = held(room, organisation, status=Booking.Status.REQUESTED)
    client.force_login(manager)
    response = client.post(reverse("venues:decide", args=[booking.pk]), {"decision": "maybe"})
    assert response.status_code == 400
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.REQUESTED


# --- item 11: dates have a horizon ----------------------------------------------------------


def test_a_booking_on_the_last_day_of_year_9999_is_refused(client, room, organisation, member):
    client.force_login(member)
    response = ask(client, room, organisation, date="9999-12-31", start="22:00", end="23:00")
    assert response.status_code == 400
    assert "binnen twee jaar" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_booking_more_than_two_years_ahead_is_refused(client, room, organisation, member):
    client.force_login(member)
    later = (timezone.localdate() + timedelta(days=800)).isoformat()
    assert ask(client, room, organisation, date=later).status_code == 400


def test_a_weekly_series_until_year_9999_is_refused(client, room, organisation, member):
    client.force_login(member)
    response = ask(client, room, organisation, repeat="weekly", until="9999-12-31")
    assert response.status_code == 400
    assert "binnen twee jaar" in response.content.decode()
    assert not Booking.objects.exists()


# --- item 12: too long is refused, never cut -----------------------------------------------


def test_a_too_long_cancel_reason_is_refused_not_cut(client, room, organisation, member):
    booking = held(room, organisation, requested_by=member)
    client.force_login(member)
    response = client.post(
        reverse("venues:cancel", args=[organisation.slug, booking.pk]), {"reason": "x" * 301}
    )
    assert response.status_code == 400
    assert "300" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.APPROVED


def test_a_too_long_decline_reason_is_refused_not_cut(client, room, organisation, manager):
    booking = held(room, organisation, status=Booking.Status.REQUESTED)
    client.force_login(manager)
    response = client.post(
        reverse("venues:decide", args=[booking.pk]), {"decision": "decline", "reason": "x" * 301}
    )
    assert response.status_code == 400
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.REQUESTED


def test_a_too_long_search_profile_is_refused_not_cut(client, organisation, member):
    client.force_login(member)
    query = "form-TOTAL_FORMS=1&form-INITIAL_FORMS=0&form-0-people=12&form-0-kind=" + "a" * 4000
    response = client.post(
        reverse("venues:save_profile"),
        {"organisation": organisation.slug, "query": query},
        follow=True,
    )
    assert "te lang om te bewaren" in response.content.decode()
    assert not SearchProfile.objects.exists()


def test_every_venues_admin_form_refuses_line_breaks_in_names(rf, db):
    from django.contrib import admin

    from wijkkracht.core.forms import CleanText

    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    forms = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "venues":
            forms.append((model, model_admin.get_form(request)))
            forms += [
                (inline.model, inline.get_formset(request).form)
                for inline in model_admin.get_inline_instances(request)
            ]
    assert len(forms) >= 5
    assert [model for model, form in forms if not issubclass(form, CleanText)] == []
