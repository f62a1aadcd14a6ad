"""Questionnaire results at scale: one questionnaire with 100,000 responses.

Prints, for SQLite and then PostgreSQL, the median time of the results page as a member
of the organisation sees it (figures per question, and the open answers) and of GET
/api/v1/questionnaires/<id>/results, each as a ratio to a bare view through the same
middleware, measured in interleaved rounds in the same run (target under 30x), how many
responses the results count, and the peak memory of the process that measured.

The questionnaire is made as the new-questionnaire form makes one: the three templates'
fifteen statements and an open question (services.from_templates). Its answers are
random but shaped like a real survey's: each respondent leans one way, some say "weet
niet" or skip a question, one in five writes an open answer. They go in through
responses.record_many, 5,000 at a time, so the tally is built the way an import builds
it. The data is made once and kept (var/bench/impact.sqlite3 and the PostgreSQL database
wijkkracht_bench_impact, created here), and reused while its counts match. Loading and
measuring run in processes of their own, one database at a time.
"""

import os
import random
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "var" / "bench" / "impact.sqlite3"
PG_NAME = "wijkkracht_bench_impact"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

from common import allocation_peak, bench_main, client, load_once, medians_ms_of, report  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from wijkkracht.accounts.models import User  # noqa: E402
from wijkkracht.impact import responses, services, tallies  # noqa: E402
from wijkkracht.impact.loading import templates as templates_catalogue  # noqa: E402
from wijkkracht.impact.models import ChangeStory, Effect, Question, Questionnaire  # noqa: E402
from wijkkracht.organisations.models import Membership, Organisation  # noqa: E402

RESPONSES, CHUNK = 100_000, 5_000
QUESTIONS = 16  # the templates' statements and the open question
TARGET = 30
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 300))
SLUG, EMAIL = "bench-impact", "bench-impact@example.org"
OPENING = [
    "Ik ken nu mijn buren.",
    "Gezellig, echt.",
    "Ik kom hier elke week graag.",
    "Meer activiteiten voor jongeren graag.",
    "De vrijwilligers zijn heel aardig.",
    "Ik voel me minder alleen.",
    "Ik heb Nederlands leren praten.",
    "Soms is het te druk.",
    "Dankzij de koffieochtend heb ik werk gevonden.",
    "Mijn kinderen spelen nu met de kinderen van de buren.",
]
CLOSING = [
    "",
    "",
    "Dank jullie wel!",
    "Ga zo door.",
    "Fijn dat het er is.",
    "Het zou ook op zaterdag mogen.",
    "Ik neem volgende keer mijn zus mee.",
]


# --- Making the data ---------------------------------------------------------------------


def questionnaire_for(organisation: Organisation) -> Questionnaire:
    """As the new-questionnaire form makes it: every template, an open question, and a
    story whose effects the templates measure."""
    story = ChangeStory.objects.create(
        organisation=organisation, target_groups="Buren", activities="Koffieochtend\nTaalcafé"
    )
    keys = [template["key"] for template in templates_catalogue.templates()]
    for position, template in enumerate(templates_catalogue.templates()):
        Effect.objects.create(
            story=story,
            key=template["effect"],
            position=position,
            text=templates_catalogue.label(template["title"], "nl"),
        )
    return services.from_templates(
        organisation,
        "Bewonersvragenlijst 2026",
        keys,
        story=story,
        open_question="Wat betekent het buurthuis voor jou?",
    )


def answers(rng: random.Random, questions: list[Question]) -> dict[str, str]:
    """One respondent: she leans towards agreeing or not, and answers most questions."""
    lean = rng.choice([-0.5, 0.25, 0.5, 0.5, 1])  # where her answers centre, from 3
    row = {}
    for question in questions:
        if rng.random() < 0.06:  # skipped
            continue
        if question.kind == Question.Kind.SCALE:
            if rng.random() < 0.05:
                row[question.key] = "dk"
            else:
                row[question.key] = str(min(5, max(1, round(rng.gauss(3 + lean, 1)))))
        elif rng.random() < 0.2:
            row[question.key] = f"{rng.choice(OPENING)} {rng.choice(CLOSING)}".strip()
    return row


def populate() -> None:
    rng = random.Random(525)
    with transaction.atomic():
        Organisation.objects.filter(slug=SLUG).delete()  # its questionnaires and tallies too
        User.objects.filter(email=EMAIL).delete()
        organisation = Organisation.objects.create(name="Buurthuis De Bank", slug=SLUG)
        member = User.objects.create_user(EMAIL, name="Fatima")
        Membership.objects.create(organisation=organisation, user=member)
        questionnaire = questionnaire_for(organisation)
    questions = list(questionnaire.questions.all())
    for _start in range(0, RESPONSES, CHUNK):  # as imports of 5,000 rows each
        responses.record_many(questionnaire, [answers(rng, questions) for _ in range(CHUNK)])


def bench_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(organisation__slug=SLUG).first()


def is_loaded() -> bool:
    questionnaire = bench_questionnaire()
    return (
        questionnaire is not None
        and User.objects.filter(email=EMAIL).exists()
        and questionnaire.questions.count() == QUESTIONS
        and questionnaire.responses.count() == RESPONSES
        and tallies.responses(questionnaire) == RESPONSES
    )


def load() -> None:
    how = load_once(is_loaded, populate)
    print(f"questionnaire results on {connection.vendor}: {RESPONSES} responses ({how})")


# --- Measuring -------------------------------------------------------------------------


def measure() -> bool:
    questionnaire = bench_questionnaire()
    browser = client()
    browser.force_login(User.objects.get(email=EMAIL))  # a member: she sees open answers too
    page = reverse("impact:results", args=[SLUG, questionnaire.pk])
    api = f"/api/v1/questionnaires/{questionnaire.pk}/results"
    calls = [
        lambda: browser.get("/bench/bare/"),
        lambda: browser.get(page),
        lambda: browser.get(api),
    ]
    with override_settings(ROOT_URLCONF="bench_urls"):
        medians_ms_of(calls, rounds=10)  # warm up
        bare, page_ms, api_ms = medians_ms_of(calls, rounds=ROUNDS)
        peak = allocation_peak(calls[1:])
        counted = browser.get(api).json()["responses"]
        shown = browser.get(page).content.decode().count('<li><span dir="auto">')
    print(f"  {'bare view through the same middleware':<40} median {bare:7.2f} ms")
    ok = report("results page, as a member", page_ms, bare, TARGET)
    print(f"    {questionnaire.questions.count()} questions, {shown} open answers shown")
    ok &= report("results API, as a member", api_ms, bare, TARGET)
    print(f"    counts {counted} of {RESPONSES} responses")
    ok &= counted == RESPONSES
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak memory: {rss:.0f} MB resident (the whole process), {peak:.1f} MB of "
        "Python allocations while showing the page and the API once"
    )
    return ok


if __name__ == "__main__":
    sys.exit(
        bench_main(
            sys.argv[1:],
            __file__,
            load,
            measure,
            SQLITE_FILE,
            PG_NAME,
            "questionnaire results benchmark",
        )
    )
