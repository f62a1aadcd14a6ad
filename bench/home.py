"""Home page speed, signed in, with 1,000 organisations and 5,000 members loaded.

Prints the median time of the home page as a ratio to a bare view that passes through
the same middleware, both measured in this run with Django's test client. Target: under 5x.
"""

import sys

from common import client, medians_ms, migrate, report
from django.core.management import call_command
from django.test import override_settings

from wijkkracht.accounts.models import User
from wijkkracht.organisations.models import Membership, Organisation
from wijkkracht.places.models import Area

ORGANISATIONS = 1_000
MEMBERS = 5_000


def populate() -> User:
    migrate()
    call_command("load_places", verbosity=0)
    wijken = list(Area.objects.filter(kind=Area.Kind.WIJK))
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Groep {n:04}",
            slug=f"groep-{n:04}",
            is_public=n % 2 == 0,
            description_nl="Wij organiseren koffieochtenden en taalles in de wijk.",
        )
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
        Membership(
            organisation=organisations[n % ORGANISATIONS],
            user=user,
            role="admin" if n < ORGANISATIONS else "member",
        )
        for n, user in enumerate(users)
    )
    # The person we measure is in several groups, one of which she runs.
    for organisation in organisations[1:4]:
        Membership.objects.create(organisation=organisation, user=users[0])
    return users[0]


def main() -> int:
    user = populate()
    browser = client()
    browser.force_login(user)
    print(f"home page, signed in ({ORGANISATIONS} organisations, {MEMBERS} members)")
    with override_settings(ROOT_URLCONF="bench_urls"):
        medians_ms(browser, ["/bench/bare/", "/"], rounds=100)  # warm up
        bare, home = medians_ms(browser, ["/bench/bare/", "/"])
    print(f"  {'bare view through the same middleware':<40} median {bare:7.2f} ms")
    return 0 if report("home page", home, bare, 5) else 1


if __name__ == "__main__":
    sys.exit(main())
