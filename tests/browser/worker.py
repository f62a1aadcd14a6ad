"""A real `manage.py db_worker`, in its own process, on the test database the live server
uses; it writes every mail it sends as a file (wijkkracht/settings_test.py).

The worker cannot run inside the test process: it sets signal handlers and closes the
database connections it finds. Stop it before the test's database is flushed or dropped:
on PostgreSQL its open connection would hold up both.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file backend puts after each mail


class Worker:
    def __init__(self, database: str, directory: Path):
        self.mail_dir = directory / "mail"
        self.mail_dir.mkdir(parents=True)
        self.log_path = directory / "worker.log"
        self._log = self.log_path.open("wb")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wijkkracht.settings_test",
            "WORKER_TEST_DATABASE": database,
            "WORKER_MAIL_DIR": str(self.mail_dir),
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
            + ["--no-startup-delay", "--no-reload", "--verbosity", "2"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def mails(self) -> list[EmailMessage]:
        """The mails written so far; one still being written has no separator yet."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            *complete, _rest = path.read_bytes().split(SEPARATOR)
            found += [message_from_bytes(raw, policy=policy.default) for raw in complete]
        return found

    def wait_until(self, what: str, condition: Callable[[], object], timeout: float = 20):
        """Poll until condition() gives something true, and return it; fail with the
        worker's output when it does not come in time or the worker has died."""
        deadline = time.monotonic() + timeout
        while True:
            if found := condition():
                return found
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the worker exited ({self.process.returncode}) before {what}:\n{self.log()}"
                )
            if time.monotonic() > deadline:
                arrived = [(m["To"], m["Subject"]) for m in self.mails()]
                raise AssertionError(
                    f"no {what} after {timeout} s; mails: {arrived}; worker:\n{self.log()}"
                )
            time.sleep(0.1)

    def wait_for_mail(self, to: str, timeout: float = 20) -> EmailMessage:
        return self.wait_until(
            f"mail to {to}",
            lambda: next((m for m in self.mails() if to in m["To"]), None),
            timeout,
        )

    def stop(self) -> None:
        """SIGTERM lets it finish the task at hand; a worker that hangs is killed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
