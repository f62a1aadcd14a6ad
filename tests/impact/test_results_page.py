"""The results page draws every kind of question: statements, yes/no and multiple
choice, each answer named in the reader's language."""

import pytest
from django.urls import reverse

from tests.impact.factories import QuestionFactory, QuestionnaireFactory
from wijkkracht.impact import services
from wijkkracht.impact.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(organisation):
    questionnaire = QuestionnaireFactory(organisation=organisation, results_public=True)
    QuestionFactory(questionnaire=questionnaire, key="mee", position=0, kind=Question.Kind.YES_NO)
    QuestionFactory(
        questionnaire=questionnaire,
        key="dag",
        position=1,
        kind=Question.Kind.CHOICE,
        choices=["Maandag", "Dinsdag", "Woensdag"],
    )
    answers = [
        ("yes", "Maandag"),
        ("yes", "Dinsdag"),
        ("no", "Maandag"),
        ("yes", "Woensdag"),
        ("no", "Maandag"),
        ("yes", "Dinsdag"),
    ]
    for mee, dag in answers:
        services.record(questionnaire, {"mee": mee, "dag": dag})
    return questionnaire


def _page(client, survey, language="nl"):
    return client.get(
        reverse("impact:results", args=[survey.organisation.slug, survey.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_yes_no_and_choice_questions_are_drawn_with_their_answers_named(client, survey):
    response = _page(client, survey)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<th scope="row" dir="auto">Ja</th><td>4</td>' in page
    assert '<th scope="row" dir="auto">Nee</th><td>2</td>' in page
    assert '<th scope="row" dir="auto">Maandag</th><td>3</td>' in page
    assert page.count('<svg class="chart"') == 2
    assert 'aria-label="Ja: 4, Nee: 2"' in page


def test_yes_and_no_are_named_in_english_too(client, survey):
    page = _page(client, survey, "en").content.decode()
    assert '<th scope="row" dir="auto">Yes</th><td>4</td>' in page
    assert ">yes<" not in page
