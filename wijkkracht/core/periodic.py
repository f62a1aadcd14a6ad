"""Work that is due from time to time rather than because someone asked: the exchange's
daily digest, sending lost mail again, forgetting old mail; offer expiry and reminders
later. Apps register their jobs at start-up (AppConfig.ready); `manage.py periodic` runs
them all, from a systemd timer or cron every few minutes (README). Each job decides for
itself what is due and claims it before acting, so a run that comes early, late or twice
at once does no harm."""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_jobs: dict[str, Callable[[], int]] = {}


def register(name: str, job: Callable[[], int]) -> None:
    """A job returns how many things it did, for the log."""
    _jobs[name] = job


def jobs() -> dict[str, Callable[[], int]]:
    return dict(_jobs)


def run_all() -> dict[str, int | None]:
    """Every job once; one that fails is logged and the others still run (None)."""
    done: dict[str, int | None] = {}
    for name, job in _jobs.items():
        try:
            done[name] = job()
        except Exception:  # noqa: BLE001 - one broken job must not stop the others
            log.exception("periodic job %s failed", name)
            done[name] = None
    return done
