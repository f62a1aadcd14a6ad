"""Mail that leaves after the request has written its rows, and can never undo them."""

import re

from . import outbox


def one_line(text: str) -> str:
    """A subject or header from names people typed: line breaks would make the mail
    library refuse the whole message (BadHeaderError)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Queue a mail that a worker sends once the surrounding transaction has committed
    (see outbox.py): a slow or failing mail server, or a name that makes a bad header,
    never reaches the person whose request already changed data."""
    subject, recipients = one_line(subject), [r for r in recipients if r]
    if recipients:
        outbox.queue(subject, body, recipients)
