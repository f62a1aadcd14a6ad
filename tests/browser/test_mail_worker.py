"""A booking request's mail, end to end as in production: the live server writes the mail
and its task to the database, a real `manage.py db_worker` process sends it (issue 12)."""

import sys

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.browser.worker import Worker
from tests.factories import UserFactory
from tests.venues.factories import at, make_room
from wijkkracht.core.models import OutgoingMail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(live_server, transactional_db, settings, tmp_path, request):
    """Tasks wait in the database, and a worker process works them. It asks for the live
    server and the database, so it is stopped before either is torn down; it is stopped
    also when the test fails, and then its output is shown."""
    # django-tasks drops its cached backends when TASKS changes (setting_changed), so the
    # live server's next request enqueues into the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    failed_before = request.session.testsfailed
    process = Worker(connection.settings_dict["NAME"], tmp_path)
    try:
        yield process
    finally:
        process.stop()
        if request.session.testsfailed > failed_before:
            capture = request.config.pluginmanager.getplugin("capturemanager")
            with capture.global_and_fixture_disabled():
                sys.stderr.write(f"\n--- db_worker output ---\n{process.log()}\n")


def test_a_booking_requests_mail_reaches_the_venue_manager_through_the_worker(
    phone_factory, worker, member, organisation
):
    room = make_room()
    room.venue.managers.add(UserFactory(name="Hanna", email="hanna@example.org"))
    phone = phone_factory("nl-NL")
    phone.sign_in_as(member)
    page = phone.page
    phone.goto(room.venue.get_absolute_url())
    page.get_by_role("link", name=f"{room.name} aanvragen").click()
    # Wait for the next page itself: "load" is already true of the one being left.
    page.wait_for_url(f"**/zalen/{room.pk}/aanvragen/")
    phone.check()
    page.locator("#id_date").fill(at(7, 10).date().isoformat())
    page.locator("#id_start").fill("10:00")
    page.locator("#id_end").fill("12:00")
    page.locator("#id_purpose").fill("Naailes")
    page.locator("#id_people_expected").fill("8")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/organisaties/{organisation.slug}/boekingen/")
    phone.check()
    assert "Je aanvraag is verstuurd" in page.locator(".messages").inner_text()

    sent = worker.wait_for_mail(to="hanna@example.org")
    assert sent["Subject"] == "Nieuwe aanvraag voor Grote zaal"
    assert "Naailes" in sent.get_body().get_content()
    # The worker marks the row after the mail server took the mail: wait for that too.
    worker.wait_until(
        "the mail marked sent",
        lambda: OutgoingMail.objects.filter(sent_at__isnull=False).exists(),
    )
    queued = OutgoingMail.objects.get()
    assert queued.recipients == ["hanna@example.org"] and queued.attempts == 1
    worker.wait_until(
        "the task finished",
        lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).exists(),
    )
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert len(worker.mails()) == 1  # one request, one mail
