"""Shared set-up for the benchmarks: a fresh SQLite file (or DATABASE_URL), Django, timing."""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='wijkkracht-bench-')}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 1_000


def migrate() -> None:
    call_command("migrate", verbosity=0, interactive=False)


def load_once(is_loaded: Callable[[], bool], populate: Callable[[], None]) -> str:
    """Migrate, make the data unless it is there already, and refresh the planner's
    statistics (also for a new migration's indexes); says how long and whether reused."""
    from django.db import connection

    started = time.perf_counter()
    migrate()
    loaded = is_loaded()
    if not loaded:
        populate()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return f"{'reused' if loaded else 'generated'}, {time.perf_counter() - started:.0f} s"


def client() -> Client:
    return Client(HTTP_HOST="localhost")


def medians_ms(client: Client, paths: list[str], rounds: int = ROUNDS) -> list[float]:
    """Median time per path; the paths take turns, so drift in the machine's speed
    touches all of them alike."""
    return medians_ms_of([lambda path=path: client.get(path) for path in paths], rounds)


def medians_ms_of(calls: list[Callable[[], HttpResponse]], rounds: int = ROUNDS) -> list[float]:
    """Median time per request, for any kind of request (a POST with a body, say); the
    requests take turns as in medians_ms."""
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(rounds):
        for call, timings in zip(calls, samples, strict=True):
            start = time.perf_counter()
            response = call()
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200, (
                response.request["PATH_INFO"],
                response.status_code,
            )
    return [statistics.median(timings) * 1000 for timings in samples]


def report(name: str, value: float, bare: float, target: float | None) -> bool:
    """One figure as a ratio to the bare view; without a target it is only shown."""
    ratio = value / bare
    ok = target is None or ratio < target
    verdict = (
        "(no target)"
        if target is None
        else f"(target under {target:g}x) {'OK' if ok else 'TOO SLOW'}"
    )
    print(f"  {name:<40} median {value:7.2f} ms  = {ratio:5.2f}x bare {verdict}")
    return ok


def allocation_peak(calls: list[Callable[[], HttpResponse]]) -> float:
    """Peak of Python allocations, in MB, while each call runs once."""
    import tracemalloc

    tracemalloc.start()
    for call in calls:
        call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


# --- One process per step and database: SQLite, then PostgreSQL when it answers ---------

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def postgres_ready(name: str) -> bool:
    """Create the benchmark database if PostgreSQL answers; False when it does not."""
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL is not reachable, so only SQLite: {str(error).strip()}")
        return False
    return True


def run_on_each_database(script: str, sqlite_file: Path, pg_name: str, label: str) -> int:
    """Run `script --load` and `script --measure` in fresh processes, per database, so
    each measures with its own settings and nothing left over from the load."""
    import subprocess

    started = time.perf_counter()
    sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    urls = [f"sqlite:///{sqlite_file}"] + (
        [f"{PG_SERVER}/{pg_name}"] if postgres_ready(pg_name) else []
    )
    code = 0
    for url, step in ((url, step) for url in urls for step in ("--load", "--measure")):
        env = {**os.environ, "DATABASE_URL": url}
        code |= subprocess.run([sys.executable, script, step], env=env).returncode  # noqa: S603
    print(f"{label}: {time.perf_counter() - started:.0f} s in all")
    return code


def bench_main(
    argv: list[str],
    script: str,
    load: Callable[[], None],
    measure: Callable[[], bool],
    sqlite_file: Path,
    pg_name: str,
    label: str,
) -> int:
    if "--load" in argv:
        load()
        return 0
    if "--measure" in argv:
        return 0 if measure() else 1
    return run_on_each_database(script, sqlite_file, pg_name, label)
