"""Home page speed, signed in, with 1,000 organisations and 5,000 members loaded.

Prints the median time of the home page as a ratio to a bare view that passes through
the same middleware, both measured in this run with Django's test client.
Target: under 5x.

Run with `make bench` (SQLite in a temporary file) or with DATABASE_URL set.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
TMP = tempfile.mkdtemp(prefix="wijkkracht-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from wijkkracht.accounts.models import User  # noqa: E402
from wijkkracht.organisations.models import Membership, Organisation  # noqa: E402
from wijkkracht.places.models import Area  # noqa: E402

ORGANISATIONS = 1_000
MEMBERS = 5_000
ROUNDS = 1_000
TARGET = 5.0


def populate() -> User:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_places", verbosity=0)
    wijken = list(Area.objects.filter(kind=Area.Kind.WIJK))
    Organisation.objects.bulk_create(
        Organisation(name=f"Groep {n:04}", slug=f"groep-{n:04}", is_public=n % 2 == 0,
                     description_nl="Wij organiseren koffieochtenden en taalles in de wijk.")
        for n in range(ORGANISATIONS)
    )
    organisations = list(Organisation.objects.all())
    Organisation.areas.through.objects.bulk_create(
        Organisation.areas.through(organisation=o, area=wijken[i % len(wijken)])
        for i, o in enumerate(organisations)
    )
    User.objects.bulk_create(
        User(email=f"lid{n}@example.org", name=f"Lid {n}") for n in range(MEMBERS)
    )
    users = list(User.objects.all())
    Membership.objects.bulk_create(
        Membership(organisation=organisations[n % ORGANISATIONS], user=user,
                   role="admin" if n < ORGANISATIONS else "member")
        for n, user in enumerate(users)
    )
    # The person we measure is in several groups, one of which she runs.
    return users[0]


def medians_ms(client: Client, paths: list[str]) -> list[float]:
    """Median time per path; the paths take turns, so drift in the machine's speed
    touches all of them alike."""
    samples: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(ROUNDS):
        for path in paths:
            start = time.perf_counter()
            response = client.get(path)
            samples[path].append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
    return [statistics.median(samples[path]) * 1000 for path in paths]


def main() -> int:
    user = populate()
    for organisation in Organisation.objects.all()[1:4]:
        Membership.objects.create(organisation=organisation, user=user)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    with override_settings(ROOT_URLCONF="bench.bench_urls"):
        medians_ms(client, ["/bench/bare/", "/"])  # warm up
        bare, home = medians_ms(client, ["/bench/bare/", "/"])
    ratio = home / bare
    print(f"home page, signed in ({ORGANISATIONS} organisations, {MEMBERS} members)")
    print(f"  bare view through the same middleware: median {bare:.2f} ms")
    print(f"  home page:                             median {home:.2f} ms")
    verdict = "OK" if ratio < TARGET else "TOO SLOW"
    print(f"  ratio: {ratio:.2f}x (target under {TARGET:.0f}x) -> {verdict}")
    return 0 if ratio < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
