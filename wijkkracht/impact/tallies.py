"""Counts of the answers, kept in step with the responses in the same transaction, so the
results of a questionnaire with many responses are a few rows to read, not every
response's JSON. See AnswerTally for what each row counts.

A tally is read, added to and written back under a lock on the questionnaire row
(PostgreSQL) or SQLite's IMMEDIATE write transaction, so two answers at once can neither
lose a count nor deadlock; a failed import rolls its counts back with its responses.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from .models import AnswerTally, Question, Questionnaire, Response

RESPONSES = ("", "")  # (question_key, value) of the row that counts the responses
VALUE_LENGTH = AnswerTally._meta.get_field("value").max_length
CHUNK = 2000


def value_of(raw) -> str:
    """An answer as results count it: its text without surrounding spaces, "" for none."""
    return str(raw).strip()


def tally_key(kind: str, value: str) -> str:
    """What the tally keeps of one given answer: open texts are only counted."""
    return "" if kind == Question.Kind.OPEN else value[:VALUE_LENGTH]


def count_rows(kinds: dict[str, str], rows: Iterable[dict]) -> Counter:
    """(question key, value) → how often, plus RESPONSES → how many rows."""
    counts = Counter()
    for answers in rows:
        counts[RESPONSES] += 1
        for key, raw in answers.items():
            value = value_of(raw)
            if key in kinds and value:
                counts[(key, tally_key(kinds[key], value))] += 1
    return counts


def _kinds(questionnaire_id: int) -> dict[str, str]:
    return dict(
        Question.objects.filter(questionnaire_id=questionnaire_id).values_list("key", "kind")
    )


def _lock(questionnaire_id: int) -> None:
    """Row lock on PostgreSQL; SQLite's IMMEDIATE transaction already holds the database."""
    if connection.vendor == "postgresql":
        list(
            Questionnaire.objects.select_for_update()
            .filter(pk=questionnaire_id)
            .values_list("pk", flat=True)
        )


def add(questionnaire: Questionnaire, rows: list[dict]) -> None:
    """Count these new responses; call inside the transaction that inserts them."""
    if not rows:
        return
    with transaction.atomic():
        _lock(questionnaire.pk)
        counts = count_rows(_kinds(questionnaire.pk), rows)
        stored = AnswerTally.objects.filter(questionnaire=questionnaire)
        for key, value, count in stored.values_list("question_key", "value", "count"):
            if (key, value) in counts:
                counts[(key, value)] += count
        _write(questionnaire.pk, counts)


def _write(questionnaire_id: int, counts: Counter) -> None:
    AnswerTally.objects.bulk_create(
        [
            AnswerTally(
                questionnaire_id=questionnaire_id, question_key=key, value=value, count=count
            )
            for (key, value), count in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["questionnaire", "question_key", "value"],
        update_fields=["count"],
        batch_size=500,
    )


def recount(questionnaire: Questionnaire) -> None:
    """The tally rebuilt from the responses, e.g. after responses were deleted."""
    recount_by_id(questionnaire.pk)


def recount_by_id(questionnaire_id: int) -> None:
    """As recount; nothing happens when the questionnaire is gone."""
    with transaction.atomic():
        if not Questionnaire.objects.filter(pk=questionnaire_id).exists():
            return
        _lock(questionnaire_id)
        answers = (
            Response.objects.filter(questionnaire_id=questionnaire_id)
            .values_list("answers", flat=True)
            .iterator(chunk_size=CHUNK)
        )
        counts = count_rows(_kinds(questionnaire_id), answers)
        AnswerTally.objects.filter(questionnaire_id=questionnaire_id).delete()
        _write(questionnaire_id, counts)


def counts(questionnaire: Questionnaire) -> dict[tuple[str, str], int]:
    """The whole tally in one query."""
    rows = questionnaire.tallies.values_list("question_key", "value", "count")
    return {(key, value): count for key, value, count in rows}


def responses(questionnaire: Questionnaire) -> int:
    row = questionnaire.tallies.filter(question_key="", value="").first()
    return row.count if row else 0
