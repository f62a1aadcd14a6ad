"""Small numbers stay hidden: a figure is shown only when at least 5 people gave the
opinion it is built on ("weet niet" and empty do not count), on every surface; open
answers of fewer than 5 people stay hidden too."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.impact.factories import ChangeStoryFactory, QuestionFactory, QuestionnaireFactory
from wijkkracht.impact import results, services
from wijkkracht.impact.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(organisation):
    story = ChangeStoryFactory(organisation=organisation, factsheet_public=True)
    questionnaire = QuestionnaireFactory(
        organisation=organisation, story=story, results_public=True
    )
    QuestionFactory(
        questionnaire=questionnaire, key="weinig", position=0, text="Stelling met vier meningen"
    )
    QuestionFactory(
        questionnaire=questionnaire, key="genoeg", position=1, text="Stelling met vijf meningen"
    )
    QuestionFactory(questionnaire=questionnaire, key="open", position=2, kind=Question.Kind.OPEN)
    # "weinig": 4 opinions and 3 × weet niet (7 answers); "genoeg": 5 opinions, 2 × dk.
    for weinig, genoeg in [
        ("5", "5"),
        ("5", "4"),
        ("4", "4"),
        ("2", "2"),
        ("dk", "1"),
        ("dk", "dk"),
        ("dk", "dk"),
    ]:
        services.record(questionnaire, {"weinig": weinig, "genoeg": genoeg})
    return questionnaire


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_weet_niet_does_not_count_towards_five(survey):
    rows = {row.question.key: row for row in results.results(survey)}
    assert rows["weinig"].answers == 7 and rows["weinig"].hidden
    assert not rows["genoeg"].hidden and rows["genoeg"].share_agreeing == 60  # 3 of 5


def test_the_api_hides_a_figure_of_four_opinions(client, survey):
    data = client.get(f"/api/v1/questionnaires/{survey.pk}/results").json()
    by_key = {q["key"]: q for q in data["questions"]}
    assert by_key["weinig"]["hidden"] and by_key["weinig"]["share_agreeing"] is None
    assert by_key["weinig"]["counts"] == {} and by_key["weinig"]["dont_know"] == 0
    assert not by_key["genoeg"]["hidden"] and by_key["genoeg"]["share_agreeing"] == 60


def test_the_results_page_hides_a_figure_of_four_opinions(client, survey):
    html = client.get(
        reverse("impact:results", args=[survey.organisation.slug, survey.pk])
    ).content.decode()
    assert "75% eens" not in html  # 3 of 4 agree: not to be shown
    assert "60% eens" in html
    assert "Te weinig meningen om te tonen" in html


def test_the_factsheet_and_pdf_hide_a_figure_of_four_opinions(client, survey):
    url = reverse("impact:public_factsheet", args=[survey.story.factsheet_token])
    html = client.get(url).content.decode()
    assert "Stelling met vier meningen" not in html and "Stelling met vijf meningen" in html
    pdf = _pdf_text(client.get(url, {"format": "pdf"}))
    assert "vier meningen" not in pdf and "vijf meningen" in pdf


def test_open_answers_of_fewer_than_five_people_stay_hidden(client, survey, admin):
    for text in ["Gezellig", "Fijn", "Warm", "Thuis"]:
        services.record(survey, {"open": text})
    client.force_login(admin)
    results_url = reverse("impact:results", args=[survey.organisation.slug, survey.pk])
    assert "Gezellig" not in client.get(results_url).content.decode()
    assert "Gezellig" not in client.get(survey.get_absolute_url()).content.decode()
    services.record(survey, {"open": "Mijn plek"})
    assert "Gezellig" in client.get(results_url).content.decode()
    assert "Gezellig" in client.get(survey.get_absolute_url()).content.decode()
