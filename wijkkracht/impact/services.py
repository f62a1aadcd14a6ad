"""Rules for outcome measurement: questionnaires from templates, answers, outputs over
time, the factsheet's public link."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify

from wijkkracht.core.personal_data import plain
from wijkkracht.core.slugs import unique_slug

from . import tallies
from .loading import templates as templates_catalogue
from .models import (
    ChangeStory,
    Counter,
    CounterEntry,
    Effect,
    Interpretation,
    Question,
    Questionnaire,
    Response,
    new_token,
)
from .responses import NothingAnswered, is_answered, question_keys

LANGUAGES = [code for code, _name in settings.LANGUAGES]
QR_KINDS = {"svg": "image/svg+xml", "png": "image/png"}


def is_open(questionnaire: Questionnaire, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (questionnaire.opens_on is None or questionnaire.opens_on <= today) and (
        questionnaire.closes_on is None or today <= questionnaire.closes_on
    )


@transaction.atomic
def from_templates(
    organisation,
    title: str,
    keys: list[str],
    story: ChangeStory | None = None,
    open_question: str = "",
    **dates,
) -> Questionnaire:
    """A questionnaire with the statements of the chosen templates, in every language."""
    questionnaire = Questionnaire.objects.create(
        organisation=organisation, title=title, story=story, languages=LANGUAGES, **dates
    )
    effects = {e.key: e for e in story.effects.all()} if story else {}
    position = 0
    for template in templates_catalogue.templates():
        if template["key"] not in keys:
            continue
        for statement in template["statements"]:
            texts = {
                lang: templates_catalogue.label(statement["text"], lang, organisation.name)
                for lang in LANGUAGES
            }
            Question.objects.create(
                questionnaire=questionnaire,
                key=statement["key"],
                kind=Question.Kind.SCALE,
                text=texts["nl"],
                translations=texts,
                position=position,
                effect=effects.get(template.get("effect", "")),
                effect_label=templates_catalogue.label(template["title"], "nl"),
            )
            position += 1
    if open_question.strip():
        Question.objects.create(
            questionnaire=questionnaire,
            key="open",
            kind=Question.Kind.OPEN,
            text=open_question.strip()[:300],
            position=position,
        )
    return questionnaire


def record(
    questionnaire: Questionnaire, answers: dict[str, str], source: str = Response.Source.ONLINE
) -> Response:
    """One response, anonymous: only the answers and the way it came in (online, paper)
    are kept; counted in the same step. NothingAnswered when no question got an answer:
    an empty form is neither stored nor counted."""
    answers = {k: v for k, v in answers.items() if v}
    if not is_answered(answers, question_keys(questionnaire)):
        raise NothingAnswered()
    with transaction.atomic():
        response = Response.objects.create(
            questionnaire=questionnaire, answers=answers, source=source
        )
        tallies.add(questionnaire, [answers])
    return response


def paper_forms(questionnaire: Questionnaire) -> int:
    """How many forms were typed in from paper (not those answered online or imported)."""
    return questionnaire.responses.filter(source=Response.Source.PAPER).count()


def withdraw_factsheet(story: ChangeStory) -> None:
    """Private again, and the old link stops working for good."""
    ChangeStory.objects.filter(pk=story.pk).update(
        factsheet_public=False, factsheet_token=new_token()
    )


def publish_factsheet(story: ChangeStory) -> None:
    ChangeStory.objects.filter(pk=story.pk).update(factsheet_public=True)


@dataclass
class Total:
    counter: Counter
    total: Decimal
    by_month: list[tuple[date, Decimal]]


def totals(organisation, start: date | None = None, end: date | None = None) -> list[Total]:
    """Each counter's total over a period (all time when open), and its months."""
    result = []
    for counter in organisation.counters.all():
        entries = counter.entries.all()
        if start:
            entries = entries.filter(month__gte=start)
        if end:
            entries = entries.filter(month__lte=end)
        months = list(
            entries.values("month")
            .annotate(total=Sum("value"))
            .order_by("month")
            .values_list("month", "total")
        )
        result.append(Total(counter, sum((t for _m, t in months), Decimal(0)), months))
    return result


def log(
    counter: Counter, month: date, value: Decimal, activity: str = "", note: str = ""
) -> CounterEntry:
    return CounterEntry.objects.create(
        counter=counter, month=month.replace(day=1), value=value, activity=activity, note=note
    )


def save_effects(story: ChangeStory, rows: list[dict]) -> None:
    """The story's effects as edited: kept by key (so questions stay linked), new ones
    added, removed ones deleted; each with its indicator."""
    with transaction.atomic():
        keys = []
        for position, row in enumerate(rows):
            key = row.get("key") or slugify(row["text"])[:50] or f"effect-{position + 1}"
            while key in keys:
                key = f"{key[:45]}-{position + 1}"
            keys.append(key)
            effect, _created = Effect.objects.update_or_create(
                story=story,
                key=key,
                defaults={"text": row["text"], "level": row["level"], "position": position},
            )
            effect.indicators.all().delete()
            if row.get("indicator"):
                effect.indicators.create(text=row["indicator"], source=row.get("source", ""))
        story.effects.exclude(key__in=keys).delete()


def add_counter(organisation, label: str) -> Counter:
    key = unique_slug(label, organisation.counters.all(), field="key", fallback="teller")
    return Counter.objects.create(
        organisation=organisation, key=key, label=label, position=organisation.counters.count()
    )


def published_questionnaires(organisation):
    """The questionnaires whose results the group made public: the only ones whose figures
    and quotes may appear on its factsheet."""
    return organisation.questionnaires.filter(results_public=True)


def add_quote(questionnaire: Questionnaire, text: str):
    return questionnaire.quotes.create(text=text, position=questionnaire.quotes.count())


def set_results_public(questionnaire: Questionnaire, public: bool) -> None:
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_public=public)


def add_question(
    questionnaire: Questionnaire, kind: str, text: str, choices: list[str]
) -> Question:
    """A question of the group's own; its key comes from its text and stays unique."""
    key = unique_slug(text, questionnaire.questions.all(), field="key", fallback="vraag")
    position = questionnaire.questions.count()
    return Question.objects.create(
        questionnaire=questionnaire,
        key=key,
        kind=kind,
        text=text,
        choices=choices,
        position=position,
    )


def export_for_user(user) -> dict:
    """The conclusions of joint sessions she wrote down, for her data export."""
    return {
        "interpretations_written": plain(
            Interpretation.objects.filter(created_by=user),
            "organisation__name",
            "held_on",
            "participants",
            "recognise",
            "explain",
            "opinion",
            "future",
            "actions",
        )
    }


def answer_qr(link: str, kind: str, title: str = "") -> bytes:
    """The QR code of a questionnaire's answer link as a file of its own: an SVG with its
    namespace, a size and a viewBox (so it scales to a phone's width and to paper), or a
    PNG. Always a full QR code: a Micro QR code, which segno.make picks for short text,
    is not read by most phone cameras. The quiet zone is white, not transparent, so the
    code scans on coloured paper and in a dark image viewer too."""
    qr = segno.make_qr(link, error="m")
    out = io.BytesIO()
    if kind == "svg":
        # With a unit segno writes width, height and viewBox together.
        qr.save(out, kind="svg", scale=10, unit="px", light="#fff", title=title or None)
    else:
        qr.save(out, kind="png", scale=10, light="#fff")
    return out.getvalue()
