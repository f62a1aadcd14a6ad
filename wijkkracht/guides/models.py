"""Guides (stappenplannen): the CoP's step-by-step plans, as data.

Texts are stored once per language (translation.py) and fall back to Dutch. Questions
and steps carry a stable key: workbook answers hang on the key, not on the row, so a
new version of a guide keeps every group's answers.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class GuideQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Guide.Status.PUBLISHED)


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept (niet zichtbaar)")
        PUBLISHED = "published", _("Gepubliceerd")

    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    concept = models.BooleanField(
        _("nog te toetsen door de CoP"),
        default=False,
        help_text=_("Toont het label: concept, nog te toetsen door de CoP."),
    )
    last_reviewed = models.DateField(_("laatst bekeken op"))
    authors = models.TextField(
        _("auteurs (organisaties)"), help_text=_("Eén organisatie per regel.")
    )
    # Languages whose text is a draft translation awaiting review.
    draft_languages = models.JSONField(_("talen in concept"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=120)
    question = models.CharField(_("vraag"), max_length=200)
    summary = models.CharField(_("samenvatting"), max_length=300)
    challenge = models.TextField(_("de uitdaging"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("stappenplan")
        verbose_name_plural = _("stappenplannen")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", args=[self.slug])

    def language_shown(self) -> str:
        """The language its text appears in now: the reader's, or Dutch as the fallback."""
        language = get_language() or settings.LANGUAGE_CODE
        return language if getattr(self, f"title_{language}", "") else settings.LANGUAGE_CODE

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def parts(self) -> dict[str, list["GuideItem"]]:
        """The list parts by kind (situation, experience, do, dont, tip), in order."""
        grouped: dict[str, list[GuideItem]] = {kind: [] for kind in GuideItem.Kind.values}
        for item in sorted(self.items.all(), key=lambda item: item.position):
            grouped[item.kind].append(item)
        return grouped


class GuideItem(models.Model):
    """One entry of a list part: a situation, an experience, a do, a don't or a tip."""

    class Kind(models.TextChoices):
        SITUATION = "situation", _("Herkenbare situatie")
        EXPERIENCE = "experience", _("Ervaring uit de praktijk")
        DO = "do", _("Doen")
        DONT = "dont", _("Niet doen")
        TIP = "tip", _("Extra tip")

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("tekst"))

    class Meta:
        ordering = ["kind", "position"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def __str__(self) -> str:
        return self.text[:60]


class QuestionGroup(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="question_groups")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=160)

    class Meta:
        ordering = ["position"]
        verbose_name = _("groep hulpvragen")
        verbose_name_plural = _("groepen hulpvragen")
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="one_group_per_place"),
        ]

    def __str__(self) -> str:
        return self.title


class HelpQuestion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions")
    group = models.ForeignKey(QuestionGroup, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("vaste sleutel"), max_length=60)
    position = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("vraag"))
    profile_key = models.SlugField(
        _("sleutel voor andere onderdelen"),
        max_length=60,
        blank=True,
        help_text=_(
            "Bijvoorbeeld people_expected: de zoekfunctie voor locaties gebruikt het antwoord."
        ),
    )
    added_in_version = models.PositiveIntegerField(_("nieuw in versie"), default=1)

    class Meta:
        ordering = ["group__position", "position"]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        constraints = [
            models.UniqueConstraint(fields=["guide", "key"], name="one_question_per_key"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Step(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(_("vaste sleutel"), max_length=60)
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("uitleg"))
    added_in_version = models.PositiveIntegerField(_("nieuw in versie"), default=1)

    class Meta:
        ordering = ["position"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        constraints = [
            models.UniqueConstraint(fields=["guide", "key"], name="one_step_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def number(self) -> int:
        return self.position


class Workbook(models.Model):
    """An organisation working through a guide together."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="workbooks"
    )
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, related_name="workbooks")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    # The guide version whose changes the group has seen; newer parts are marked "new".
    version_seen = models.PositiveIntegerField(default=1)
    # Moves on every answer, tick or "seen": the cached page is keyed on it.
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("werkboek")
        verbose_name_plural = _("werkboeken")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "guide"], name="one_workbook_per_guide"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.guide}"

    def get_absolute_url(self) -> str:
        return reverse("guides:workbook", args=[self.organisation.slug, self.guide.slug])


class Answer(models.Model):
    """The group's current text for one help question (key) or one step's notes ("note:key").

    `revision` counts the saves; a save names the revision it started from, so a save
    from a stale copy is refused instead of overwriting someone else's text.
    """

    NOTE_PREFIX = "note:"

    workbook = models.ForeignKey(Workbook, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=80)
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workbook", "key"], name="one_answer_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.workbook}: {self.key}"


class AnswerVersion(models.Model):
    """Every saved text of an answer: who wrote what, and when."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "revision"], name="one_version_per_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.answer} #{self.revision}"


class StepTick(models.Model):
    """A step the group has done: when and by whom."""

    workbook = models.ForeignKey(Workbook, on_delete=models.CASCADE, related_name="ticks")
    step_key = models.CharField(max_length=60)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workbook", "step_key"], name="one_tick_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.workbook}: {self.step_key}"
