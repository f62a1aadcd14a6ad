"""Figures per question: answers, distribution, and the share agreeing.

Share agreeing = (eens + helemaal eens) ÷ the answers other than "weet niet" and empty,
as a whole percentage (half rounds up). "Weet niet" is counted separately. A figure is
hidden unless at least MIN_ANSWERS people gave an opinion it is built on ("weet niet" and
empty do not count), so nobody can be picked out of a small group; the same holds for the
open answers to a question (fewer than MIN_ANSWERS texts: none shown).
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from . import tallies
from .models import Question, Questionnaire

SCALE = ("1", "2", "3", "4", "5")
AGREE = ("4", "5")
DONT_KNOW = "dk"
YES, NO = "yes", "no"
MIN_ANSWERS = 5
OPEN_SHOWN = 50  # open texts shown per question; the rest are counted


def whole_percent(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class QuestionResult:
    question: Question
    answers: int  # every answer given, "weet niet" included
    counts: dict[str, int]  # per answer value, in the question's order
    dont_know: int = 0
    share_agreeing: int | None = None
    texts: list[str] = field(default_factory=list)  # some of the open answers

    @property
    def more(self) -> int:
        """Open answers given but not shown."""
        return max(self.answers - len(self.texts), 0)

    @property
    def valid(self) -> int:
        return self.answers - self.dont_know

    @property
    def hidden(self) -> bool:
        """Too few real opinions to show anything of this question."""
        return self.valid < MIN_ANSWERS

    def percent(self, value: str) -> int:
        return whole_percent(self.counts.get(value, 0), self.answers) if self.answers else 0


def values_for(question: Question) -> list[str]:
    if question.kind == Question.Kind.SCALE:
        return [*SCALE, DONT_KNOW]
    if question.kind == Question.Kind.YES_NO:
        return [YES, NO]
    if question.kind == Question.Kind.CHOICE:
        return [str(choice) for choice in question.choices]
    return []


def results(questionnaire: Questionnaire, shown: int = OPEN_SHOWN) -> list[QuestionResult]:
    """From the tally (one query), plus at most `shown` texts per open question."""
    questions = list(questionnaire.questions.select_related("effect"))
    by_key: dict[str, dict[str, int]] = {}
    for (key, value), count in tallies.counts(questionnaire).items():
        by_key.setdefault(key, {})[value] = count
    return [
        _result(questionnaire, question, by_key.get(question.key, {}), shown)
        for question in questions
    ]


def _result(
    questionnaire: Questionnaire, question: Question, tally: dict[str, int], shown: int
) -> QuestionResult:
    given = sum(tally.values())
    if question.kind == Question.Kind.OPEN:
        texts = open_texts(questionnaire, question.key, shown) if given else []
        return QuestionResult(question, given, {}, texts=texts)
    counts = {
        value: tally.get(tallies.tally_key(question.kind, value), 0)
        for value in values_for(question)
    }
    result = QuestionResult(question, given, counts, dont_know=counts.get(DONT_KNOW, 0))
    if question.kind == Question.Kind.SCALE and result.valid:
        agreeing = sum(counts[value] for value in AGREE)
        result.share_agreeing = whole_percent(agreeing, result.valid)
    return result


def open_texts(
    questionnaire: Questionnaire, key: str, limit: int, leaving_out: Collection[str] = ()
) -> list[str]:
    """Some texts given to an open question, picked by the database, never all of them.
    Ordered by the random id, so the order says nothing about who answered when."""
    if limit <= 0:
        return []
    rows = (
        _open_answers(questionnaire, key)
        .exclude(text__in=list(leaving_out))
        .order_by("id")
        .values_list("text", flat=True)[:limit]
    )
    return [text for text in (tallies.value_of(row) for row in rows) if text]


def open_count(questionnaire: Questionnaire, key: str, texts: Collection[str]) -> int:
    """How many answers to an open question are one of these texts."""
    return _open_answers(questionnaire, key).filter(text__in=list(texts)).count() if texts else 0


def _open_answers(questionnaire: Questionnaire, key: str):
    # Cast: lookups on the text itself, not the JSON lookups KeyTextTransform brings along
    return questionnaire.responses.filter(answers__has_key=key).annotate(
        text=Cast(KeyTextTransform(key, "answers"), TextField())
    )


def by_effect(rows: list[QuestionResult]) -> list[tuple[str, list[QuestionResult]]]:
    """Results grouped under the effect each question measures, in order of appearance."""
    groups: dict[str, list[QuestionResult]] = {}
    for row in rows:
        label = row.question.effect.text if row.question.effect else row.question.effect_label
        groups.setdefault(label, []).append(row)
    return list(groups.items())
