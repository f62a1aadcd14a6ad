"""Loading the practice library from content/practices/: all or nothing, safe to repeat.

Translated texts sit beside the Dutch ones as `<field>_<language>` keys (`text_ar`,
`label_en`); a missing key leaves that language empty, so the page shows the Dutch text.
A file's `machine_drafted` list names the languages whose texts await review."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from wijkkracht.core.content import CONTENT_DIR, ContentError, read_yaml, unwrap

from .models import (
    Country,
    DecisionAnswer,
    DecisionQuestion,
    Lesson,
    Level,
    Practice,
    RecruitmentMethod,
    Theme,
)

PRACTICES_DIR = CONTENT_DIR / "practices"
SOURCE = settings.LANGUAGE_CODE
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != SOURCE]
LEVEL_OF_CODE = [
    ("L-H", "laag-hoog"),
    ("L", "laag"),
    ("M", "midden"),
    ("H", "hoog"),
    ("I", "innovatief"),
]
TEXT = [
    "municipality",
    "target_group",
    "occasion",
    "goal",
    "working_method",
    "reach",
    "municipality_role",
    "transferability",
    "source",
    "source_date",
]
LISTS = [
    "what_worked",
    "what_did_not",
    "preconditions",
    "publications",
    "working_elements",
    "effects",
    "organisations",
    "facts",
]


def load_practices(directory: Path = PRACTICES_DIR) -> int:
    # In Dutch, so that the untranslated columns of a translated model hold the Dutch text.
    with translation.override(SOURCE), transaction.atomic():
        levels = _levels(directory / "levels.yaml")
        methods = _methods(directory / "methods.yaml")
        practices = {}
        for path in sorted(directory.glob("*.yaml")):
            if path.stem not in ("levels", "methods", "themes", "lessons", "decision_aid"):
                practice = _practice(path, read_yaml(path) or {}, levels, methods)
                practices[practice.code] = practice
        for path in sorted((directory / "initiatives").glob("*.yaml")):
            practice = _initiative(path, read_yaml(path) or {})
            practices[practice.code] = practice
        _themes(directory / "themes.yaml", practices)
        _lessons(directory / "lessons.yaml", practices)
        _decision_aid(directory / "decision_aid.yaml", levels)
    return len(practices)


def _entries(path: Path, key: str) -> list[dict]:
    data = read_yaml(path) or {}
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ContentError(f"{path}: {key}: expected a list of entries")
    return entries


def _drafted(path: Path) -> list[str]:
    """The languages the file marks as machine-drafted, awaiting review."""
    data = read_yaml(path) or {}
    drafted = data.get("machine_drafted") or [] if isinstance(data, dict) else []
    if not isinstance(drafted, list) or not set(drafted) <= set(TRANSLATED):
        raise ContentError(f"{path}: machine_drafted: expected a list of {', '.join(TRANSLATED)}")
    return sorted(drafted)


def _translated(path: Path, entry: dict, name: str, value) -> dict:
    """The column of every language for one field: Dutch from `name`, the others from
    `name_<language>` (empty when missing: None for a text, as two themes without an
    English label must not clash on a unique column). A translated list has as many items as the
    Dutch one, so no advice is lost or added."""
    columns = {name: value, f"{name}_{SOURCE}": value}
    for code in TRANSLATED:
        given = entry.get(f"{name}_{code}")
        if isinstance(value, list):
            given = _list(path, f"{name}_{code}", given)
            if given and len(given) != len(value):
                raise ContentError(
                    f"{path}: {entry.get('key')}: {name}_{code}: {len(given)} items, "
                    f"the Dutch has {len(value)}"
                )
        else:
            given = unwrap(given) if given else None
        columns[f"{name}_{code}"] = given
    return columns


def _need(path: Path, entry: dict, *names: str) -> None:
    for name in names:
        if not entry.get(name):
            raise ContentError(f"{path}: {name}: missing")


LEVEL_TEXTS = (
    "who",
    "recruitment",
    "way_of_working",
    "preconditions",
    "cooperation",
    "municipality_role",
)


def _levels(path: Path) -> dict[str, Level]:
    levels, drafted = {}, _drafted(path)
    for position, entry in enumerate(_entries(path, "levels")):
        _need(path, entry, "key", "label")
        fields = {"label": str(entry["label"]), **{n: unwrap(entry.get(n)) for n in LEVEL_TEXTS}}
        fields["recommendations"] = _list(path, "recommendations", entry.get("recommendations"))
        columns = {}
        for name, value in fields.items():
            columns.update(_translated(path, entry, name, value))
        levels[entry["key"]], _ = Level.objects.update_or_create(
            key=entry["key"],
            defaults={"position": position, "draft_languages": drafted, **columns},
        )
    return levels


def _methods(path: Path) -> dict[str, RecruitmentMethod]:
    methods, drafted = {}, _drafted(path)
    for position, entry in enumerate(_entries(path, "methods")):
        _need(path, entry, "key", "label")
        methods[entry["key"]], _ = RecruitmentMethod.objects.update_or_create(
            key=entry["key"],
            defaults={
                "position": position,
                "draft_languages": drafted,
                **_translated(path, entry, "label", str(entry["label"])),
            },
        )
    return methods


def _list(path: Path, name: str, value) -> list:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ContentError(f"{path}: {name}: expected a list")
    return [unwrap(item) if isinstance(item, str) else item for item in value]


def _level_of(code: str) -> str:
    return next(level for prefix, level in LEVEL_OF_CODE if code.startswith(prefix))


def _practice(path: Path, entry: dict, levels: dict, methods: dict) -> Practice:
    _need(path, entry, "code", "name")
    code = str(entry["code"])
    level = entry.get("level") or _level_of(code)
    if level not in levels:
        raise ContentError(f"{path}: level: unknown level {level!r}")
    unknown = [m for m in entry.get("recruitment_methods") or [] if m not in methods]
    if unknown:
        raise ContentError(f"{path}: recruitment_methods: unknown {', '.join(unknown)}")
    practice = _save(path, code, entry, kind=Practice.Kind.PROJECT, level=levels[level])
    practice.methods.set([methods[m] for m in entry.get("recruitment_methods") or []])
    practice.countries.set(
        [
            Country.objects.get_or_create(name=str(name).strip())[0]
            for name in _list(path, "countries_of_origin", entry.get("countries_of_origin"))
        ]
    )
    return practice


def _initiative(path: Path, entry: dict) -> Practice:
    _need(path, entry, "key", "name")
    entry = {
        **entry,
        "working_method": entry.get("approach", ""),
        "facts": entry.get("facts_and_figures") or [],
    }
    return _save(path, entry["key"], entry, kind=Practice.Kind.INITIATIVE, level=None)


def _save(path: Path, code: str, entry: dict, kind: str, level: Level | None) -> Practice:
    reach_number = entry.get("reach_number")
    if reach_number is not None and (not isinstance(reach_number, int) or reach_number < 0):
        raise ContentError(f"{path}: reach_number: expected a whole number")
    defaults = {
        "slug": slugify(code),
        "kind": kind,
        "level": level,
        "name": str(entry["name"]),
        "status": Practice.Status.PUBLISHED,
        "reach_number": reach_number,
        **{name: unwrap(entry.get(name)) for name in TEXT},
        **{name: _list(path, name, entry.get(name)) for name in LISTS},
    }
    practice = Practice.objects.filter(code=code).first() or Practice(code=code)
    for name, value in defaults.items():
        setattr(practice, name, value)
    practice.save()
    return practice


def _themes(path: Path, practices: dict[str, Practice]) -> None:
    for practice in practices.values():
        practice.themes.clear()
    drafted = _drafted(path)
    for position, entry in enumerate(_entries(path, "themes")):
        _need(path, entry, "label")
        theme, _ = Theme.objects.update_or_create(
            slug=slugify(entry["label"])[:120],
            defaults={
                "position": position,
                "draft_languages": drafted,
                **_translated(path, entry, "label", str(entry["label"])),
            },
        )
        theme.practices.set(_codes(path, entry, practices))


def _codes(path: Path, entry: dict, practices: dict[str, Practice]) -> list[Practice]:
    codes = [str(code) for code in entry.get("codes") or []]
    missing = [code for code in codes if code not in practices]
    if missing:
        raise ContentError(
            f"{path}: {entry.get('label') or entry.get('key')}: "
            f"no practice with code {', '.join(missing)}"
        )
    return [practices[code] for code in codes]


def _lessons(path: Path, practices: dict[str, Practice]) -> None:
    drafted = _drafted(path)
    for position, entry in enumerate(_entries(path, "lessons")):
        _need(path, entry, "key", "title", "text")
        lesson, _ = Lesson.objects.update_or_create(
            key=entry["key"],
            defaults={
                "position": position,
                "draft_languages": drafted,
                **_translated(path, entry, "title", unwrap(entry["title"])),
                **_translated(path, entry, "text", unwrap(entry["text"])),
            },
        )
        lesson.practices.set(_codes(path, entry, practices))


def _decision_aid(path: Path, levels: dict[str, Level]) -> None:
    drafted = _drafted(path)
    for position, entry in enumerate(_entries(path, "questions")):
        _need(path, entry, "key", "text", "answers")
        question, _ = DecisionQuestion.objects.update_or_create(
            key=entry["key"],
            defaults={
                "position": position,
                "draft_languages": drafted,
                **_translated(path, entry, "text", str(entry["text"])),
            },
        )
        keys = []
        for order, answer in enumerate(_list(path, "answers", entry["answers"])):
            _need(path, answer, "key", "text", "level")
            if answer["level"] not in levels:
                raise ContentError(f"{path}: {entry['key']}.{answer['key']}: unknown level")
            DecisionAnswer.objects.update_or_create(
                question=question,
                key=answer["key"],
                defaults={
                    "level": levels[answer["level"]],
                    "position": order,
                    **_translated(path, answer, "text", str(answer["text"])),
                },
            )
            keys.append(answer["key"])
        question.answers.exclude(key__in=keys).delete()
