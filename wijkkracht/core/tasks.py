"""Background tasks of the platform itself, on Django's task API."""

from django_tasks import task

from . import outbox


@task()
def deliver_mail(mail_id: int) -> None:
    outbox.deliver(mail_id)
