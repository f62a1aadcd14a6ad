"""The answer tally: results read from the counts must be what anyone would work out from
the stored responses, however the responses came in (one by one, an import, many at the
same moment), after a failed import, the migration's backfill, a question that changed, a
reloaded demo or a deleted questionnaire."""

import importlib
import re
import uuid
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory
from tests.impact.factories import QuestionFactory, QuestionnaireFactory
from tests.threads import run_together
from wijkkracht.impact import results as impact_results
from wijkkracht.impact import services, tallies
from wijkkracht.impact.models import AnswerTally, Question, Questionnaire, Response
from wijkkracht.impact.responses import NothingAnswered, import_csv, record_many
from wijkkracht.organisations.models import Organisation

CHOICES = ["Via de krant", "Via een buur"]
ALLOWED = {
    "scale": ["1", "2", "3", "4", "5", "dk"],
    "yes_no": ["yes", "no"],
    "choice": CHOICES,
    "open": [],
}
MORE = "Er zijn nog {n} antwoorden die hier niet staan."


def make_survey(organisation, title="Buurtvragenlijst") -> Questionnaire:
    questionnaire = QuestionnaireFactory(organisation=organisation, title=title)
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


@pytest.fixture
def survey(organisation):
    return make_survey(organisation)


def half_up_percent(part: int, whole: int) -> int:
    return (part * 200 + whole) // (2 * whole)


def reference(questionnaire: Questionnaire) -> list[tuple]:
    """Worked out the plain way, from every stored response: per question the stripped,
    non-empty values."""
    stored = list(
        Response.objects.filter(questionnaire=questionnaire).values_list("answers", flat=True)
    )
    rows = []
    for question in Question.objects.filter(questionnaire=questionnaire).order_by("position", "pk"):
        given = [str(answers.get(question.key, "")).strip() for answers in stored]
        given = [value for value in given if value]
        if question.kind == "open":
            counts, dont_know, share = {}, 0, None
        else:
            allowed = (
                ALLOWED[question.kind]
                if question.kind != "choice"
                else [str(choice) for choice in question.choices]
            )
            counts = {value: given.count(value) for value in allowed}
            dont_know = counts.get("dk", 0)
            valid = len(given) - dont_know
            share = (
                half_up_percent(counts["4"] + counts["5"], valid)
                if question.kind == "scale" and valid
                else None
            )
        rows.append(
            (
                question.key,
                len(given),
                counts,
                dont_know,
                share,
                len(given) - dont_know < impact_results.MIN_ANSWERS,
            )
        )
    return rows


def shown(questionnaire: Questionnaire) -> list[tuple]:
    return [
        (row.question.key, row.answers, row.counts, row.dont_know, row.share_agreeing, row.hidden)
        for row in impact_results.results(questionnaire)
    ]


def assert_in_step(questionnaire: Questionnaire) -> None:
    assert shown(questionnaire) == reference(questionnaire)
    assert tallies.responses(questionnaire) == questionnaire.responses.count()


def some_answers(n: int, offset: int = 0) -> list[dict]:
    scale = ["1", "2", "3", "4", "5", "dk", "4", "5"]
    return [
        {
            "leren-kennen": scale[(i + offset) % 8],
            "praatje": scale[(i * 3 + offset) % 8],
            "vaker": ["yes", "no"][i % 2],
            "hoe": CHOICES[i % 2],
            "open": f"Tekst {offset}-{i}",
        }
        for i in range(n)
    ]


# 1. Random responses, counted the way the results are worked out by hand.


def record_unless_empty(questionnaire: Questionnaire, answers: dict) -> None:
    """One response; one without any answer to a question is refused, stored nor counted."""
    before = questionnaire.responses.count()
    try:
        services.record(questionnaire, answers)
    except NothingAnswered:
        assert questionnaire.responses.count() == before


def padded(values):
    """A value as people give it: sometimes with spaces around it."""
    return st.tuples(
        st.sampled_from(["", " ", "  "]), st.sampled_from(values), st.sampled_from(["", " ", "\t"])
    ).map("".join)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
VALUE = {
    "leren-kennen": padded(["1", "2", "3", "4", "5", "dk"]) | st.sampled_from(["", " "]),
    "praatje": padded(["1", "2", "3", "4", "5", "dk", "DK"]) | st.sampled_from(["", "  "]),
    "vaker": padded(["yes", "no"]) | st.just(""),
    "hoe": padded(CHOICES) | st.just(""),
    "open": TEXT | padded(["Gezellig", "Fijn dat het er is"]),
    "onbekend": padded(["4", "dk", "yes"]),  # not a question of this questionnaire
    "": padded(["5"]),
}
ANSWERS = st.fixed_dictionaries({}, optional=VALUE)
BATCHES = st.lists(
    st.tuples(st.sampled_from(["one by one", "in one go"]), st.lists(ANSWERS, max_size=8)),
    max_size=5,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=BATCHES)
def test_results_equal_a_count_of_the_stored_responses(organisation, batches):
    questionnaire = make_survey(organisation)
    for way, rows in batches:
        if way == "one by one":
            for answers in rows:
                record_unless_empty(questionnaire, answers)
        else:
            record_many(questionnaire, rows)
    assert_in_step(questionnaire)
    # A member reads the open texts themselves: all of them, while there are few.
    texts = sorted(
        str(answers.get("open", "")).strip()
        for answers in questionnaire.responses.values_list("answers", flat=True)
    )
    open_row = [row for row in impact_results.results(questionnaire) if row.question.key == "open"][
        0
    ]
    assert sorted(open_row.texts) == [text for text in texts if text]


def test_a_scale_answer_with_spaces_counts_as_that_answer(survey):
    for value in [" 4", "4 ", "5", "5", " dk ", "3", "4", "  "]:
        record_unless_empty(survey, {"leren-kennen": value})
    assert survey.responses.count() == 7  # the blank one is no response
    row = shown(survey)[0]
    assert row == (
        "leren-kennen",
        7,
        {"1": 0, "2": 0, "3": 1, "4": 3, "5": 2, "dk": 1},
        1,
        83,
        False,
    )  # 5 of 6 opinions agree
    assert_in_step(survey)


# 2. A failed import changes nothing.


def results_api(client, questionnaire):
    return client.get(f"/api/v1/questionnaires/{questionnaire.pk}/results").json()


def test_an_import_with_a_bad_row_halfway_changes_neither_responses_nor_figures(
    client, survey, member
):
    record_many(survey, some_answers(12))
    client.force_login(member)
    before_api = results_api(client, survey)
    before_tally = sorted(
        AnswerTally.objects.filter(questionnaire=survey).values_list(
            "question_key", "value", "count"
        )
    )
    good = "\n".join(["4,yes,Mooi"] * 20)
    csv = f"leren-kennen,vaker,open\n{good}\n9,yes,Fout\n{good}\n".encode()
    response = client.post(
        reverse("impact:import", args=[survey.organisation.slug, survey.pk]),
        {"file": SimpleUploadedFile("antwoorden.csv", csv, "text/csv")},
    )
    assert response.status_code == 400
    assert "rij 22" in response.content.decode()
    assert survey.responses.count() == 12
    assert (
        sorted(
            AnswerTally.objects.filter(questionnaire=survey).values_list(
                "question_key", "value", "count"
            )
        )
        == before_tally
    )
    assert results_api(client, survey) == before_api
    assert before_api["responses"] == 12
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "12 keer ingevuld" in page
    assert_in_step(survey)


def test_an_import_that_fails_while_storing_leaves_responses_and_figures_as_they_were(
    client, survey, member, monkeypatch
):
    """The rows are fine but the database gives up after the responses went in."""
    record_many(survey, some_answers(7))
    client.force_login(member)
    before = results_api(client, survey)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tallies, "_write", broken)
    with pytest.raises(RuntimeError):
        import_csv(survey, "leren-kennen,vaker\n" + "5,yes\n" * 30)
    monkeypatch.undo()
    assert survey.responses.count() == 7
    assert results_api(client, survey) == before
    assert_in_step(survey)


def test_a_good_import_is_counted(client, survey, member):
    record_many(survey, some_answers(3))
    client.force_login(member)
    csv = b"leren-kennen,praatje,open\n" + b"5, dk ,Fijn\n4,,\n" * 5
    response = client.post(
        reverse("impact:import", args=[survey.organisation.slug, survey.pk]),
        {"file": SimpleUploadedFile("a.csv", csv, "text/csv")},
    )
    assert response.status_code == 302
    data = results_api(client, survey)
    assert data["responses"] == 13
    assert data["questions"][0]["counts"]["5"] == 5  # the three before gave 1, 2 and 3
    assert_in_step(survey)


# 3. Many people at the same moment.


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(2))
def test_people_answering_at_the_same_moment_are_all_counted(organisation, attempt):
    survey = make_survey(organisation)

    def answer_one_by_one(offset):
        for answers in some_answers(4, offset):
            services.record(Questionnaire.objects.get(pk=survey.pk), answers)
        return "done"

    outcomes = run_together(*[(lambda o=o: answer_one_by_one(o)) for o in range(8)])
    assert outcomes == ["done"] * 8, outcomes
    assert survey.responses.count() == 32
    assert_in_step(survey)


@pytest.mark.django_db(transaction=True)
def test_imports_and_answers_at_the_same_moment_are_all_counted(organisation):
    survey = make_survey(organisation)

    def import_some(offset):
        record_many(Questionnaire.objects.get(pk=survey.pk), some_answers(25, offset))
        return "done"

    def answer_some(offset):
        for answers in some_answers(3, offset):
            services.record(Questionnaire.objects.get(pk=survey.pk), answers)
        return "done"

    outcomes = run_together(
        *[(lambda o=o: import_some(o)) for o in range(3)],
        *[(lambda o=o: answer_some(o)) for o in range(3)],
    )
    assert outcomes == ["done"] * 6, outcomes
    assert survey.responses.count() == 3 * 25 + 3 * 3
    assert_in_step(survey)


# 4. The migration's backfill.

backfill = importlib.import_module("wijkkracht.impact.migrations.0002_answer_tally").backfill


def test_the_backfill_gives_the_same_results_as_the_tally_kept_along(survey, organisation):
    record_many(survey, some_answers(40))
    for answers in some_answers(9, offset=3):
        services.record(survey, answers)
    empty = make_survey(organisation, title="Nog niemand")
    before = shown(survey)
    AnswerTally.objects.all().delete()
    backfill(apps)
    assert shown(survey) == before
    assert tallies.responses(survey) == 49
    assert_in_step(survey)
    assert_in_step(empty)


def test_the_backfill_counts_responses_stored_before_there_was_a_tally(survey):
    Response.objects.bulk_create(
        [Response(questionnaire=survey, answers=answers) for answers in some_answers(30)]
    )
    assert tallies.responses(survey) == 0  # stored around the tally, as before the migration
    backfill(apps)
    assert tallies.responses(survey) == 30
    assert_in_step(survey)
    backfill(apps)  # running it again counts nothing twice
    assert_in_step(survey)


def test_the_backfill_works_with_the_migrations_own_models(survey):
    Response.objects.bulk_create(
        [Response(questionnaire=survey, answers=answers) for answers in some_answers(12)]
    )
    state = MigrationLoader(connection).project_state(("impact", "0002_answer_tally"))
    backfill(state.apps)
    assert_in_step(survey)


# 5. A question that changes under existing responses.


@pytest.fixture
def answered(survey):
    rows = some_answers(20)
    for i, row in enumerate(rows):
        row["oud"] = ["3", "4", "dk", " 5 "][i % 4]  # a key the questionnaire lost once
    record_many(survey, rows)
    return survey


def test_a_statement_turned_into_an_open_question_is_counted_anew(
    answered, django_capture_on_commit_callbacks
):
    question = answered.questions.get(key="praatje")
    with django_capture_on_commit_callbacks(execute=True):
        question.kind = Question.Kind.OPEN
        question.save()
    assert_in_step(answered)
    # Counted as an open question now: one count of the texts, not one per scale point.
    assert list(
        AnswerTally.objects.filter(questionnaire=answered, question_key="praatje").values_list(
            "value", "count"
        )
    ) == [("", 20)]


def test_an_open_question_turned_into_a_statement_is_counted_anew(
    answered, django_capture_on_commit_callbacks
):
    services.record(answered, {"open": "4"})
    question = answered.questions.get(key="open")
    with django_capture_on_commit_callbacks(execute=True):
        question.kind = Question.Kind.SCALE
        question.save()
    assert_in_step(answered)
    assert shown(answered)[-1][2]["4"] == 1


def test_a_question_whose_key_changes_counts_the_answers_under_its_new_key(
    answered, django_capture_on_commit_callbacks
):
    question = answered.questions.get(key="praatje")
    with django_capture_on_commit_callbacks(execute=True):
        question.key = "oud"
        question.save()
    assert_in_step(answered)
    assert shown(answered)[1][1] == 20


def test_a_question_added_or_removed_under_existing_responses_is_counted(
    answered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Question.objects.create(questionnaire=answered, key="oud", text="Oud", position=9)
    assert_in_step(answered)
    with django_capture_on_commit_callbacks(execute=True):
        answered.questions.get(key="leren-kennen").delete()
    assert_in_step(answered)
    assert not AnswerTally.objects.filter(
        questionnaire=answered, question_key="leren-kennen"
    ).exists()


def test_a_changed_text_alone_keeps_the_figures(answered, django_capture_on_commit_callbacks):
    before = shown(answered)
    question = answered.questions.get(key="praatje")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        question.text = "Nieuwe tekst"
        question.save()
    assert callbacks == []
    assert shown(answered) == before


@pytest.mark.django_db(transaction=True)
def test_a_kind_changed_in_a_real_transaction_is_counted_after_commit(organisation):
    survey = make_survey(organisation)
    record_many(survey, some_answers(15))
    for text in ["4", " 5", "Fijn", "4"]:
        services.record(survey, {"open": text})
    question = survey.questions.get(key="open")
    question.kind = Question.Kind.SCALE
    question.save()
    assert_in_step(survey)
    assert shown(survey)[-1][2]["4"] == 2


class FormFields(HTMLParser):
    """The values a browser would send for the change form on an admin page."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


@pytest.mark.django_db(transaction=True)
def test_a_kind_changed_in_the_admin_is_counted_after_the_save(client, organisation):
    survey = make_survey(organisation)
    record_many(survey, some_answers(15))
    for text in ["4", " 5", "Fijn", "4", "dk"]:
        services.record(survey, {"open": text})
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:impact_questionnaire_change", args=[survey.pk])
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    data = {name: value for name, value in parser.data.items() if "__prefix__" not in name}
    index = next(
        name.split("-")[1]
        for name, value in data.items()
        if name.endswith("-key") and value == "open"
    )
    data[f"questions-{index}-kind"] = "scale"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert survey.questions.get(key="open").kind == "scale"
    assert_in_step(survey)
    assert shown(survey)[-1][2]["4"] == 2


# 6. Open answers: at most 50 shown, the rest counted.


def with_ids(questionnaire, texts_in_id_order: list[str]) -> None:
    """Responses whose random ids put them in this order, counted as the migration would."""
    Response.objects.bulk_create(
        [
            Response(id=uuid.UUID(int=i + 1), questionnaire=questionnaire, answers={"open": text})
            for i, text in enumerate(texts_in_id_order)
        ]
    )
    tallies.recount(questionnaire)


def test_the_results_page_shows_fifty_open_answers_and_counts_the_rest(client, survey, member):
    record_many(survey, [{"open": f"Antwoord nummer {i}"} for i in range(60)])
    client.force_login(member)
    page = client.get(reverse("impact:results", args=[survey.organisation.slug, survey.pk]))
    html = page.content.decode()
    assert html.count("Antwoord nummer ") == 50
    assert MORE.format(n=10) in html


def test_the_results_page_with_fifty_open_answers_says_nothing_more(client, survey, member):
    record_many(survey, [{"open": f"Antwoord nummer {i}"} for i in range(50)])
    client.force_login(member)
    html = client.get(
        reverse("impact:results", args=[survey.organisation.slug, survey.pk])
    ).content.decode()
    assert html.count("Antwoord nummer ") == 50
    assert "die hier niet staan" not in html and "dat hier niet staat" not in html


def test_the_results_page_says_one_more_in_the_singular(client, survey, member):
    record_many(survey, [{"open": f"Antwoord nummer {i}"} for i in range(51)])
    client.force_login(member)
    html = client.get(
        reverse("impact:results", args=[survey.organisation.slug, survey.pk])
    ).content.decode()
    assert "Er is nog 1 antwoord dat hier niet staat." in html


def test_an_outsider_sees_no_open_answers_on_published_results(client, survey, outsider):
    record_many(survey, [{"open": f"Antwoord nummer {i}"} for i in range(60)])
    services.set_results_public(survey, True)
    client.force_login(outsider)
    html = client.get(
        reverse("impact:results", args=[survey.organisation.slug, survey.pk])
    ).content.decode()
    assert "Antwoord nummer" not in html and "die hier niet staan" not in html


QUOTES = ["Gekozen een", "Gekozen twee", "Gekozen drie"]


@pytest.mark.parametrize("where", ["first", "last"])
def test_the_questionnaire_page_leaves_out_chosen_quotes_and_counts_the_rest(
    client, survey, admin, where
):
    """60 texts, 3 of them already quotes: 50 of the other 57 shown, 7 more not shown,
    wherever the random ids happen to put the chosen ones."""
    others = [f"Antwoord nummer {i}" for i in range(57)]
    with_ids(survey, QUOTES + others if where == "first" else others + QUOTES)
    for text in QUOTES:
        services.add_quote(survey, text)
    client.force_login(admin)
    html = client.get(survey.get_absolute_url()).content.decode()
    assert html.count('<input type="hidden" name="text" value="Antwoord nummer ') == 50
    assert 'name="text" value="Gekozen' not in html
    assert MORE.format(n=7) in html


def test_the_questionnaire_page_shows_fifty_of_sixty_open_answers(client, survey, admin):
    record_many(survey, [{"open": f"Antwoord nummer {i}"} for i in range(60)])
    client.force_login(admin)
    html = client.get(survey.get_absolute_url()).content.decode()
    assert html.count('<input type="hidden" name="text" value="Antwoord nummer ') == 50
    assert MORE.format(n=10) in html


# 7. The demo, loaded twice.


def demo_figures(client) -> tuple:
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    page = client.get(reverse("impact:results", args=[survey.organisation.slug, survey.pk]))
    api = results_api(client, survey)
    # The page as a reader sees it; only the form's CSRF token differs per request.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
    return page.status_code, html, api, shown(survey)


def test_loading_the_demo_twice_gives_the_same_figures(client, db):
    call_command("load_demo_impact")
    first = demo_figures(client)
    survey = Questionnaire.objects.get(organisation__slug="het-badhuis-demo")
    assert first[0] == 200 and first[2]["responses"] == 111
    assert_in_step(survey)
    call_command("load_demo_impact")
    second = demo_figures(client)
    assert second[2] == first[2]
    assert second[3] == first[3]
    assert second[1] == first[1]
    assert_in_step(survey)
    assert (
        AnswerTally.objects.filter(questionnaire=survey, question_key="", value="").get().count
        == 111
    )


# 8. Deleting questionnaires.


def test_deleting_a_questionnaire_with_responses_takes_its_tally_along(
    survey, django_capture_on_commit_callbacks
):
    record_many(survey, some_answers(10))
    other = make_survey(survey.organisation, title="Tweede")
    record_many(other, some_answers(6))
    with django_capture_on_commit_callbacks(execute=True):
        survey.delete()
    assert not AnswerTally.objects.filter(questionnaire_id=survey.pk).exists()
    assert_in_step(other)


@pytest.mark.django_db(transaction=True)
def test_deleting_a_questionnaire_in_a_real_transaction_does_not_fail(organisation):
    survey = make_survey(organisation)
    record_many(survey, some_answers(10))
    pk = survey.pk
    survey.delete()
    assert not Questionnaire.objects.filter(pk=pk).exists()
    assert not AnswerTally.objects.filter(questionnaire_id=pk).exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_the_organisation_takes_its_questionnaires_and_tallies_along(organisation):
    survey = make_survey(organisation)
    record_many(survey, some_answers(10))
    Organisation.objects.get(pk=organisation.pk).delete()
    assert not Questionnaire.objects.exists()
    assert not AnswerTally.objects.exists()
