"""A booking request answers at once, whatever the mail server does: its mail waits in
the outbox for a worker (issue 12)."""

import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.venues.factories import at, make_room
from wijkkracht.core.models import OutgoingMail
from wijkkracht.venues.models import Booking

pytestmark = pytest.mark.django_db
CALLS: list[float] = []


class HangingMailServer(BaseEmailBackend):
    """A mail server that takes five seconds for every message."""

    def send_messages(self, messages):
        CALLS.append(time.monotonic())
        time.sleep(5)
        return len(messages)


def test_a_booking_request_answers_without_touching_a_hanging_mail_server(
    client, member, organisation, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = f"{__name__}.HangingMailServer"
    CALLS.clear()
    room = make_room()
    room.venue.managers.add(member)  # so someone is told
    client.force_login(member)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
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
    assert response.status_code == 302
    assert time.monotonic() - started < 2.5  # the mail server alone would take 5 s
    assert not CALLS and not mail.outbox
    assert Booking.objects.get().purpose == "Naailes"
    waiting = OutgoingMail.objects.get()
    assert waiting.sent_at is None and "Naailes" in waiting.body
    assert DBTaskResult.objects.count() == 1  # a worker will send it
