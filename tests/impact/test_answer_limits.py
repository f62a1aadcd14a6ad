"""A room of 100 answers one questionnaire through one Wi-Fi; a flood is refused."""

import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.urls import reverse

from tests.impact.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """The limits count in fixed windows of the clock; stop the clock the limiter reads so
    a run that straddles a minute (a slow database) does not start counting anew."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def survey(organisation):
    return QuestionFactory(questionnaire__organisation=organisation, key="fijn").questionnaire


def test_a_room_of_100_answers_through_one_address(client, survey):
    url = reverse("impact:answer", args=[survey.token])
    for _ in range(100):
        response = client.post(url, {"fijn": "5"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
    assert survey.responses.count() == 100


def test_a_flood_is_refused_with_a_clear_page(client, survey):
    url = reverse("impact:answer", args=[survey.token])
    for _ in range(120):
        client.post(url, {"fijn": "5"}, REMOTE_ADDR="203.0.113.7")
    response = client.post(url, {"fijn": "5"}, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 429 and "Wacht een minuut" in response.content.decode()
    english = client.post(url, {"fijn": "5"}, REMOTE_ADDR="203.0.113.8", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 429 and "Wait a minute" in english.content.decode()
    assert survey.responses.count() == 120
