"""Working through a guide as a group: answers with history, ticks, progress, what is new."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkkracht.core.errors import NotFound
from wijkkracht.core.personal_data import plain

from ..models import Answer, AnswerVersion, Guide, HelpQuestion, StepTick, Workbook


class StaleAnswer(Exception):
    """A save started from an older text than the one stored now."""

    def __init__(self, current: Answer):
        super().__init__("stale answer")
        self.current = current


def workbook_cache_key(organisation_id: int, guide_id: int) -> str:
    return f"guides:workbook:{organisation_id}:{guide_id}"


# The {% cache %} blocks of workbook.html: fragment name → the part's stamp.
FRAGMENTS = {"workbook-head": "head", "workbook-body": "body"}


def fragment_stamps(workbook: Workbook) -> dict[str, str]:
    """What each cached part of the workbook page is built from: the workbook's id (never
    reused) and the versions of what it shows. The page and forget() both use these."""
    guide_version = workbook.guide.updated_at.isoformat()
    return {
        "head": f"{workbook.pk}:{workbook.organisation.updated_at.isoformat()}:{guide_version}",
        "body": f"{workbook.pk}:{workbook.changed_at.isoformat()}"
        f":{workbook.version_seen}:{guide_version}",
    }


def forget(workbook: Workbook) -> None:
    """Drop every cached copy of this workbook: the row and its page in every language.
    Called when the workbook goes, also with its organisation (guides.signals)."""
    stamps = fragment_stamps(workbook)
    keys = [workbook_cache_key(workbook.organisation_id, workbook.guide_id)]
    keys += [
        make_template_fragment_key(name, [stamps[part], code])
        for name, part in FRAGMENTS.items()
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def start(organisation, guide: Guide, user) -> Workbook:
    """Open the organisation's workbook for a guide, starting it if needed."""
    workbook, _created = Workbook.objects.get_or_create(
        organisation=organisation,
        guide=guide,
        defaults={"started_by": user, "version_seen": guide.version},
    )
    return workbook


def valid_keys(workbook: Workbook) -> set[str]:
    guide = workbook.guide
    keys = set(guide.questions.values_list("key", flat=True))
    keys |= {Answer.NOTE_PREFIX + key for key in guide.steps.values_list("key", flat=True)}
    return keys


def get_answer(workbook: Workbook, key: str) -> Answer:
    """The stored answer, or an unsaved empty one (revision 0)."""
    if key not in valid_keys(workbook):
        raise NotFound
    return workbook.answers.filter(key=key).first() or Answer(workbook=workbook, key=key)


def save_answer(
    workbook: Workbook,
    key: str,
    text: str,
    base_revision: int,
    user,
    restored_from: int | None = None,
) -> Answer:
    """Store a new text, unless someone saved in between (StaleAnswer).

    Lock, re-check, write: the row lock (PostgreSQL) or the write transaction (SQLite)
    makes two saves from the same revision take turns, and the second is refused.
    """
    if key not in valid_keys(workbook):
        raise NotFound
    text = text.replace("\r\n", "\n")
    try:
        with transaction.atomic():
            answer, _created = Answer.objects.select_for_update().get_or_create(
                workbook=workbook, key=key
            )
            if answer.revision != base_revision:
                raise StaleAnswer(answer)
            if answer.text == text and answer.revision:
                return answer
            answer.text = text
            answer.revision += 1
            answer.updated_by = user
            answer.updated_at = timezone.now()
            answer.save()
            AnswerVersion.objects.create(
                answer=answer,
                revision=answer.revision,
                text=text,
                author=user,
                restored_from=restored_from,
            )
            _changed(workbook)
            return answer
    except IntegrityError:  # two first saves at once: the other one won
        raise StaleAnswer(workbook.answers.get(key=key)) from None


def save_if_changed(
    workbook: Workbook, key: str, text: str, base_revision: int, user
) -> Answer | None:
    """Save a text only if she changed it from the version she started from: a whole form
    sent without JavaScript must not clash over answers she never touched."""
    started_from = ""
    if base_revision > 0:
        started_from = (
            AnswerVersion.objects.filter(
                answer__workbook=workbook, answer__key=key, revision=base_revision
            )
            .values_list("text", flat=True)
            .first()
        )
    if started_from is not None and started_from == text.replace("\r\n", "\n"):
        return None
    return save_answer(workbook, key, text, base_revision, user)


def _changed(workbook: Workbook) -> None:
    Workbook.objects.filter(pk=workbook.pk).update(changed_at=timezone.now())
    cache.delete(workbook_cache_key(workbook.organisation_id, workbook.guide_id))


def restore(workbook: Workbook, key: str, revision: int, user) -> Answer:
    """Bring back an earlier text, as a new version on top of the history."""
    answer = workbook.answers.filter(key=key).first()
    old = answer and answer.versions.filter(revision=revision).first()
    if old is None:
        raise NotFound
    return save_answer(workbook, key, old.text, answer.revision, user, restored_from=revision)


def set_tick(workbook: Workbook, step_key: str, done: bool, user) -> StepTick | None:
    if not workbook.guide.steps.filter(key=step_key).exists():
        raise NotFound
    if not done:
        if workbook.ticks.filter(step_key=step_key).delete()[0]:
            _changed(workbook)
        return None
    tick, created = StepTick.objects.get_or_create(
        workbook=workbook, step_key=step_key, defaults={"ticked_by": user}
    )
    if created:
        _changed(workbook)
    return tick


def mark_seen(workbook: Workbook) -> None:
    Workbook.objects.filter(pk=workbook.pk).update(version_seen=workbook.guide.version)
    _changed(workbook)


@dataclass
class PartProgress:
    title: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def workbook_urls(workbook: Workbook) -> dict[str, str]:
    """The page's addresses; per-answer ones end in the key, so one prefix serves all."""
    base = workbook.get_absolute_url()
    return {
        "answer": base + "antwoord/",
        "tick": base + "stap/",
        "history": base + "geschiedenis/",
        "save": base + "opslaan/",
        "seen": base + "nieuw-gezien/",
        "pdf": base + "werkboek.pdf",
    }


class WorkbookView:
    """Everything the workbook page and its PDF show. Worked out on first use, so a page
    served from the cache costs no queries for it."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.urls = workbook_urls(workbook)
        self.stamps = fragment_stamps(workbook)

    @cached_property
    def _answers(self) -> dict[str, Answer]:
        return {a.key: a for a in self.workbook.answers.select_related("updated_by")}

    @cached_property
    def groups(self) -> list:
        """[(group, [(question, answer, is_new)])]"""
        seen = self.workbook.version_seen
        groups = []
        for group in self.workbook.guide.question_groups.prefetch_related("questions"):
            groups.append(
                (
                    group,
                    [
                        (
                            q,
                            self._answers.get(q.key) or Answer(key=q.key),
                            q.added_in_version > seen,
                        )
                        for q in group.questions.all()
                    ],
                )
            )
        return groups

    @cached_property
    def steps(self) -> list:
        """[(step, tick or None, note)]"""
        ticks = {t.step_key: t for t in self.workbook.ticks.select_related("ticked_by")}
        rows = []
        for step in self.workbook.guide.steps.all():
            key = Answer.NOTE_PREFIX + step.key
            rows.append((step, ticks.get(step.key), self._answers.get(key) or Answer(key=key)))
        return rows

    @cached_property
    def progress(self) -> list[PartProgress]:
        parts = [
            PartProgress(group.title, sum(1 for _q, a, _n in rows if a.text.strip()), len(rows))
            for group, rows in self.groups
        ]
        parts.append(
            PartProgress("", sum(1 for _s, tick, _n in self.steps if tick), len(self.steps))
        )
        return parts

    @cached_property
    def new_questions(self) -> list:
        if self.workbook.guide.version <= self.workbook.version_seen:
            return []
        return [q for _g, rows in self.groups for q, _a, is_new in rows if is_new]

    @cached_property
    def new_steps(self) -> list:
        if self.workbook.guide.version <= self.workbook.version_seen:
            return []
        return [s for s, _t, _n in self.steps if s.added_in_version > self.workbook.version_seen]

    @cached_property
    def retired(self) -> list[Answer]:
        """Answers to questions or steps that a newer version of the guide no longer has."""
        current = {q.key for _g, rows in self.groups for q, _a, _n in rows}
        current |= {note.key for _s, _t, note in self.steps}
        return [a for key, a in self._answers.items() if a.text and key not in current]


def workbook_view(workbook: Workbook) -> WorkbookView:
    return WorkbookView(workbook)


def progress(workbook: Workbook) -> list[PartProgress]:
    return workbook_view(workbook).progress


def workbooks_of(organisation) -> list[Workbook]:
    return list(organisation.workbooks.select_related("guide").order_by("guide__position"))


def export_for_user(user) -> dict:
    """What she wrote and ticked in workbooks, for her data export."""
    versions = AnswerVersion.objects.filter(author=user).select_related(
        "answer__workbook__organisation", "answer__workbook__guide"
    )
    ticks = StepTick.objects.filter(ticked_by=user).select_related(
        "workbook__organisation", "workbook__guide"
    )
    return {
        "workbooks_started": plain(
            Workbook.objects.filter(started_by=user),
            "organisation__name",
            "guide__slug",
            "started_at",
        ),
        "workbook_texts": [
            {
                "organisation": v.answer.workbook.organisation.name,
                "guide": v.answer.workbook.guide.slug,
                "key": v.answer.key,
                "text": v.text,
                "written_at": v.created_at.isoformat(),
            }
            for v in versions
        ],
        "workbook_ticks": [
            {
                "organisation": t.workbook.organisation.name,
                "guide": t.workbook.guide.slug,
                "step": t.step_key,
                "ticked_at": t.ticked_at.isoformat(),
            }
            for t in ticks
        ],
    }


def profile_answers(organisation, guide_slug: str) -> dict[str, str]:
    """A group's answers by machine-readable key (profile_key), for other modules to reuse:
    e.g. the venue finder fills in its search profile from the location guide."""
    keys = dict(
        HelpQuestion.objects.filter(guide__slug=guide_slug)
        .exclude(profile_key="")
        .values_list("key", "profile_key")
    )
    answers = Answer.objects.filter(
        workbook__organisation=organisation, workbook__guide__slug=guide_slug, key__in=keys
    )
    return {keys[a.key]: a.text for a in answers if a.text.strip()}
