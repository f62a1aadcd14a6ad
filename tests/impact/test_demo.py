"""The demo: the magazine's three initiatives and Het Badhuis's resident survey, whose
shares agreeing must come out exactly as the magazine reports them."""

from fractions import Fraction

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.source_facts import facts
from wijkkracht.impact import results
from wijkkracht.impact.models import ChangeStory, Questionnaire
from wijkkracht.organisations.models import Organisation

# Statement key → how the magazine words the share ("ruim 73", "bijna 70", …).
REPORTED = {
    "leren-kennen": "73",
    "praatje": "70",
    "samen-leuke-dingen": "59",
    "verbonden": "90",
    "welkom": "86",
    "klusjes": "23",
    "weten-wie": "37",
    "hulp-vragen": "41",
    "nieuwe-vaardigheden": "42",
    "talenten-inzetten": "53",
    "uitproberen": "65",
    "zelfvertrouwen": "45",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_impact")


def test_the_three_initiatives_have_change_stories(demo):
    names = set(Organisation.objects.filter(is_demo=True).values_list("name", flat=True))
    assert {"Het Badhuis (demo)", "De Sleutel (demo)", "Buurttuin Kempenaar (demo)"} <= names
    for story in ChangeStory.objects.all():
        assert story.effects.exists() and story.target_groups and story.contributes_to


def test_the_badhuis_survey_matches_the_magazine(demo):
    magazine = facts("magazine")
    assert 111 in magazine["badhuis_respondents"]
    assert {int(percent) for percent in REPORTED.values()} <= set(magazine["percents"])
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    assert survey.responses.count() == 111 and survey.results_public
    shares = {
        row.question.key: row.share_agreeing
        for row in results.results(survey)
        if row.question.kind == "scale"
    }
    assert shares == {key: int(value) for key, value in REPORTED.items()}


# Statement key → the magazine's word and number: "ruim 73" is above 73, "bijna 70" under 70.
WORDED = {
    "leren-kennen": ("ruim", 73),
    "praatje": ("bijna", 70),
    "verbonden": ("bijna", 90),
    "uitproberen": ("bijna", 65),
}


def test_the_badhuis_shares_lie_on_the_side_the_magazine_says(demo):
    worded = facts("magazine")["worded_percents"]
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    rows = {row.question.key: row for row in results.results(survey)}
    for key, (word, percent) in WORDED.items():
        assert f"{word} {percent}" in worded, (word, percent)
        row = rows[key]
        agreeing = row.counts.get("4", 0) + row.counts.get("5", 0)
        exact = Fraction(agreeing * 100, row.answers - row.dont_know)
        assert row.share_agreeing == percent
        assert (exact > percent) if word == "ruim" else (exact < percent), (key, float(exact))


def test_loading_twice_changes_nothing(demo):
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    before = sorted(map(str, survey.responses.values_list("answers", flat=True)))
    call_command("load_demo_impact")
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    assert sorted(map(str, survey.responses.values_list("answers", flat=True))) == before
    assert Questionnaire.objects.filter(organisation__slug="het-badhuis-demo").count() == 1


def test_the_public_factsheet_shows_the_figures(client, demo):
    story = ChangeStory.objects.get(organisation__slug="het-badhuis-demo")
    page = client.get(f"/factsheet/{story.factsheet_token}/").content.decode()
    assert "73%" in page and "Het Badhuis" in page
    api = client.get("/api/v1/questionnaires").json()["items"]
    assert any(item["organisation"] == "Het Badhuis (demo)" for item in api)


def test_the_story_editor_shows_the_initiatives_as_examples(client, demo, member):
    client.force_login(member)
    page = client.get(
        reverse("impact:new_story", args=[member.memberships.first().organisation.slug])
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Zo deden anderen het" in html
    badhuis = ChangeStory.objects.get(organisation__slug="het-badhuis-demo")
    assert badhuis.problem.split()[0] in html and "Het Badhuis (demo)" in html
