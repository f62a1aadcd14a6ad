"""Odd input gets a message and a 400, never a server error or a silent cut."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.impact.factories import QuestionFactory
from wijkkracht.impact.models import Question
from wijkkracht.impact.responses import import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(organisation):
    question = QuestionFactory(
        questionnaire__organisation=organisation, key="open", kind=Question.Kind.OPEN
    )
    return question.questionnaire


def huge_csv() -> str:
    return 'open\nKort\n"' + "x" * 140_000 + '"\n'


def test_a_malformed_questionnaire_in_the_interpretation_form_is_refused(client, survey, member):
    client.force_login(member)
    url = reverse("impact:interpretation", args=[survey.organisation.slug])
    response = client.post(
        url, {"held_on": "2024-01-10", "participants": "Buurthuis", "questionnaire": "abc"}
    )
    assert response.status_code == 400 and "questionnaire" in response.context["form"].errors
    assert not survey.organisation.interpretations.exists()
    response = client.post(
        url, {"held_on": "2024-01-10", "participants": "Buurthuis", "questionnaire": str(survey.pk)}
    )
    assert response.status_code == 302
    assert survey.organisation.interpretations.get().questionnaire == survey


def test_a_cell_over_the_csv_field_limit_names_its_row(client, survey, member):
    report = import_csv(survey, huge_csv())
    assert not report.ok and [p.row for p in report.problems] == [3]
    client.force_login(member)
    url = reverse("impact:import", args=[survey.organisation.slug, survey.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("antwoorden.csv", huge_csv().encode(), "text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400 and "rij 3" in response.content.decode()
    assert survey.responses.count() == 0


def test_the_command_names_the_row_of_a_huge_cell(tmp_path, survey, capsys):
    path = tmp_path / "antwoorden.csv"
    path.write_text(huge_csv(), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_responses", str(survey.pk), str(path))
    assert "rij 3" in capsys.readouterr().err


def test_the_counts_page_takes_its_input_through_forms(client, organisation, member):
    client.force_login(member)
    url = reverse("impact:outputs", args=[organisation.slug])
    assert client.post(url, {"action": "add_counter", "label": "Bezoekers"}).status_code == 302
    assert list(organisation.counters.values_list("label", flat=True)) == ["Bezoekers"]
    assert client.post(url, {"action": "iets", "label": "X"}).status_code == 400
    assert client.post(url, {"action": "add_counter", "label": "Twee\nregels"}).status_code == 400
    assert client.get(url, {"start": "abc"}).status_code == 400


def test_a_nul_in_a_public_answer_is_refused(client, survey):
    url = reverse("impact:answer", args=[survey.token])
    assert client.post(url, {"open": "Fijn\x00"}).status_code == 400
    assert client.post(url, {"open": "x" * 2001}).status_code == 400
    assert survey.responses.count() == 0
