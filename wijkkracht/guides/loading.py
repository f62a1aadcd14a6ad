"""Loading guides from content/guides/ into the database, and writing them back."""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from wijkkracht.core.content import CONTENT_DIR, ContentError, read_yaml

from .models import Guide, GuideItem, HelpQuestion, QuestionGroup, Step
from .schema import GuideFile, parse_guide_file

GUIDES_DIR = CONTENT_DIR / "guides"
SOURCE = settings.LANGUAGE_CODE
LANGUAGES = [code for code, _name in settings.LANGUAGES]
LIST_PARTS = {  # file field → GuideItem kind
    "situations": GuideItem.Kind.SITUATION,
    "experiences": GuideItem.Kind.EXPERIENCE,
    "dos": GuideItem.Kind.DO,
    "donts": GuideItem.Kind.DONT,
    "tips": GuideItem.Kind.TIP,
}


def read_guide(folder: Path) -> dict[str, GuideFile]:
    """All language files of one guide, checked against the schema and against each other."""
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        guide = parse_guide_file(path, read_yaml(path))
        if guide.language != path.stem:
            raise ContentError(f"{path}: language: says {guide.language!r}, file is {path.stem}")
        if guide.slug != folder.name:
            raise ContentError(f"{path}: slug: says {guide.slug!r}, folder is {folder.name}")
        files[guide.language] = guide
    if SOURCE not in files:
        raise ContentError(f"{folder}: {SOURCE}.yaml: missing; it is the source of the guide")
    source = files[SOURCE]
    for language, guide in files.items():
        path = folder / f"{language}.yaml"
        if guide.question_keys() != source.question_keys():
            raise ContentError(f"{path}: help_question_groups: keys differ from {SOURCE}.yaml")
        if guide.step_keys() != source.step_keys():
            raise ContentError(f"{path}: steps: keys differ from {SOURCE}.yaml")
    return files


def read_library(directory: Path = GUIDES_DIR) -> list[dict[str, GuideFile]]:
    index = read_yaml(directory / "index.yaml")
    if not isinstance(index, list) or not all(isinstance(slug, str) for slug in index):
        raise ContentError(f"{directory / 'index.yaml'}: expected a list of guide folders")
    for slug in index:
        if not (directory / slug).is_dir():
            raise ContentError(f"{directory / 'index.yaml'}: no folder {slug!r}")
    return [read_guide(directory / slug) for slug in index]


def load_library(directory: Path = GUIDES_DIR) -> list[Guide]:
    """Check every file first, then load all guides in one transaction: a broken file
    loads nothing."""
    library = read_library(directory)
    with transaction.atomic():
        return [_store(position, files) for position, files in enumerate(library, start=1)]


def _translated(files: dict[str, GuideFile], get) -> dict[str, str]:
    """field_<lang> values for one translated field; missing languages stay empty."""
    return {code: (get(files[code]) if code in files else "") for code in LANGUAGES}


def _columns(name: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{code}": value for code, value in values.items()}


def _store(position: int, files: dict[str, GuideFile]) -> Guide:
    source = files[SOURCE]
    fields = {
        "version": source.version,
        "status": source.status,
        "concept": source.concept,
        "last_reviewed": source.last_reviewed,
        "authors": "\n".join(source.authors),
        "draft_languages": sorted(c for c, f in files.items() if f.translation == "draft"),
        "position": position,
    }
    for name in ("title", "question", "summary", "challenge"):
        fields.update(_columns(name, _translated(files, lambda f, n=name: getattr(f, n))))
    guide, _created = Guide.objects.update_or_create(slug=source.slug, defaults=fields)

    guide.items.all().delete()
    GuideItem.objects.bulk_create(
        GuideItem(
            guide=guide,
            kind=kind,
            position=index,
            **_columns("text", _translated(files, lambda f, p=part, i=index: _at(f, p, i))),
        )
        for part, kind in LIST_PARTS.items()
        for index in range(len(getattr(source, part)))
    )
    _store_questions(guide, files)
    _store_steps(guide, files)
    return guide


def _at(guide_file: GuideFile, part: str, index: int) -> str:
    values = getattr(guide_file, part)
    return values[index] if index < len(values) else ""


def _store_questions(guide: Guide, files: dict[str, GuideFile]) -> None:
    source = files[SOURCE]
    known = set(guide.questions.values_list("key", flat=True))
    keys = source.question_keys()
    guide.questions.exclude(key__in=keys).delete()
    guide.question_groups.filter(position__gt=len(source.help_question_groups)).delete()
    number = 0
    for g, group in enumerate(source.help_question_groups, start=1):
        titles = _translated(files, lambda f, i=g - 1: f.help_question_groups[i].title)
        group_row, _ = QuestionGroup.objects.update_or_create(
            guide=guide, position=g, defaults=_columns("title", titles)
        )
        for q, question in enumerate(group.questions, start=1):
            number += 1
            texts = _translated(files, lambda f, k=question.key: _question_text(f, k))
            defaults = {
                "group": group_row,
                "position": q,
                "profile_key": question.profile_key or "",
                **_columns("text", texts),
            }
            if question.key not in known:
                defaults["added_in_version"] = source.version if known else 1
            HelpQuestion.objects.update_or_create(guide=guide, key=question.key, defaults=defaults)


def _question_text(guide_file: GuideFile, key: str) -> str:
    for group in guide_file.help_question_groups:
        for question in group.questions:
            if question.key == key:
                return question.text
    return ""


def _store_steps(guide: Guide, files: dict[str, GuideFile]) -> None:
    source = files[SOURCE]
    known = set(guide.steps.values_list("key", flat=True))
    guide.steps.exclude(key__in=source.step_keys()).delete()
    for position, step in enumerate(source.steps, start=1):
        defaults = {"position": position}
        for name in ("title", "text"):
            defaults.update(
                _columns(
                    name,
                    _translated(files, lambda f, i=position - 1, n=name: getattr(f.steps[i], n)),
                )
            )
        if step.key not in known:
            defaults["added_in_version"] = source.version if known else 1
        Step.objects.update_or_create(guide=guide, key=step.key, defaults=defaults)


def export_guide(guide: Guide, directory: Path = GUIDES_DIR) -> list[Path]:
    """Write a guide back to its files, one per language that has text."""
    folder = directory / guide.slug
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for code in LANGUAGES:
        if not getattr(guide, f"title_{code}"):
            continue
        path = folder / f"{code}.yaml"
        data = guide_as_data(guide, code)
        parse_guide_file(path, data)  # never write a file the loader would refuse
        with path.open("w", encoding="utf-8") as fh:
            yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False, width=100)
        written.append(path)
    return written


def guide_as_data(guide: Guide, code: str) -> dict:
    """One language of a guide in the shape of its file."""

    def text(obj, name):
        return getattr(obj, f"{name}_{code}") or ""

    items = list(guide.items.all())
    data = {
        "slug": guide.slug,
        "language": code,
        "version": guide.version,
        "status": guide.status,
        "concept": guide.concept,
        "translation": "source"
        if code == SOURCE
        else ("draft" if code in guide.draft_languages else "source"),
        "last_reviewed": guide.last_reviewed,
        "authors": guide.author_list,
        "title": text(guide, "title"),
        "question": text(guide, "question"),
        "summary": text(guide, "summary"),
        "situations": [text(i, "text") for i in items if i.kind == GuideItem.Kind.SITUATION],
        "challenge": text(guide, "challenge"),
        "experiences": [text(i, "text") for i in items if i.kind == GuideItem.Kind.EXPERIENCE],
        "help_question_groups": [
            {
                "title": text(group, "title"),
                "questions": [
                    {
                        "key": q.key,
                        "text": text(q, "text"),
                        **({"profile_key": q.profile_key} if q.profile_key else {}),
                    }
                    for q in group.questions.order_by("position")
                ],
            }
            for group in guide.question_groups.order_by("position")
        ],
        "steps": [
            {"key": s.key, "title": text(s, "title"), "text": text(s, "text")}
            for s in guide.steps.order_by("position")
        ],
        "dos": [text(i, "text") for i in items if i.kind == GuideItem.Kind.DO],
        "donts": [text(i, "text") for i in items if i.kind == GuideItem.Kind.DONT],
        "tips": [text(i, "text") for i in items if i.kind == GuideItem.Kind.TIP],
    }
    return data
