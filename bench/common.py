"""Shared set-up for the benchmarks: a fresh SQLite file (or DATABASE_URL), Django, timing."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("DATABASE_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='wijkkracht-bench-')}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 1_000


def migrate() -> None:
    call_command("migrate", verbosity=0, interactive=False)


def client() -> Client:
    return Client(HTTP_HOST="localhost")


def medians_ms(client: Client, paths: list[str], rounds: int = ROUNDS) -> list[float]:
    """Median time per path; the paths take turns, so drift in the machine's speed
    touches all of them alike."""
    samples: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(rounds):
        for path in paths:
            start = time.perf_counter()
            response = client.get(path)
            samples[path].append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
    return [statistics.median(samples[path]) * 1000 for path in paths]


def report(name: str, value: float, bare: float, target: float) -> bool:
    ratio = value / bare
    ok = ratio < target
    print(f"  {name:<40} median {value:7.2f} ms  = {ratio:5.2f}x bare "
          f"(target under {target:g}x) {'OK' if ok else 'TOO SLOW'}")
    return ok
