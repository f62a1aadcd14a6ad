"""Mail leaves through the outbox: queued with the change, sent by a worker after commit,
once, tried again when the server fails, and left for staff when it keeps failing."""

import random
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import OutgoingMailFactory, UserFactory
from tests.mail_guard import SENT_INSIDE_A_REQUEST
from tests.threads import run_together
from wijkkracht.core import outbox, periodic
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


class BrokenMailServer:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def queue_in_database(settings):
    """As in production: tasks wait in the database for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work_the_queue() -> None:
    """What db_worker does for each task that is due (the command itself closes the
    test's database connection; tests/browser/test_mail_worker.py runs the real one)."""
    for queued in DBTaskResult.objects.ready().order_by("enqueued_at"):
        queued.claim("test")
        result = queued.task_result
        queued.task.call(*result.args, **result.kwargs)
        queued.set_successful(None)


def test_the_worker_sends_the_mail_not_the_one_who_queued_it(
    queue_in_database, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_after_commit("Je aanvraag", "Hallo", ["bea@example.org"])
    assert not mail.outbox  # nothing sent by the one who asked
    assert DBTaskResult.objects.count() == 1
    work_the_queue()
    assert [m.to for m in mail.outbox] == [["bea@example.org"]]
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_change_that_is_rolled_back_sends_nothing(
    queue_in_database, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_after_commit("Je aanvraag", "Hallo", ["bea@example.org"])
        transaction.set_rollback(True)
    assert not OutgoingMail.objects.exists() and not DBTaskResult.objects.exists()


def test_a_task_run_twice_sends_one_mail():
    queued = OutgoingMailFactory()
    assert outbox.deliver(queued.pk) is True
    assert outbox.deliver(queued.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_over_the_same_mails_send_each_once():
    ids = [OutgoingMailFactory(recipients=[f"p{n}@example.org"]).pk for n in range(30)]

    def worker(seed):
        order = ids[:]
        random.Random(seed).shuffle(order)
        return sum(outbox.deliver(mail_id) for mail_id in order)

    outcomes = run_together(*[lambda seed=seed: worker(seed) for seed in range(4)])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(outcomes) == 30
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.org" for n in range(30))
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 0


def test_a_failed_send_is_tried_again_later_then_left_for_staff(
    queue_in_database, settings, admin_client
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    queued = OutgoingMailFactory(subject="Je aanvraag")
    assert outbox.deliver(queued.pk) is False
    queued.refresh_from_db()
    assert queued.attempts == 1 and queued.next_try_at > timezone.now()
    assert "mail server down" in queued.last_error and queued.failed_at is None
    retry = DBTaskResult.objects.get()
    assert retry.run_after > timezone.now() + timedelta(seconds=20)  # not at once
    for _attempt in range(4):
        outbox.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.attempts == outbox.ATTEMPTS and queued.failed_at is not None
    assert outbox.deliver(queued.pk) is False and queued.sent_at is None
    page = admin_client.get(reverse("admin:core_outgoingmail_changelist")).content.decode()
    assert "Je aanvraag" in page and "mail server down" in page
    settings.EMAIL_BACKEND = "tests.mail_guard.GuardedMailBackend"
    response = admin_client.post(
        reverse("admin:core_outgoingmail_changelist"),
        {"action": "send_again", "_selected_action": [queued.pk]},
    )
    assert response.status_code == 302
    queued.refresh_from_db()
    assert queued.failed_at is None and queued.attempts == 0
    assert outbox.deliver(queued.pk) and len(mail.outbox) == 1


def test_the_sweep_queues_again_what_no_worker_has(queue_in_database):
    long_ago = timezone.now() - timedelta(minutes=10)
    lost = OutgoingMailFactory(created_at=long_ago)
    dead = OutgoingMailFactory(
        created_at=long_ago, claimed_until=timezone.now() - timedelta(minutes=1)
    )
    held = OutgoingMailFactory(
        created_at=long_ago, claimed_until=timezone.now() + timedelta(minutes=4)
    )
    fresh = OutgoingMailFactory()
    assert outbox.sweep() == 2
    work_the_queue()
    sent = set(OutgoingMail.objects.filter(sent_at__isnull=False).values_list("pk", flat=True))
    assert sent == {lost.pk, dead.pk}
    assert held.pk not in sent and fresh.pk not in sent


def test_sent_mail_is_forgotten_after_30_days():
    now = timezone.now()
    OutgoingMailFactory(subject="Oud", sent_at=now - timedelta(days=31))
    OutgoingMailFactory(subject="Recent", sent_at=now - timedelta(days=29))
    OutgoingMailFactory(subject="Nooit", failed_at=now - timedelta(days=60))
    assert outbox.prune() == 1
    assert set(OutgoingMail.objects.values_list("subject", flat=True)) == {"Recent", "Nooit"}


def test_finished_tasks_are_forgotten_after_14_days(queue_in_database):
    outbox.enqueue(OutgoingMailFactory().pk)
    work_the_queue()
    assert outbox.prune_tasks() == 0  # finished just now
    assert outbox.prune_tasks(timezone.now() + timedelta(days=15)) == 1
    assert not DBTaskResult.objects.exists()


def test_periodic_runs_every_job_and_one_that_fails_does_not_stop_the_others(monkeypatch):
    calls = []
    monkeypatch.setattr(
        periodic,
        "_jobs",
        {
            "first": lambda: calls.append("first") or 1,
            "broken": lambda: 1 / 0,
            "last": lambda: calls.append("last") or 2,
        },
    )
    assert periodic.run_all() == {"first": 1, "broken": None, "last": 2}
    assert calls == ["first", "last"]


def test_the_platform_registers_its_periodic_work():
    assert {
        "exchange digest",
        "mail sent again after a lost task",
        "sent mail forgotten after 30 days",
        "finished tasks forgotten after 14 days",
    } <= set(periodic.jobs())


def test_a_sign_in_mail_goes_through_the_outbox_too(client, django_capture_on_commit_callbacks):
    UserFactory(email="bea@example.org", name="Bea")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:login"), {"email": "bea@example.org"})
    assert OutgoingMail.objects.filter(recipients=["bea@example.org"]).exists()
    assert len(mail.outbox) == 1


def _sends_at_once(request):
    send_mail("Te vroeg", "Verstuurd terwijl zij wacht", None, ["a@example.org"])
    return HttpResponse("ok")


urlpatterns = [path("te-vroeg/", _sends_at_once)]


@pytest.mark.urls(__name__)
def test_the_suite_notices_a_mail_sent_inside_a_request(client):
    """The guard every test runs under (tests/conftest.py) can fail."""
    assert client.get("/te-vroeg/").status_code == 200
    assert SENT_INSIDE_A_REQUEST == ["Te vroeg"]
    SENT_INSIDE_A_REQUEST.clear()  # seen: this test is about the guard itself


@pytest.mark.django_db(transaction=True)
def test_a_mail_queued_in_a_committed_request_leaves_after_the_answer(client):
    """Here the request commits, so its mail is queued while it runs: the stand-in
    worker sends it once the answer is out, as a real worker would."""
    UserFactory(email="bea@example.org", name="Bea")
    assert client.post(reverse("accounts:login"), {"email": "bea@example.org"}).status_code < 400
    assert [m.to for m in mail.outbox] == [["bea@example.org"]]
    assert not SENT_INSIDE_A_REQUEST
