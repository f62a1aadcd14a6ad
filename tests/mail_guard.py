"""The test suite's stand-ins for the worker and the mail server, so that every test also
checks that no mail is sent inside a request (issue 12).

AfterRequestBackend runs a task the way a worker would: outside the request, once the
request that enqueued it has finished (at once when no request runs). GuardedMailBackend
is Django's in-memory mailbox that notes every mail sent while a request is still being
answered; tests/conftest.py fails the test that caused one.
"""

import threading

from django.core.mail.backends.locmem import EmailBackend
from django.core.signals import request_finished, request_started
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_here = threading.local()  # per thread: how deep in requests, and what waits for the end
SENT_INSIDE_A_REQUEST: list[str] = []


def in_request() -> bool:
    return getattr(_here, "depth", 0) > 0


def _started(**kwargs) -> None:
    _here.depth = getattr(_here, "depth", 0) + 1


def _finished(**kwargs) -> None:
    _here.depth = max(getattr(_here, "depth", 0) - 1, 0)
    if not _here.depth:
        waiting, _here.waiting = getattr(_here, "waiting", []), []
        for run in waiting:
            run()


def reset() -> None:
    """A fresh start for a test: a request that raised in the test client never sends
    request_finished, and must not leave the next test inside it."""
    _here.depth, _here.waiting = 0, []
    SENT_INSIDE_A_REQUEST.clear()


request_started.connect(_started, dispatch_uid="mail-guard-started")
request_finished.connect(_finished, dispatch_uid="mail-guard-finished")


class AfterRequestBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        if in_request():
            _here.waiting = [*getattr(_here, "waiting", []), lambda: self._execute_task(result)]
        else:
            self._execute_task(result)
        return result


class GuardedMailBackend(EmailBackend):
    def send_messages(self, messages):
        if in_request():
            SENT_INSIDE_A_REQUEST.extend(message.subject for message in messages)
        return super().send_messages(messages)
