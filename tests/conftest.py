import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import mail_guard
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.mail_guard import SENT_INSIDE_A_REQUEST
from wijkkracht.organisations.models import Membership


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _in_dutch():
    """Every test starts in Dutch, the default: a test that switched the language (a
    request's LocaleMiddleware, translation.activate) must not change what the next one
    reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_mail_inside_a_request(settings):
    """Every test fails when a mail leaves while a request is still being answered.
    (Django's test set-up puts its own in-memory backend in; ours notes the moment.)"""
    settings.EMAIL_BACKEND = "tests.mail_guard.GuardedMailBackend"
    mail_guard.reset()
    yield
    sent, SENT_INSIDE_A_REQUEST[:] = list(SENT_INSIDE_A_REQUEST), []
    assert not sent, f"mail sent inside a request: {sent}"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Moeders van Moerwijk", slug="moeders-van-moerwijk")


@pytest.fixture
def admin(organisation):
    """Amina runs the organisation."""
    return MembershipFactory(
        organisation=organisation,
        user=UserFactory(name="Amina", email="amina@example.org"),
        role=Membership.Role.ADMIN,
    ).user


@pytest.fixture
def member(organisation):
    """Bea is an ordinary member."""
    return MembershipFactory(
        organisation=organisation, user=UserFactory(name="Bea", email="bea@example.org")
    ).user


@pytest.fixture
def outsider(db):
    """Chaima is signed in but belongs to another group."""
    return UserFactory(name="Chaima", email="chaima@example.org")
