"""A series of bookings is one thing for the group and for the venue manager (issue 13):
one card, cancelled or decided as a whole, each date still on its own."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.venues.factories import at, make_room, make_series, weekly_dates
from wijkkracht.venues.models import Booking

pytestmark = pytest.mark.django_db
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@pytest.fixture
def room(db):
    return make_room()


@pytest.fixture
def seventeen(room, organisation, member):
    """Seventeen weeks from next week on, asked for by the member."""
    return make_series(room, organisation, weekly_dates(at(7, 10).date(), 17), requested_by=member)


def cards(page: str) -> int:
    return page.count('class="card series"')


# --- the group's bookings page -----------------------------------------------------------


def test_a_series_of_seventeen_dates_is_one_card_for_the_group(
    client, organisation, member, seventeen
):
    client.force_login(member)
    page = client.get(reverse("venues:bookings", args=[organisation.slug])).content.decode()
    assert cards(page) == 1
    assert page.count('<li class="card') == 1
    first = timezone.localtime(seventeen.bookings.order_by("start").first().start)
    assert "17 data" in page and "17 aangevraagd" in page
    assert f"Elke {DAYS[first.weekday()]}, 10:00–12:00" in page
    assert "<details" in page  # the dates fold open without JavaScript


def test_the_card_sums_up_the_statuses(client, organisation, member, seventeen):
    dates = list(seventeen.bookings.order_by("start"))
    Booking.objects.filter(pk__in=[b.pk for b in dates[:12]]).update(status="approved")
    Booking.objects.filter(pk__in=[b.pk for b in dates[12:13]]).update(status="cancelled")
    client.force_login(member)
    page = client.get(reverse("venues:bookings", args=[organisation.slug])).content.decode()
    assert "4 aangevraagd, 12 goedgekeurd, 1 geannuleerd" in page


def cancel_series(client, organisation, series, reason="Zomerstop"):
    return client.post(
        reverse("venues:cancel_series", args=[organisation.slug, series.pk]), {"reason": reason}
    )


def test_cancelling_the_series_cancels_its_future_dates_only(
    client, organisation, member, seventeen, django_capture_on_commit_callbacks
):
    past = seventeen.bookings.order_by("start").first()
    Booking.objects.filter(pk=past.pk).update(
        start=at(-3, 10), end=at(-3, 12), held_until=at(-3, 12), status="approved"
    )
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = cancel_series(client, organisation, seventeen)
    assert response.status_code == 302
    statuses = list(seventeen.bookings.order_by("start").values_list("status", "reason"))
    assert statuses[0] == ("approved", "")
    assert set(statuses[1:]) == {("cancelled", "Zomerstop")}
    assert len(mail.outbox) == 1  # one mail to the venue for the whole series
    assert "16 data" in mail.outbox[0].body and "Zomerstop" in mail.outbox[0].body


def test_one_date_of_the_series_is_cancelled_from_its_card(client, organisation, member, seventeen):
    one = seventeen.bookings.order_by("start")[3]
    client.force_login(member)
    page = client.get(reverse("venues:bookings", args=[organisation.slug])).content.decode()
    url = reverse("venues:cancel", args=[organisation.slug, one.pk])
    assert url in page
    client.post(url, {"reason": "Feestdag"})
    assert list(seventeen.bookings.values_list("status", flat=True)).count("cancelled") == 1


def test_a_member_may_not_cancel_a_series_someone_else_asked_for(
    client, room, organisation, member, admin
):
    series = make_series(room, organisation, weekly_dates(at(7, 10).date(), 3), requested_by=admin)
    client.force_login(member)
    assert cancel_series(client, organisation, series).status_code == 403
    assert set(series.bookings.values_list("status", flat=True)) == {"requested"}
    client.force_login(admin)
    assert cancel_series(client, organisation, series).status_code == 302
    assert set(series.bookings.values_list("status", flat=True)) == {"cancelled"}


def test_an_outsider_cannot_cancel_a_series(client, organisation, outsider, seventeen):
    client.force_login(outsider)
    assert cancel_series(client, organisation, seventeen).status_code == 404
    assert set(seventeen.bookings.values_list("status", flat=True)) == {"requested"}


def test_a_series_of_another_group_is_not_found(client, room, member, organisation, seventeen):
    from tests.factories import OrganisationFactory

    other = make_series(room, OrganisationFactory(), [at(8, 10).date()])
    client.force_login(member)
    assert cancel_series(client, organisation, other).status_code == 404
    assert other.bookings.get().status == "requested"


def test_a_too_long_reason_is_refused_with_a_message(client, organisation, member, seventeen):
    client.force_login(member)
    response = cancel_series(client, organisation, seventeen, reason="x" * 301)
    assert response.status_code == 400
    assert set(seventeen.bookings.values_list("status", flat=True)) == {"requested"}


def test_single_bookings_and_series_share_the_page_latest_first(
    client, room, organisation, member, seventeen
):
    from tests.venues.factories import BookingFactory

    BookingFactory(room=room, organisation=organisation, start=at(2, 8), end=at(2, 9))
    client.force_login(member)
    items = client.get(reverse("venues:bookings", args=[organisation.slug])).context["items"]
    assert [getattr(i, "is_series", False) for i in items] == [True, False]
    assert items[1].start == at(2, 8)
    assert items[0].last_date == at(7, 10).date() + timedelta(weeks=16)


def test_the_series_mail_goes_to_the_venue_manager_when_the_group_cancels(
    client, room, organisation, member, seventeen, django_capture_on_commit_callbacks
):
    manager = UserFactory()
    room.venue.managers.add(manager)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_series(client, organisation, seventeen)
    assert [m.to for m in mail.outbox] == [[manager.email]]


# --- the venue manager's page of requests ------------------------------------------------


@pytest.fixture
def manager(room):
    person = UserFactory(name="Beheer")
    room.venue.managers.add(person)
    return person


def decide_all(client, series, decision="approve", reason=""):
    return client.post(
        reverse("venues:decide_series", args=[series.pk]),
        {"decision": decision, "reason": reason},
    )


def test_a_series_of_seventeen_dates_is_one_card_for_the_manager(client, manager, seventeen):
    client.force_login(manager)
    page = client.get(reverse("venues:manage")).content.decode()
    assert cards(page) == 1
    assert page.count('<li class="card') == 1
    assert "Alle 17 goedkeuren" in page and "Alles afwijzen" in page
    assert page.count(reverse("venues:decide", args=[seventeen.bookings.first().pk])) == 1


def test_approving_all_approves_every_free_date_and_names_the_clashing_ones(
    client, room, manager, seventeen, django_capture_on_commit_callbacks
):
    from tests.factories import OrganisationFactory
    from tests.venues.factories import BookingFactory, ClosureFactory

    dates = list(seventeen.bookings.order_by("start"))
    # Since the request the room got an hour to tidy up, and another group has it from
    # 12:30 on the second date; the venue closes on the third.
    room.buffer_minutes = 60
    room.save()
    second = timezone.localtime(dates[1].start)
    BookingFactory(
        room=room,
        organisation=OrganisationFactory(),
        start=second.replace(hour=12, minute=30),
        end=second.replace(hour=14),
        status="approved",
    )
    third = timezone.localtime(dates[2].start).date()
    ClosureFactory(venue=room.venue, start=third, end=third)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide_all(client, seventeen)
    assert response.status_code == 302
    statuses = list(seventeen.bookings.order_by("start").values_list("status", flat=True))
    assert statuses[1:3] == ["requested", "requested"]
    assert statuses.count("approved") == 15
    page = client.get(reverse("venues:manage")).content.decode()
    assert "Deze data zijn niet goedgekeurd" in page
    assert "al bezet van 12:30 tot 15:00" in page and "gesloten" in page
    assert len(mail.outbox) == 1  # one mail for the decision on the series
    assert "nog niet goedgekeurd" in mail.outbox[0].body
    assert f"{third.day} " in mail.outbox[0].body.split("nog niet goedgekeurd")[1]


def test_approving_holds_the_room_with_its_buffer_as_it_is_now(client, room, manager, seventeen):
    room.buffer_minutes = 30
    room.save()
    client.force_login(manager)
    decide_all(client, seventeen)
    booking = seventeen.bookings.first()
    assert booking.held_until == booking.end + timedelta(minutes=30)


def test_declining_all_needs_a_reason(client, manager, seventeen):
    client.force_login(manager)
    response = decide_all(client, seventeen, "decline")
    assert response.status_code == 400
    assert "waarom je de hele reeks afwijst" in response.content.decode()
    assert set(seventeen.bookings.values_list("status", flat=True)) == {"requested"}


def test_declining_all_with_one_reason_declines_every_date_and_sends_one_mail(
    client, manager, member, seventeen, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        decide_all(client, seventeen, "decline", "Verbouwing")
    assert set(seventeen.bookings.values_list("status", "reason")) == {("declined", "Verbouwing")}
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "afgewezen" in mail.outbox[0].body and "Verbouwing" in mail.outbox[0].body


def test_one_date_of_a_series_is_decided_on_its_own(client, manager, seventeen):
    one = seventeen.bookings.order_by("start")[5]
    client.force_login(manager)
    client.post(reverse("venues:decide", args=[one.pk]), {"decision": "decline"})
    assert list(seventeen.bookings.values_list("status", flat=True)).count("declined") == 1
    page = client.get(reverse("venues:manage")).content.decode()
    assert "Alle 16 goedkeuren" in page and "1 afgewezen" in page


def test_approving_one_date_that_clashes_is_refused_and_it_stays_open(
    client, room, manager, organisation
):
    from tests.factories import OrganisationFactory
    from tests.venues.factories import BookingFactory, ClosureFactory

    request = BookingFactory(room=room, organisation=organisation)
    day = timezone.localtime(request.start).date()
    ClosureFactory(venue=room.venue, start=day, end=day)
    BookingFactory(room=room, organisation=OrganisationFactory(), start=at(8, 10), end=at(8, 11))
    client.force_login(manager)
    response = client.post(reverse("venues:decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "requested"


@pytest.mark.parametrize("who", ["outsider", "member", "other_manager"])
def test_outsiders_cannot_decide_a_series(client, who, seventeen, outsider, member):
    person = {"outsider": outsider, "member": member}.get(who)
    if person is None:
        person = UserFactory()
        make_room().venue.managers.add(person)
    client.force_login(person)
    assert decide_all(client, seventeen).status_code == 404
    assert set(seventeen.bookings.values_list("status", flat=True)) == {"requested"}


def test_outsiders_get_404_for_the_series_pages(client, organisation, outsider, seventeen):
    client.force_login(outsider)
    assert client.get(reverse("venues:bookings", args=[organisation.slug])).status_code == 404
    assert client.get(reverse("venues:manage")).status_code == 404
    assert cancel_series(client, organisation, seventeen).status_code == 404
    assert decide_all(client, seventeen).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, organisation, seventeen):
    assert decide_all(client, seventeen).status_code == 302
    assert cancel_series(client, organisation, seventeen).status_code == 302
    assert set(seventeen.bookings.values_list("status", flat=True)) == {"requested"}


# --- a monthly series --------------------------------------------------------------------


def test_a_monthly_series_is_the_same_weekday_of_every_month():
    from datetime import date

    from wijkkracht.venues.models import BookingSeries

    first = date(2027, 1, 5)  # the first Tuesday of January
    days = BookingSeries.dates(first, date(2027, 6, 30), "monthly")
    assert days == [date(2027, m, d) for m, d in [(1, 5), (2, 2), (3, 2), (4, 6), (5, 4), (6, 1)]]
    assert {d.weekday() for d in days} == {1}


def test_a_fifth_weekday_becomes_the_last_one_of_each_month():
    from datetime import date

    from wijkkracht.venues.models import BookingSeries

    first = date(2027, 3, 30)  # the fifth and last Tuesday of March
    days = BookingSeries.dates(first, date(2027, 5, 31), "monthly")
    assert days == [date(2027, 3, 30), date(2027, 4, 27), date(2027, 5, 25)]


def test_a_monthly_request_books_monthly_dates_and_says_so(
    client, room, organisation, member, django_capture_on_commit_callbacks
):
    first = at(7, 10).date()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("venues:request", args=[room.venue.key, room.pk]),
            {
                "organisation": organisation.slug,
                "date": first.isoformat(),
                "start": "19:00",
                "end": "21:00",
                "purpose": "Buurtoverleg",
                "people_expected": 12,
                "repeat": "monthly",
                "until": (first + timedelta(days=150)).isoformat(),
            },
        )
    assert response.status_code == 302
    booked = [timezone.localtime(b.start) for b in Booking.objects.order_by("start")]
    assert len(booked) in (5, 6)
    assert {b.weekday() for b in booked} == {first.weekday()}
    assert len({(b.year, b.month) for b in booked}) == len(booked)  # one a month
    assert all(20 <= (b - a).days <= 42 for a, b in zip(booked, booked[1:], strict=False))
    assert "Eens per maand" in mail.outbox[0].body
    page = client.get(reverse("venues:bookings", args=[organisation.slug])).content.decode()
    assert "van de maand, 19:00–21:00" in page and cards(page) == 1


def test_a_monthly_series_lasts_at_most_a_year(room, organisation, member):
    from django.core.exceptions import ValidationError

    from wijkkracht.venues.services import bookings as services

    first = at(7, 10).date()
    with pytest.raises(ValidationError, match="hoogstens een jaar"):
        services.request_series(
            room,
            organisation,
            member,
            first,
            first + timedelta(days=400),
            at(0, 19).time(),
            at(0, 21).time(),
            "Buurtoverleg",
            5,
            repeat="monthly",
        )


def test_a_monthly_activity_is_looked_for_on_monthly_dates(db):
    from datetime import time
    from decimal import Decimal

    from wijkkracht.venues.matching import Activity, occurrences

    today = timezone.localdate()
    day = (today + timedelta(days=1)).weekday()
    monthly = Activity("buurtoverleg", 12, Decimal("1"), [], day, time(19), time(21))
    dates = occurrences(monthly)
    assert dates[0] == today + timedelta(days=1) and len(dates) == 4
    assert {d.weekday() for d in dates} == {day}
    assert len({(d.year, d.month) for d in dates}) == 4
    fortnightly = Activity("naailes", 8, Decimal("2.17"), [], day, time(10), time(12))
    assert occurrences(fortnightly) == [dates[0] + timedelta(weeks=2 * n) for n in range(4)]
