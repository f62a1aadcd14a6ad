"""Mail leaves after the request: it is written as a row in the transaction that caused
it, and a task sends it once that transaction has committed.

A worker claims a mail with a conditional update before sending (only one update can
change the row), so two workers never send the same mail and a task that runs twice does
nothing the second time. A send that fails is tried again later, five times in all with
longer waits, and then left for staff in the admin with its error. If a worker dies while
it holds a mail, its claim runs out and the periodic sweep queues the mail again; the one
case that can send twice is a worker dying after the mail server took the mail and
before the row says so.
"""

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingMail

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=5)  # longer than EMAIL_TIMEOUT, so a held mail is never shared
ATTEMPTS = 5
FIRST_WAIT = timedelta(seconds=30)  # then 2, 8 and 32 minutes
LOST_AFTER = timedelta(minutes=2)  # queued this long without a worker: queue it again
KEPT = timedelta(days=30)
TASKS_KEPT = timedelta(days=14)


def queue(subject: str, body: str, recipients: list[str]) -> OutgoingMail:
    """Write the mail now and send it after commit (at once outside a transaction)."""
    mail = OutgoingMail.objects.create(subject=subject, body=body, recipients=recipients)
    transaction.on_commit(lambda: enqueue(mail.pk), robust=True)
    return mail


def enqueue(mail_id: int, wait: timedelta | None = None) -> None:
    from .tasks import deliver_mail

    task = deliver_mail
    if wait is not None:
        if not task.get_backend().supports_defer:
            return  # this backend cannot wait: the periodic sweep sends it when due
        task = task.using(run_after=timezone.now() + wait)
    task.enqueue(mail_id)


def deliver(mail_id: int) -> bool:
    """Send one queued mail, unless it is sent, given up, or held by another worker."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=mail_id,
        sent_at__isnull=True,
        failed_at__isnull=True,
    ).update(claimed_until=now + CLAIM, attempts=F("attempts") + 1)
    if claimed != 1:
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, None, mail.recipients)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server, by design
        _failed(mail, error)
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(
        sent_at=timezone.now(), claimed_until=None, next_try_at=None, last_error=""
    )
    return True


def _failed(mail: OutgoingMail, error: Exception) -> None:
    now, give_up = timezone.now(), mail.attempts >= ATTEMPTS
    wait = FIRST_WAIT * 4 ** (mail.attempts - 1)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        claimed_until=None,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        failed_at=now if give_up else None,
        next_try_at=None if give_up else now + wait,
    )
    log.warning("mail %s not sent (attempt %d): %s", mail.pk, mail.attempts, error)
    if not give_up:
        enqueue(mail.pk, wait)


def send_again(mail_ids) -> int:
    """Staff's second chance for mails given up: five new attempts each."""
    count = OutgoingMail.objects.filter(pk__in=mail_ids, sent_at__isnull=True).update(
        failed_at=None, attempts=0, next_try_at=None, claimed_until=None
    )
    for mail_id in mail_ids:
        transaction.on_commit(lambda mail_id=mail_id: enqueue(mail_id), robust=True)
    return count


def sweep(now=None) -> int:
    """Queue again what no worker has: its task was lost, or its worker died."""
    now = now or timezone.now()
    waiting = OutgoingMail.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        Q(next_try_at__isnull=True, created_at__lt=now - LOST_AFTER)
        | Q(next_try_at__lt=now - LOST_AFTER),
        sent_at__isnull=True,
        failed_at__isnull=True,
    )
    ids = list(waiting.values_list("pk", flat=True)[:1000])
    for mail_id in ids:
        enqueue(mail_id)
    return len(ids)


def prune(now=None) -> int:
    """Forget sent mail after 30 days: it holds names and addresses."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(sent_at__lt=now - KEPT).delete()[0]


def prune_tasks(now=None) -> int:
    """Forget finished tasks after 14 days (what django-tasks-db's own prune command
    does): their arguments are only mail ids, but the table would grow for ever."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.finished().filter(finished_at__lte=now - TASKS_KEPT).delete()[0]


def _mail_to(email: str) -> list[OutgoingMail]:
    # The JSON list is searched as text first, then checked exactly: the same on SQLite
    # and PostgreSQL, which differ in what JSON lookups they offer.
    rows = OutgoingMail.objects.filter(recipients__icontains=email)
    return [mail for mail in rows if email.lower() in (r.lower() for r in mail.recipients)]


def export_for_user(user) -> dict:
    """The mails kept for her (sent ones for 30 days), for her data export."""
    return {
        "mail_to_her": [
            {
                "subject": mail.subject,
                "created_at": mail.created_at.isoformat(),
                "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
            }
            for mail in _mail_to(user.email)
        ]
    }


def forget_mail_to(user, choices=None) -> None:
    """Her account goes: mail only to her is deleted, sent or not; a mail to others too
    keeps going to them without her address."""
    for mail in _mail_to(user.email):
        others = [r for r in mail.recipients if r.lower() != user.email.lower()]
        if others:
            OutgoingMail.objects.filter(pk=mail.pk).update(recipients=others)
        else:
            mail.delete()
