"""Responses in and out: one row per response, one column per question (by its key).

Scale answers are 1–5, "weet niet" is 0 (dk, as it is stored and exported, is taken
too), yes/no are yes and no, a choice is its text, and an empty cell means not answered.
A row without any answer is no response: a form sent back empty is refused, an empty row
of a file is left out. An import is all or nothing: one bad cell imports nothing, and
the report names each bad row, column and reason.
"""

import csv
import io
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.core.csvfiles import unguard, write_rows
from wijkkracht.core.errors import DomainError

from . import tallies
from .models import Question, Questionnaire, Response
from .results import DONT_KNOW, NO, SCALE, YES

MAX_ROWS = 20_000
MAX_TEXT = 2000
# "Weet niet": the help texts name 0 (a digit, like the rest of the scale, so a paper
# form is keyed in on the number keys); dk, the stored value, is taken quietly.
DONT_KNOW_CODES = {"0", DONT_KNOW}
YES_WORDS = {"yes", "ja", "y", "j"}
NO_WORDS = {"no", "nee", "n"}


class NothingAnswered(DomainError):
    """A form sent back without any answer: not stored, not counted."""

    default = gettext_lazy(
        "Je hebt nog geen vraag beantwoord. Kies bij minstens één vraag een antwoord. "
        "Druk dan op Versturen."
    )


def question_keys(questionnaire: Questionnaire) -> set[str]:
    return set(questionnaire.questions.values_list("key", flat=True))


def is_answered(answers: dict, keys: set[str]) -> bool:
    """Whether at least one of these questions got an answer that is not blank."""
    return any(key in keys and tallies.value_of(value) for key, value in answers.items())


@dataclass
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return _("rij %(row)d, kolom %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column or "–",
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    imported: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def clean_value(question: Question, raw: str) -> str:
    """The stored form of one answer; ValueError with a plain reason when it cannot be."""
    value = (raw or "").strip()
    if not value:
        return ""
    if "\x00" in value:
        raise ValueError(_("dit teken kan niet"))
    if question.kind == Question.Kind.SCALE:
        if value.lower() in DONT_KNOW_CODES:
            return DONT_KNOW
        if value not in SCALE:
            raise ValueError(
                _("verwacht 1 tot en met 5, 0 (weet niet) of leeg, niet %(value)s")
                % {"value": value[:20]}
            )
        return value
    if question.kind == Question.Kind.YES_NO:
        if value.lower() in YES_WORDS:
            return YES
        if value.lower() in NO_WORDS:
            return NO
        raise ValueError(_("verwacht yes, no of leeg, niet %(value)s") % {"value": value[:20]})
    if question.kind == Question.Kind.CHOICE:
        if value not in [str(c) for c in question.choices]:
            raise ValueError(_("geen van de keuzes: %(value)s") % {"value": value[:40]})
        return value
    if len(value) > MAX_TEXT:
        raise ValueError(_("langer dan %(n)d tekens") % {"n": MAX_TEXT})
    return unguard(value)  # our own export's guard against spreadsheet formulas


def read_csv(questionnaire: Questionnaire, data: bytes | str) -> tuple[list[dict], list[Problem]]:
    """Rows as answers, or the problems; nothing is stored."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        return [], [Problem(1, "", _("het bestand is geen UTF-8-tekst"))]
    questions = {q.key: q for q in questionnaire.questions.all()}
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as error:
        return [], [Problem(1, "", _unreadable(error))]
    problems = [
        Problem(1, h, _("geen vraag met deze sleutel")) for h in header if h not in questions
    ]
    problems += [
        Problem(1, h, _("deze kolom staat er twee keer in"))
        for i, h in enumerate(header)
        if h in header[:i]
    ]
    if not header:
        problems.append(Problem(1, "", _("het bestand is leeg")))
    if problems:
        return [], problems
    rows = []
    for number, cells in enumerate(_rows(reader, problems), start=2):
        if number > MAX_ROWS + 1:
            return [], [Problem(number, "", _("meer dan %(n)d rijen") % {"n": MAX_ROWS})]
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(number, "", _("meer cellen dan kolommen")))
            continue
        answers = {}
        for key, raw in zip(header, cells, strict=False):
            try:
                value = clean_value(questions[key], raw)
            except ValueError as error:
                problems.append(Problem(number, key, str(error)))
                continue
            if value:
                answers[key] = value
        rows.append(answers)
    return rows, problems


def _unreadable(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return _("een cel is te lang (meer dan %(n)d tekens)") % {"n": csv.field_size_limit()}
    return _("deze rij kan niet gelezen worden als CSV")


def _rows(reader, problems: list[Problem]):
    """The reader's rows; a row the csv module cannot read ends the file with a problem
    naming it (its number as a spreadsheet shows it), so nothing is imported."""
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(number, "", _unreadable(error)))
            return
        yield cells


def import_csv(questionnaire: Questionnaire, data: bytes | str) -> ImportReport:
    rows, problems = read_csv(questionnaire, data)
    if problems:
        return ImportReport(0, problems)
    return ImportReport(record_many(questionnaire, rows, source=Response.Source.IMPORT))


def record_many(
    questionnaire: Questionnaire, rows: list[dict], source: str = Response.Source.IMPORT
) -> int:
    """Many responses in one go, counted in the same step; how many were stored. A row
    without any answer is left out, as an empty line of a file is."""
    keys = question_keys(questionnaire)
    rows = [answers for answers in rows if is_answered(answers, keys)]
    random.shuffle(rows)  # stored order says nothing about the order in the file
    with transaction.atomic():
        Response.objects.bulk_create(
            [
                Response(questionnaire=questionnaire, answers=answers, source=source)
                for answers in rows
            ],
            batch_size=1000,
        )
        tallies.add(questionnaire, rows)  # rolled back with the responses if either fails
    return len(rows)


def export_csv(questionnaire: Questionnaire) -> str:
    keys = list(questionnaire.questions.values_list("key", flat=True))
    # Ordered by the random id: the file says nothing about who answered when.
    answers = questionnaire.responses.order_by("id").values_list("answers", flat=True)
    return write_rows(([str(row.get(key, "")) for key in keys] for row in answers), keys)


def template_csv(questionnaire: Questionnaire) -> str:
    """An empty file to fill in and import: the header row alone, one column per question
    key, written as the export is (so the import reads it the same way)."""
    return write_rows([], questionnaire.questions.values_list("key", flat=True))
