"""The three ways answers come in (online, typed from paper, a CSV file): an empty form is
refused, "weet niet" has the same codes everywhere, each response keeps its way in, and
the CSV help gives the columns and an empty file that imports back."""

import csv
import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.impact.factories import QuestionFactory, QuestionnaireFactory
from wijkkracht.impact import services, tallies
from wijkkracht.impact.forms import PaperForm
from wijkkracht.impact.models import Question, Response
from wijkkracht.impact.responses import NothingAnswered, import_csv, record_many

pytestmark = pytest.mark.django_db

CHOICES = ["Via de krant", "Via een buur"]


@pytest.fixture
def survey(organisation):
    return make_survey(organisation)


def make_survey(organisation, title="Buurtvragenlijst"):
    questionnaire = QuestionnaireFactory(
        organisation=organisation, title=title, languages=["nl", "ar"]
    )
    for position, (key, kind) in enumerate(
        [
            ("leren-kennen", "scale"),
            ("praatje", "scale"),
            ("vaker", "yes_no"),
            ("hoe", "choice"),
            ("open", "open"),
        ]
    ):
        QuestionFactory(
            questionnaire=questionnaire,
            key=key,
            kind=kind,
            position=position,
            choices=CHOICES if kind == "choice" else [],
        )
    return questionnaire


def url(name, questionnaire):
    return reverse(f"impact:{name}", args=[questionnaire.organisation.slug, questionnaire.pk])


def nothing_stored(questionnaire) -> bool:
    return questionnaire.responses.count() == 0 and tallies.responses(questionnaire) == 0


# 1. An empty form is refused.


def test_an_empty_online_form_is_refused_and_shown_again(client, survey):
    empty = {"leren-kennen": "", "praatje": "", "vaker": "", "hoe": "", "open": "  "}
    response = client.post(reverse("impact:answer", args=[survey.token]), empty)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Je hebt nog geen vraag beantwoord." in page
    assert 'name="leren-kennen"' in page  # the form again, to answer after all
    assert nothing_stored(survey)


def test_an_online_form_sent_with_nothing_at_all_is_refused(client, survey):
    response = client.post(reverse("impact:answer", args=[survey.token]), {})
    assert response.status_code == 400
    assert nothing_stored(survey)


def test_the_refusal_is_in_the_language_she_reads_the_questions_in(client, survey):
    response = client.post(reverse("impact:answer", args=[survey.token]) + "?taal=ar", {})
    assert response.status_code == 400
    with translation.override("ar"):
        expected = str(NothingAnswered.default)
    assert expected != str(NothingAnswered.default)  # there is an Arabic translation
    assert expected in response.content.decode()


def test_one_answer_is_enough_online(client, survey):
    response = client.post(reverse("impact:answer", args=[survey.token]), {"vaker": "yes"})
    assert response.status_code == 200
    assert survey.responses.get().answers == {"vaker": "yes"}
    assert tallies.responses(survey) == 1


def test_an_empty_paper_form_is_refused_and_shown_again(client, survey, member):
    client.force_login(member)
    empty = {f"q_{key}": "" for key in ["leren-kennen", "praatje", "vaker", "hoe", "open"]}
    response = client.post(url("paper", survey), {**empty, "q_open": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert str(PaperForm.NOTHING_ANSWERED) in page
    assert 'name="q_leren-kennen"' in page
    assert nothing_stored(survey)


def test_the_service_refuses_answers_to_no_question_of_this_questionnaire(survey):
    with pytest.raises(NothingAnswered):
        services.record(survey, {"onbekend": "4", "praatje": " "})
    assert nothing_stored(survey)


def test_rows_without_an_answer_are_left_out_of_a_batch(survey):
    assert record_many(survey, [{"praatje": "4"}, {}, {"praatje": ""}, {"weg": "5"}]) == 1
    assert survey.responses.count() == tallies.responses(survey) == 1


# 2. "Weet niet": 0 and dk everywhere, stored as dk.


@pytest.mark.parametrize("code", ["0", "dk", "DK"])
def test_paper_takes_both_codes_for_weet_niet(client, survey, member, code):
    client.force_login(member)
    response = client.post(url("paper", survey), {"q_leren-kennen": code, "q_praatje": "4"})
    assert response.status_code == 302
    assert survey.responses.get().answers == {"leren-kennen": "dk", "praatje": "4"}


@pytest.mark.parametrize("code", ["0", "dk", " Dk "])
def test_a_csv_takes_both_codes_for_weet_niet(survey, code):
    report = import_csv(survey, f"leren-kennen,praatje\n{code},4\n")
    assert report.ok, report.problems
    assert survey.responses.get().answers == {"leren-kennen": "dk", "praatje": "4"}


def test_a_wrong_scale_answer_names_the_documented_code(survey):
    report = import_csv(survey, "leren-kennen\n7\n")
    assert "0 (weet niet)" in str(report.problems[0])


def figures(client, questionnaire) -> list[str]:
    """What the results page shows per statement: the share and the counts per answer."""
    page = client.get(url("results", questionnaire)).content.decode()
    return re.findall(r'<p class="share">.*?</p>|<table class="counts">.*?</table>', page, re.S)


PAPER_ROWS = [  # leren-kennen, praatje, vaker
    ("5", "0", "1"),
    ("4", "0", "1"),
    ("4", "3", "2"),
    ("0", "5", "1"),
    ("2", "4", "2"),
    ("5", "4", ""),
    ("0", "0", "1"),
    ("1", "2", "2"),
]


def test_paper_with_0_and_a_csv_with_dk_give_the_same_figures(client, organisation, member):
    on_paper = make_survey(organisation, "Op papier")
    from_file = make_survey(organisation, "Uit een bestand")
    client.force_login(member)
    for first, second, yes_no in PAPER_ROWS:
        response = client.post(
            url("paper", on_paper),
            {"q_leren-kennen": first, "q_praatje": second, "q_vaker": yes_no},
        )
        assert response.status_code == 302
    lines = ["leren-kennen,praatje,vaker"]
    for first, second, yes_no in PAPER_ROWS:
        word = {"1": "ja", "2": "nee", "": ""}[yes_no]
        lines.append(",".join(["dk" if v == "0" else v for v in (first, second)] + [word]))
    response = client.post(
        url("import", from_file),
        {"file": SimpleUploadedFile("a.csv", "\n".join(lines).encode(), "text/csv")},
    )
    assert response.status_code == 302
    shown = figures(client, on_paper)
    assert shown == figures(client, from_file)
    assert "3 × weet niet" in "".join(shown)  # praatje: three times 0 on paper
    assert sorted(map(str, on_paper.responses.values_list("answers", flat=True))) == sorted(
        map(str, from_file.responses.values_list("answers", flat=True))
    )


def test_the_help_texts_name_0_for_weet_niet(client, survey, member):
    client.force_login(member)
    for name in ["paper", "import", "questionnaire"]:
        page = client.get(url(name, survey)).content.decode()
        assert "0 voor weet niet" in page or "0 is weet niet" in page, name
        assert "dk voor weet niet" not in page, name


# 3. Each response keeps its way in; the paper page counts paper forms only.


def test_each_way_in_is_kept(client, survey, member):
    client.post(reverse("impact:answer", args=[survey.token]), {"praatje": "4"})
    client.force_login(member)
    client.post(url("paper", survey), {"q_praatje": "3"})
    import_csv(survey, "praatje\n5\n2\n")
    assert sorted(survey.responses.values_list("source", flat=True)) == [
        "import",
        "import",
        "online",
        "paper",
    ]


def test_the_paper_page_counts_only_paper_forms(client, survey, member):
    for _ in range(3):
        services.record(survey, {"praatje": "4"})
    import_csv(survey, "praatje\n5\n2\n")
    Response.objects.create(questionnaire=survey, answers={"praatje": "1"})  # before: unknown
    client.force_login(member)
    assert "0 papieren formulieren ingetypt." in client.get(url("paper", survey)).content.decode()
    client.post(url("paper", survey), {"q_praatje": "3"})
    page = client.get(url("paper", survey)).content.decode()
    assert "1 papieren formulier ingetypt." in page
    assert services.paper_forms(survey) == 1
    assert survey.responses.count() == 7


migration = importlib.import_module("wijkkracht.impact.migrations.0003_response_source")


def test_the_migration_marks_demo_responses_as_imported_and_the_rest_unknown(organisation):
    demo, real = make_survey(organisation, "Demo"), make_survey(organisation, "Echt")
    demo.is_demo = True
    demo.save()
    for questionnaire in (demo, real):
        Response.objects.create(questionnaire=questionnaire, answers={"praatje": "4"})
    migration.mark_existing(apps)
    assert list(demo.responses.values_list("source", flat=True)) == ["import"]
    assert list(real.responses.values_list("source", flat=True)) == ["unknown"]


# 4. The CSV help and its empty file.


def test_the_import_page_names_each_column_and_what_it_takes(client, survey, member):
    client.force_login(member)
    response = client.get(url("import", survey))
    assert response.status_code == 200
    page = response.content.decode()
    for key in ["leren-kennen", "praatje", "vaker", "hoe", "open"]:
        assert f"<code>{key}</code>" in page
    assert "1 tot en met 5: 1 is helemaal oneens, 5 is helemaal eens. 0 is weet niet." in page
    assert "ja of nee" in page and "Via de krant" in page and "2000 tekens" in page
    assert url("template", survey) in page


def test_the_empty_file_has_the_question_keys_as_its_header(client, survey, member):
    client.force_login(member)
    response = client.get(url("template", survey))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [list(survey.questions.values_list("key", flat=True))]
    assert rows[0] == ["leren-kennen", "praatje", "vaker", "hoe", "open"]


def test_the_empty_file_filled_in_imports_back(client, survey, member):
    client.force_login(member)
    text = client.get(url("template", survey)).content.decode("utf-8")
    filled = text + "4,0,ja,Via een buur,Fijn dat het er is\r\n"
    response = client.post(
        url("import", survey),
        {"file": SimpleUploadedFile("invullen.csv", filled.encode(), "text/csv")},
    )
    assert response.status_code == 302
    assert survey.responses.get().answers == {
        "leren-kennen": "4",
        "praatje": "dk",
        "vaker": "yes",
        "hoe": "Via een buur",
        "open": "Fijn dat het er is",
    }
    assert tallies.responses(survey) == 1


def test_the_empty_file_of_a_single_question_imports_back(client, organisation, member):
    questionnaire = QuestionnaireFactory(organisation=organisation)
    QuestionFactory(questionnaire=questionnaire, key="alleen", kind=Question.Kind.SCALE)
    client.force_login(member)
    text = client.get(url("template", questionnaire)).content.decode("utf-8")
    report = import_csv(questionnaire, text + "5\r\n0\r\n")
    assert report.ok and report.imported == 2


def test_admins_open_the_help_and_the_file_too(client, survey, admin):
    client.force_login(admin)
    assert client.get(url("import", survey)).status_code == 200
    assert client.get(url("template", survey)).status_code == 200


def test_outsiders_find_neither_the_help_nor_the_file(client, survey, outsider):
    client.force_login(outsider)
    assert client.get(url("import", survey)).status_code == 404
    assert client.get(url("template", survey)).status_code == 404


def test_someone_not_signed_in_is_sent_to_sign_in(client, survey):
    response = client.get(url("template", survey))
    assert response.status_code == 302  # to sign in, nothing of the file
