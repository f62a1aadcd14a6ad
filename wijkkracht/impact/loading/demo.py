"""Demo data for outcome measurement: the magazine's three resident initiatives with their
change stories, outputs and facts, and Het Badhuis's resident survey rebuilt as 111
constructed responses whose shares agreeing match the reported whole percentages."""

import random
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.db import transaction

from wijkkracht.core.content import CONTENT_DIR, ContentError, read_yaml, unwrap
from wijkkracht.organisations.models import Organisation

from .. import services, tallies
from ..models import ChangeStory, Counter, CounterEntry, Effect, Question, Questionnaire, Quote
from ..responses import record_many
from ..results import DONT_KNOW, whole_percent

IMPACT_DIR = CONTENT_DIR / "impact"
SEED = 2023  # the same constructed responses on every load


def load_demo_impact(directory: Path = IMPACT_DIR) -> int:
    with transaction.atomic():
        stories = [
            _story(path, read_yaml(path) or {})
            for path in sorted((directory / "stories").glob("*.yaml"))
        ]
        for path in sorted((directory / "surveys").glob("*.yaml")):
            _survey(path, read_yaml(path) or {})
    return len(stories)


def _text(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(item).strip() for item in value)
    return unwrap(value)


def _story(path: Path, data: dict) -> ChangeStory:
    org, story = data.get("organisation") or {}, data.get("story") or {}
    if not org.get("slug") or not org.get("name"):
        raise ContentError(f"{path}: organisation: slug and name are needed")
    organisation, _ = Organisation.objects.update_or_create(
        slug=org["slug"],
        defaults={
            "name": org["name"],
            "description_nl": _text(org.get("description")),
            "is_public": True,
            "is_demo": True,
        },
    )
    change, _ = ChangeStory.objects.update_or_create(
        organisation=organisation,
        project=story.get("project") or "",
        defaults={
            **{
                name: _text(story.get(name))
                for name in (
                    "problem",
                    "target_groups",
                    "aims",
                    "activities",
                    "attitude",
                    "contributes_to",
                )
            },
            "facts": data.get("facts") or [],
            "factsheet_public": True,
        },
    )
    _effects(path, change, story.get("effects") or [])
    _outputs(organisation, data.get("outputs") or [])
    return change


def _effects(path: Path, story: ChangeStory, effects: list[dict]) -> None:
    keys = []
    for position, entry in enumerate(effects):
        if entry.get("level") not in Effect.Level.values:
            raise ContentError(f"{path}: effects.{position}.level: person, group or neighbourhood")
        effect, _ = Effect.objects.update_or_create(
            story=story,
            key=entry["key"],
            defaults={"text": _text(entry["text"]), "level": entry["level"], "position": position},
        )
        effect.indicators.all().delete()
        for indicator in entry.get("indicators") or []:
            effect.indicators.create(
                text=_text(indicator["text"]), source=_text(indicator.get("source"))
            )
        keys.append(entry["key"])
    story.effects.exclude(key__in=keys).delete()


def _month(period) -> date:
    """'2021-2022' and '2021' → January of the first year; '2021-05' → May 2021."""
    match = re.match(r"^(\d{4})(?:-(\d{2}))?$", str(period or ""))
    if match:
        return date(int(match.group(1)), int(match.group(2) or 1), 1)
    years = re.match(r"^(\d{4})-\d{4}$", str(period or ""))
    return date(int(years.group(1)), 1, 1) if years else date(2022, 1, 1)


def _outputs(organisation: Organisation, outputs: list[dict]) -> None:
    for position, entry in enumerate(outputs):
        counter, _ = Counter.objects.update_or_create(
            organisation=organisation,
            key=entry["key"],
            defaults={"label": entry["label"], "position": position},
        )
        counter.entries.all().delete()
        CounterEntry.objects.bulk_create(
            CounterEntry(
                counter=counter,
                month=_month(item.get("period")),
                value=Decimal(str(item["value"])),
                note=item.get("note", "")[:200],
            )
            for item in entry.get("entries") or []
        )


# How the magazine words a share: "ruim 73" is just above 73, "bijna 70" just under 70.
ABOVE, BELOW = "ruim", "bijna"
MAX_DONT_KNOW = 10


def fits(count: int, opinions: int, percent: int, word: str = "") -> bool:
    """The share count/opinions shows as this whole percent, on the side the word says."""
    if opinions <= 0 or whole_percent(count, opinions) != percent:
        return False
    exact = Fraction(count * 100, opinions)
    return {ABOVE: exact > percent, BELOW: exact < percent}.get(word, True)


def agree_count(percent: int, answers: int, word: str = "") -> tuple[int, int]:
    """(agreeing, weet niet) for this statement: the fewest "weet niet" answers (which do
    not count towards the share) and then the fewest agreeing that keep both the whole
    percentage and the magazine's word."""
    for dont_know in range(MAX_DONT_KNOW + 1):
        opinions = answers - dont_know
        for count in range(opinions + 1):
            if fits(count, opinions, percent, word):
                return count, dont_know
    raise ContentError(f"{word} {percent}% cannot come out of {answers} answers")


def constructed_column(percent: int, answers: int, rng: random.Random, word: str = "") -> list[str]:
    """Answers to one statement: the agreeing share exact, the rest spread over the
    other points of the scale (and "weet niet" where the word needs it), in random order."""
    agree, dont_know = agree_count(percent, answers, word)
    strongly = agree // 3
    rest = answers - agree - dont_know
    neutral, disagree = rest // 2, rest - rest // 2 - rest // 5
    column = (
        ["5"] * strongly
        + ["4"] * (agree - strongly)
        + ["3"] * neutral
        + ["2"] * disagree
        + ["1"] * (rest - neutral - disagree)
        + [DONT_KNOW] * dont_know
    )
    rng.shuffle(column)
    return column


def _survey(path: Path, data: dict) -> Questionnaire:
    organisation = Organisation.objects.filter(slug=data.get("organisation")).first()
    if organisation is None:
        raise ContentError(f"{path}: organisation: unknown {data.get('organisation')!r}")
    story = organisation.change_stories.first()
    questionnaire, _ = Questionnaire.objects.update_or_create(
        organisation=organisation,
        title=data["title"],
        defaults={"story": story, "results_public": True, "languages": services.LANGUAGES},
    )
    questionnaire.is_demo = True
    questionnaire.save(update_fields=["is_demo"])
    questionnaire.responses.all().delete()
    tallies.recount(questionnaire)
    questionnaire.questions.all().delete()
    effects = {e.key: e for e in story.effects.all()} if story else {}
    statements = data.get("statements") or []
    for position, item in enumerate(statements):
        Question.objects.create(
            questionnaire=questionnaire,
            key=item["key"],
            text=item["text"],
            kind=Question.Kind.SCALE,
            effect=effects.get(item.get("effect")),
            position=position,
        )
    if data.get("open_question"):
        Question.objects.create(
            questionnaire=questionnaire,
            key="open",
            kind=Question.Kind.OPEN,
            text=data["open_question"],
            position=len(statements),
        )
    total = int(data.get("respondents") or 0)
    rng = random.Random(SEED)
    columns = {
        item["key"]: constructed_column(int(item["agree"]), total, rng, item.get("word", ""))
        for item in statements
    }
    rows = [{key: column[i] for key, column in columns.items()} for i in range(total)]
    _quotes(questionnaire, story, rows)
    record_many(questionnaire, rows)
    return questionnaire


def _quotes(questionnaire: Questionnaire, story: ChangeStory | None, rows: list[dict]) -> None:
    """The magazine's quotes as open answers, and chosen to show."""
    quotes = []
    if story:
        path = IMPACT_DIR / "stories" / f"{story.organisation.slug.removesuffix('-demo')}.yaml"
        quotes = (read_yaml(path) or {}).get("quotes") or [] if path.exists() else []
    questionnaire.quotes.all().delete()
    for position, text in enumerate(quotes):
        if position < len(rows):
            rows[position]["open"] = text
        Quote.objects.create(questionnaire=questionnaire, text=text, position=position)
