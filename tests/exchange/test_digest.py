"""The daily digest run twice at the same moment still gives each person one mail."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tests.threads import run_together
from wijkkracht.core.models import OutgoingMail
from wijkkracht.exchange import services
from wijkkracht.exchange.models import Challenge


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_give_each_person_one_mail():
    author = MembershipFactory().user
    Challenge.objects.create(
        author=author,
        organisation=author.memberships.get().organisation,
        title="Hoe vinden we een zaal?",
        description="Alles is vol.",
    )
    readers = [UserFactory(email=f"lezer{n}@example.org") for n in range(6)]
    for reader in readers:
        services.subscribe(reader, True)
    now = timezone.now() + timedelta(minutes=1)
    outcomes = run_together(lambda: services.send_digests(now), lambda: services.send_digests(now))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(outcomes) == len(readers)
    to = sorted(r for m in OutgoingMail.objects.all() for r in m.recipients)
    assert to == sorted(reader.email for reader in readers)
