"""Mail that leaves after the request has written its rows, and can never undo them."""

import logging
import re

from django.core.mail import send_mail
from django.db import transaction

log = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """A subject or header from names people typed: line breaks would make the mail
    library refuse the whole message (BadHeaderError)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Send once the surrounding transaction has committed (at once outside one).

    A failing mail server, or a name that makes a bad header, is logged and never
    reaches the person whose request already changed data.
    """
    subject, recipients = one_line(subject), [r for r in recipients if r]
    if not recipients:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # noqa: BLE001 — any failure of the mail server, by design
            log.exception("mail %r to %d recipient(s) not sent", subject, len(recipients))

    transaction.on_commit(send)
