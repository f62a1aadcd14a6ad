"""Showing what an organisation achieves: its change story, outputs it counts, anonymous
questionnaires and their results, a joint interpretation, and a one-page factsheet."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(16)


class ChangeStory(models.Model):
    """The veranderverhaal: problem, people, aims, approach, effects, wider aims."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="change_stories"
    )
    project = models.CharField(
        _("project"),
        max_length=150,
        blank=True,
        help_text=_("Leeg laten als het over de hele organisatie gaat."),
    )
    problem = models.TextField(_("welk probleem in de buurt pakken jullie aan?"), blank=True)
    target_groups = models.TextField(
        _("voor wie?"), blank=True, help_text=_("Eén groep per regel.")
    )
    aims = models.TextField(_("wat willen jullie bereiken, met en voor bewoners?"), blank=True)
    activities = models.TextField(
        _("wat doen jullie?"), blank=True, help_text=_("Eén activiteit per regel.")
    )
    attitude = models.TextField(_("hoe doen jullie het? (houding)"), blank=True)
    contributes_to = models.TextField(
        _("draagt indirect bij aan"), blank=True, help_text=_("Eén doel per regel.")
    )
    facts = models.JSONField(_("feiten en cijfers"), default=list, blank=True)
    factsheet_token = models.CharField(max_length=40, unique=True, default=new_token)
    factsheet_public = models.BooleanField(_("factsheet openbaar"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("veranderverhaal")
        verbose_name_plural = _("veranderverhalen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "project"], name="one_story_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.project}".strip()

    def get_absolute_url(self) -> str:
        return reverse("impact:story", args=[self.organisation.slug, self.pk])

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]


class Effect(models.Model):
    class Level(models.TextChoices):
        PERSON = "person", _("Persoon")
        GROUP = "group", _("Groep")
        NEIGHBOURHOOD = "neighbourhood", _("Buurt")

    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="effects")
    key = models.SlugField(max_length=60)
    text = models.CharField(_("effect"), max_length=250)
    level = models.CharField(
        _("op welk niveau?"), max_length=15, choices=Level.choices, default=Level.PERSON
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("effect")
        verbose_name_plural = _("effecten")
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="one_effect_key_per_story")
        ]

    def __str__(self) -> str:
        return self.text


class Indicator(models.Model):
    effect = models.ForeignKey(Effect, on_delete=models.CASCADE, related_name="indicators")
    text = models.CharField(_("wat tellen of vragen jullie?"), max_length=250)
    source = models.CharField(_("waar komt het vandaan?"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.text


class Counter(models.Model):
    """Something the organisation counts: activities, visitors, cups of coffee, …"""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="counters"
    )
    key = models.SlugField(max_length=60)
    label = models.CharField(_("wat tellen jullie?"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="one_counter_key_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.label


class CounterEntry(models.Model):
    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="entries")
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    activity = models.CharField(_("activiteit"), max_length=150, blank=True)
    value = models.DecimalField(_("aantal"), max_digits=12, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")

    def __str__(self) -> str:
        return f"{self.counter}: {self.value}"


class Questionnaire(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="questionnaires"
    )
    story = models.ForeignKey(
        ChangeStory, on_delete=models.SET_NULL, null=True, blank=True, related_name="questionnaires"
    )
    title = models.CharField(_("titel"), max_length=150)
    intro = models.TextField(_("uitleg voor wie invult"), blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    opens_on = models.DateField(_("open vanaf"), null=True, blank=True)
    closes_on = models.DateField(_("open tot en met"), null=True, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token)
    results_public = models.BooleanField(_("resultaten openbaar"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("impact:questionnaire", args=[self.organisation.slug, self.pk])


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Eens/oneens (vijf punten)")
        YES_NO = "yes_no", _("Ja/nee")
        CHOICE = "choice", _("Meerkeuze")
        OPEN = "open", _("Open vraag")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(_("vaste sleutel"), max_length=60)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    text = models.CharField(_("vraag of stelling"), max_length=300)
    translations = models.JSONField(default=dict, blank=True)  # language → text
    choices = models.JSONField(default=list, blank=True)  # for multiple choice
    effect = models.ForeignKey(
        Effect, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    effect_label = models.CharField(_("effect"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"], name="one_question_key_per_questionnaire"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def text_in(self, language: str) -> str:
        return self.translations.get(language) or self.text


class Response(models.Model):
    """One filled-in form. Anonymous by design: no account, address, device or time is
    kept, and the random id means the stored order says nothing about who came when.
    Only the way it came in is kept (its source), so the paper page counts paper forms."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online ingevuld")
        PAPER = "paper", _("Op papier, ingetypt")
        IMPORT = "import", _("Uit een CSV-bestand")
        # Stored before the source was kept: nothing tells how these came in.
        UNKNOWN = "unknown", _("Niet bekend")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    answers = models.JSONField(default=dict)  # question key → "1".."5", "dk", "yes", …
    source = models.CharField(
        _("hoe binnengekomen"),
        max_length=10,
        choices=Source.choices,
        default=Source.UNKNOWN,
        editable=False,
    )

    class Meta:
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")

    def __str__(self) -> str:
        return str(self.pk)


class AnswerTally(models.Model):
    """How often a value was given to a question, kept in step with the responses (see
    tallies.py) so results need not read every response. Only counts: nothing links a
    tally to a response. Closed questions: one row per value; open questions: value ""
    counts the texts given; question_key "" with value "" counts the responses."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="tallies"
    )
    question_key = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("telling van antwoorden")
        verbose_name_plural = _("tellingen van antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "question_key", "value"], name="one_tally_per_answer_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_key}={self.value}: {self.count}"


class Quote(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField(_("citaat"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("citaat")
        verbose_name_plural = _("citaten")

    def __str__(self) -> str:
        return self.text[:60]


class Interpretation(models.Model):
    """The conclusions of a joint session that looked at the results together."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="interpretations"
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpretations",
    )
    held_on = models.DateField(_("datum van het gesprek"))
    participants = models.TextField(
        _("welke organisaties deden mee?"),
        help_text=_("Eén organisatie per regel; geen namen van mensen."),
    )
    recognise = models.TextField(_("herkennen we de cijfers?"), blank=True)
    explain = models.TextField(
        _("kunnen we ze verklaren?"),
        blank=True,
        help_text=_("Denk aan de situatie in de buurt en veranderingen in de doelgroep."),
    )
    opinion = models.TextField(_("wat vinden we ervan?"), blank=True)
    future = models.TextField(_("wat betekenen ze voor de toekomst?"), blank=True)
    actions = models.TextField(_("welke acties volgen eruit?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("duiding")
        verbose_name_plural = _("duidingen")

    def __str__(self) -> str:
        return f"{self.organisation} {self.held_on}"
