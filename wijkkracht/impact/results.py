"""Figures per question: answers, distribution, and the share agreeing.

Share agreeing = (eens + helemaal eens) ÷ the answers other than "weet niet" and empty,
as a whole percentage (half rounds up). "Weet niet" is counted separately. A figure is
hidden unless at least MIN_ANSWERS people gave an opinion it is built on ("weet niet" and
empty do not count), so nobody can be picked out of a small group; the same holds for the
open answers to a question (fewer than MIN_ANSWERS texts: none shown).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import Question, Questionnaire

SCALE = ("1", "2", "3", "4", "5")
AGREE = ("4", "5")
DONT_KNOW = "dk"
YES, NO = "yes", "no"
MIN_ANSWERS = 5


def whole_percent(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class QuestionResult:
    question: Question
    answers: int  # every answer given, "weet niet" included
    counts: dict[str, int]  # per answer value, in the question's order
    dont_know: int = 0
    share_agreeing: int | None = None
    texts: list[str] = field(default_factory=list)  # open answers

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


def results(questionnaire: Questionnaire) -> list[QuestionResult]:
    questions = list(questionnaire.questions.select_related("effect"))
    answers = list(questionnaire.responses.values_list("answers", flat=True))
    return [_result(question, answers) for question in questions]


def _result(question: Question, responses: list[dict]) -> QuestionResult:
    given = [str(r.get(question.key, "")).strip() for r in responses]
    given = [value for value in given if value]
    if question.kind == Question.Kind.OPEN:
        return QuestionResult(question, len(given), {}, texts=given)
    counts = {value: given.count(value) for value in values_for(question)}
    result = QuestionResult(question, len(given), counts, dont_know=counts.get(DONT_KNOW, 0))
    if question.kind == Question.Kind.SCALE and result.valid:
        agreeing = sum(counts[value] for value in AGREE)
        result.share_agreeing = whole_percent(agreeing, result.valid)
    return result


def by_effect(rows: list[QuestionResult]) -> list[tuple[str, list[QuestionResult]]]:
    """Results grouped under the effect each question measures, in order of appearance."""
    groups: dict[str, list[QuestionResult]] = {}
    for row in rows:
        label = (row.question.effect.text if row.question.effect
                 else row.question.effect_label)
        groups.setdefault(label, []).append(row)
    return list(groups.items())
