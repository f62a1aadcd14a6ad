"""Questionnaires: answering anonymously, paper entry, CSV in and out, results, the API
and the factsheet, each checked against figures worked out by hand."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.impact.factories import ChangeStoryFactory, QuestionFactory, QuestionnaireFactory
from wijkkracht.impact import results, services
from wijkkracht.impact.models import Question, Response
from wijkkracht.impact.responses import export_csv, import_csv

pytestmark = pytest.mark.django_db

KEYS = ["leren-kennen", "praatje", "klusjes"]


@pytest.fixture
def survey(organisation):
    story = ChangeStoryFactory(organisation=organisation)
    questionnaire = QuestionnaireFactory(
        organisation=organisation, story=story, languages=["nl", "ar"]
    )
    for position, key in enumerate(KEYS):
        QuestionFactory(
            questionnaire=questionnaire,
            key=key,
            position=position,
            text=f"Stelling {key}",
            translations={"ar": f"عبارة {key}"},
        )
    QuestionFactory(
        questionnaire=questionnaire, key="wel-of-niet", position=3, kind=Question.Kind.YES_NO
    )
    QuestionFactory(questionnaire=questionnaire, key="open", position=4, kind=Question.Kind.OPEN)
    return questionnaire


def constructed_csv() -> str:
    """111 rows. leren-kennen: 30×5, 51×4, 20×3, 6×2, 2×1, 2×dk.
    praatje: 40×4, 40×3, 31 empty. klusjes: 1×5, 24×2, 86×dk."""
    lines = [",".join([*KEYS, "wel-of-niet", "open"])]
    first = ["5"] * 30 + ["4"] * 51 + ["3"] * 20 + ["2"] * 6 + ["1"] * 2 + ["dk"] * 2
    second = ["4"] * 40 + ["3"] * 40 + [""] * 31
    third = ["5"] + ["2"] * 24 + ["dk"] * 86
    yes_no = ["yes"] * 70 + ["no"] * 41
    for i in range(111):
        text = '"Gezellig, echt"' if i == 0 else ""
        lines.append(",".join([first[i], second[i], third[i], yes_no[i], text]))
    return "\n".join(lines) + "\n"


# Worked out by hand from the rows above.
EXPECTED = {
    # (answers incl. dk, dk, share agreeing = (4+5) / (answers − dk))
    "leren-kennen": (111, 2, 74),  # 81 / 109 = 74.3 %
    "praatje": (80, 0, 50),  # 40 / 80
    "klusjes": (111, 86, 4),  # 1 / 25
}


def test_a_csv_of_111_responses_gives_the_hand_computed_figures(survey):
    report = import_csv(survey, constructed_csv().encode())
    assert report.ok and report.imported == 111
    rows = {row.question.key: row for row in results.results(survey)}
    for key, (answers, dont_know, share) in EXPECTED.items():
        assert (rows[key].answers, rows[key].dont_know, rows[key].share_agreeing) == (
            answers,
            dont_know,
            share,
        ), key
    assert rows["leren-kennen"].counts == {"1": 2, "2": 6, "3": 20, "4": 51, "5": 30, "dk": 2}
    assert rows["wel-of-niet"].counts == {"yes": 70, "no": 41}
    assert rows["open"].texts == ["Gezellig, echt"]


def test_the_api_and_the_factsheet_pdf_give_the_same_figures(client, survey, member):
    import_csv(survey, constructed_csv())
    url = f"/api/v1/questionnaires/{survey.pk}/results"
    assert client.get(url).status_code == 404  # private until published
    client.force_login(member)
    data = client.get(url).json()
    by_key = {q["key"]: q for q in data["questions"]}
    for key, (answers, dont_know, share) in EXPECTED.items():
        assert (
            by_key[key]["answers"],
            by_key[key]["dont_know"],
            by_key[key]["share_agreeing"],
        ) == (answers, dont_know, share)
    assert "open" not in by_key  # open answers could point to a person
    assert [q["id"] for q in client.get("/api/v1/questionnaires").json()["items"]] == [survey.pk]
    services.set_results_public(survey, True)  # only published figures are on the factsheet
    pdf = client.get(
        reverse("impact:factsheet", args=[survey.organisation.slug, survey.story.pk]),
        {"format": "pdf"},
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for key, (_answers, _dk, share) in EXPECTED.items():
        assert f"Stelling {key}" in text and f"{share}%" in text
    client.logout()
    assert client.get(url).json()["questions"][0]["share_agreeing"] == 74


def test_a_bad_row_imports_nothing_and_is_named(survey):
    data = constructed_csv().splitlines()
    data[6] = data[6].replace("5,", "7,", 1)  # row 7 as a spreadsheet counts
    report = import_csv(survey, "\n".join(data))
    assert not report.ok and survey.responses.count() == 0
    assert [(p.row, p.column) for p in report.problems] == [(7, "leren-kennen")]
    report = import_csv(survey, "leren-kennen,onbekend\n1,2\n")
    assert [(p.row, p.column) for p in report.problems] == [(1, "onbekend")]


def test_export_then_import_gives_the_same_answers(survey, organisation):
    import_csv(survey, constructed_csv())
    copy = QuestionnaireFactory(organisation=organisation)
    for question in survey.questions.all():
        question.pk, question.questionnaire = None, copy
        question.save()
    assert import_csv(copy, export_csv(survey)).ok
    assert sorted(map(str, copy.responses.values_list("answers", flat=True))) == sorted(
        map(str, survey.responses.values_list("answers", flat=True))
    )


def test_the_command_does_the_same_as_the_page(tmp_path, survey):
    path = tmp_path / "antwoorden.csv"
    path.write_text(constructed_csv(), encoding="utf-8")
    call_command("import_responses", str(survey.pk), str(path))
    assert survey.responses.count() == 111
    path.write_text("leren-kennen\nveel\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_responses", str(survey.pk), str(path))
    assert survey.responses.count() == 111


def test_fewer_than_five_answers_are_not_shown(client, survey, member):
    for value in ["5", "4", "1", "dk"]:
        services.record(survey, {"leren-kennen": value})
    row = next(r for r in results.results(survey) if r.question.key == "leren-kennen")
    assert row.hidden
    client.force_login(member)
    data = client.get(f"/api/v1/questionnaires/{survey.pk}/results").json()
    first = data["questions"][0]
    assert first["hidden"] and first["counts"] == {} and first["share_agreeing"] is None


def test_answering_needs_no_account_and_keeps_nothing_about_who(client, survey):
    url = reverse("impact:answer", args=[survey.token])
    page = client.get(url, {"taal": "ar"})
    assert "عبارة praatje" in page.content.decode()
    response = client.post(
        url,
        {"leren-kennen": "4", "praatje": "dk", "open": "Fijn"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Telefoon 1",
    )
    assert response.status_code == 200
    stored = Response.objects.get()
    assert stored.answers == {"leren-kennen": "4", "praatje": "dk", "open": "Fijn"}
    # Only how it came in (online, paper, a file), nothing about who.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "questionnaire",
        "answers",
        "source",
    }
    assert stored.source == Response.Source.ONLINE
    assert client.post(url, {"leren-kennen": "9"}).status_code == 400


def test_a_closed_questionnaire_says_so(client, survey):
    survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.save()
    response = client.get(reverse("impact:answer", args=[survey.token]))
    assert response.status_code == 410 and "gesloten" in response.content.decode()


def test_paper_forms_are_keyed_in_with_digits(client, survey, member):
    client.force_login(member)
    url = reverse("impact:paper", args=[survey.organisation.slug, survey.pk])
    client.post(
        url,
        {
            "q_leren-kennen": "5",
            "q_praatje": "0",
            "q_klusjes": "",
            "q_wel-of-niet": "2",
            "q_open": "Goed",
        },
    )
    assert Response.objects.get().answers == {
        "leren-kennen": "5",
        "praatje": "dk",
        "wel-of-niet": "no",
        "open": "Goed",
    }
    assert client.post(url, {"q_leren-kennen": "8"}).status_code == 400


def test_outsiders_find_nothing(client, survey, outsider):
    client.force_login(outsider)
    slug = survey.organisation.slug
    for name, args in [
        ("overview", [slug]),
        ("questionnaire", [slug, survey.pk]),
        ("results", [slug, survey.pk]),
        ("export", [slug, survey.pk]),
        ("paper", [slug, survey.pk]),
        ("outputs", [slug]),
        ("factsheet", [slug, survey.story.pk]),
    ]:
        assert client.get(reverse(f"impact:{name}", args=args)).status_code == 404, name
    assert (
        client.get(
            reverse("impact:public_factsheet", args=[survey.story.factsheet_token])
        ).status_code
        == 404
    )


def test_a_withdrawn_factsheet_link_stops_working(client, survey):
    services.publish_factsheet(survey.story)
    url = reverse("impact:public_factsheet", args=[survey.story.factsheet_token])
    assert client.get(url).status_code == 200
    services.withdraw_factsheet(survey.story)
    assert client.get(url).status_code == 404


def test_the_group_picks_quotes_from_the_open_answers(client, survey, admin):
    for text in ["Hier voel ik me thuis.", "Gezellig", "Warm", "Fijn", "Goed"]:
        services.record(survey, {"open": text})  # five people: their answers may be shown
    client.force_login(admin)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Hier voel ik me thuis." in page
    client.post(
        reverse("impact:add_quote", args=[survey.organisation.slug, survey.pk]),
        {"text": "Hier voel ik me thuis."},
    )
    assert list(survey.quotes.values_list("text", flat=True)) == ["Hier voel ik me thuis."]
    services.set_results_public(survey, True)
    factsheet = client.get(
        reverse("impact:factsheet", args=[survey.organisation.slug, survey.story.pk])
    )
    assert "Hier voel ik me thuis." in factsheet.content.decode()


def test_the_group_adds_its_own_multiple_choice_question(client, survey, member):
    client.force_login(member)
    url = reverse("impact:add_question", args=[survey.organisation.slug, survey.pk])
    assert (
        client.post(
            url, {"kind": "choice", "text": "Hoe kwam je hier?", "choices": "Via een buurvrouw"}
        ).status_code
        == 400
    )
    client.post(
        url,
        {
            "kind": "choice",
            "text": "Hoe kwam je hier?",
            "choices": "Via een buurvrouw\nVia de krant",
        },
    )
    question = survey.questions.get(text="Hoe kwam je hier?")
    assert question.choices == ["Via een buurvrouw", "Via de krant"]
    answer = reverse("impact:answer", args=[survey.token])
    client.post(answer, {question.key: "Via de krant"})
    row = next(r for r in results.results(survey) if r.question == question)
    assert row.counts == {"Via een buurvrouw": 0, "Via de krant": 1}
