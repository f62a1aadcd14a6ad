"""Every mail the platform sends links straight to the page where she acts."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.venues.factories import at, make_room
from wijkkracht.venues.services import bookings

PACKAGE = Path(__file__).resolve().parents[2] / "wijkkracht"
LINKS = ("{{ url }}", "{{ link }}", "{{ site_url }}")


@pytest.mark.parametrize(
    "template",
    sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.glob("*/templates/*/email/*.txt")),
)
def test_every_mail_template_carries_a_link(template):
    text = (PACKAGE / template).read_text()
    assert any(link in text for link in LINKS), f"{template} has no link to act on"


@pytest.mark.django_db
def test_booking_mails_open_the_page_where_each_acts(django_capture_on_commit_callbacks):
    room = make_room()
    manager = UserFactory(email="beheer@example.org")
    room.venue.managers.add(manager)
    requester = MembershipFactory().user
    organisation = requester.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        booking = bookings.request_booking(
            room, organisation, requester, at(7, 10), at(7, 12), "Naailes", 12
        )
    assert settings.SITE_URL + reverse("venues:manage") in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        bookings.decide(booking, manager, approve=False, reason="Dan is er een markt.")
    decided = mail.outbox[-1]
    assert decided.to == [requester.email]
    assert settings.SITE_URL + reverse("venues:bookings", args=[organisation.slug]) in decided.body
