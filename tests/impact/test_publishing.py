"""What becomes public, and who inside a group may make it so: the factsheet shows only
what the group published, and publishing or choosing quotes is for its admins."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.impact.factories import ChangeStoryFactory, QuestionFactory, QuestionnaireFactory
from wijkkracht.impact import services
from wijkkracht.impact.models import Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(organisation):
    return ChangeStoryFactory(organisation=organisation)


def _questionnaire(story, title: str, statement: str, quote: str) -> Questionnaire:
    questionnaire = QuestionnaireFactory(organisation=story.organisation, story=story, title=title)
    QuestionFactory(questionnaire=questionnaire, key="stelling", text=statement)
    for value in ["5", "4", "4", "2", "1", "4"]:
        services.record(questionnaire, {"stelling": value})
    questionnaire.quotes.create(text=quote)
    return questionnaire


@pytest.fixture
def two_surveys(story):
    published = _questionnaire(story, "Openbaar", "Ik ken meer buren", "Fijne plek")
    services.set_results_public(published, True)
    private = _questionnaire(story, "Prive", "Ik voel me eenzaam", "Alleen voor ons")
    return published, private


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_public_factsheet_shows_only_published_results_and_quotes(client, story, two_surveys):
    services.publish_factsheet(story)
    url = reverse("impact:public_factsheet", args=[story.factsheet_token])
    html = client.get(url).content.decode()
    assert "Ik ken meer buren" in html and "Fijne plek" in html
    assert "Ik voel me eenzaam" not in html and "Alleen voor ons" not in html
    pdf = _pdf_text(client.get(url, {"format": "pdf"}))
    assert "Ik ken meer buren" in pdf and "Fijne plek" in pdf
    assert "eenzaam" not in pdf and "Alleen voor ons" not in pdf


def test_the_members_preview_shows_what_will_be_public(client, story, two_surveys, admin):
    client.force_login(admin)
    html = client.get(
        reverse("impact:factsheet", args=[story.organisation.slug, story.pk])
    ).content.decode()
    assert "Ik ken meer buren" in html and "Ik voel me eenzaam" not in html


def test_the_publish_page_says_what_becomes_public(client, story, two_surveys, admin):
    client.force_login(admin)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Wat wordt openbaar?" in html
    assert "Openbaar" in html and "Prive" in html  # which questionnaires count, by name
    published, private = two_surveys
    page = client.get(private.get_absolute_url()).content.decode()
    assert "Wat wordt openbaar?" in page


# --- Who may publish (organisations/permissions.py) ------------------------------------


def _admin_actions(story, questionnaire):
    slug = story.organisation.slug
    quote = questionnaire.quotes.first()
    return {
        "publish factsheet": (
            reverse("impact:factsheet_visibility", args=[slug, story.pk]),
            {"public": "1"},
        ),
        "withdraw factsheet": (
            reverse("impact:factsheet_visibility", args=[slug, story.pk]),
            {"public": "0"},
        ),
        "publish results": (
            reverse("impact:publish", args=[slug, questionnaire.pk]),
            {"public": "1"},
        ),
        "withdraw results": (
            reverse("impact:publish", args=[slug, questionnaire.pk]),
            {"public": "0"},
        ),
        "add quote": (
            reverse("impact:add_quote", args=[slug, questionnaire.pk]),
            {"text": "Een nieuw citaat"},
        ),
        "remove quote": (
            reverse("impact:remove_quote", args=[slug, questionnaire.pk, quote.pk]),
            {},
        ),
    }


def test_a_member_may_not_publish_or_choose_quotes(client, story, two_surveys, member):
    _published, private = two_surveys
    client.force_login(member)
    for name, (url, data) in _admin_actions(story, private).items():
        assert client.post(url, data).status_code == 403, name
    story.refresh_from_db()
    private.refresh_from_db()
    assert not story.factsheet_public and not private.results_public
    assert list(private.quotes.values_list("text", flat=True)) == ["Alleen voor ons"]


def test_an_outsider_finds_nothing(client, story, two_surveys, outsider):
    client.force_login(outsider)
    for name, (url, data) in _admin_actions(story, two_surveys[1]).items():
        assert client.post(url, data).status_code == 404, name


def test_an_admin_publishes_and_chooses_quotes(client, story, two_surveys, admin):
    _published, private = two_surveys
    client.force_login(admin)
    actions = _admin_actions(story, private)
    for name in ["publish factsheet", "publish results", "add quote"]:
        url, data = actions[name]
        assert client.post(url, data).status_code == 302, name
    story.refresh_from_db()
    private.refresh_from_db()
    assert story.factsheet_public and private.results_public
    assert "Een nieuw citaat" in private.quotes.values_list("text", flat=True)
    for name in ["withdraw factsheet", "withdraw results", "remove quote"]:
        url, data = actions[name]
        assert client.post(url, data).status_code == 302, name
    story.refresh_from_db()
    private.refresh_from_db()
    assert not story.factsheet_public and not private.results_public
    assert "Alleen voor ons" not in private.quotes.values_list("text", flat=True)


def test_a_malformed_choice_is_refused_with_400(client, story, two_surveys, admin):
    client.force_login(admin)
    actions = _admin_actions(story, two_surveys[1])
    for name in ["publish factsheet", "publish results"]:
        url, _data = actions[name]
        assert client.post(url, {"public": "ja\x00"}).status_code == 400, name
        assert client.post(url, {}).status_code == 400, name
