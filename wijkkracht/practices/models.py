"""Practices: projects others ran to reach people, with what worked, searchable by theme,
level, recruitment method, municipality and country of origin."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wijkkracht.core import home

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
# Marks a text shown in Dutch because its translation is missing, so that a screen reader
# reads it as Dutch and an Arabic page keeps it left to right.
IN_DUTCH = mark_safe(f' lang="{SOURCE_LANGUAGE}" dir="ltr"')  # noqa: S308 (a constant)


def _reader_language() -> str:
    return (get_language() or SOURCE_LANGUAGE).split("-")[0]


def shown_in(row: models.Model, name: str) -> str:
    """The language a translated field of a row shows in now: the reader's, or Dutch when
    her language has no text (modeltranslation then falls back to the Dutch text)."""
    language = _reader_language()
    if language != SOURCE_LANGUAGE and getattr(row, f"{name}_{language}", None) in ("", None, []):
        return SOURCE_LANGUAGE
    return language


class _InDutch:
    def __init__(self, row: models.Model):
        self.row = row

    def __getitem__(self, name: str) -> str:
        if _reader_language() != SOURCE_LANGUAGE and shown_in(self.row, name) == SOURCE_LANGUAGE:
            return IN_DUTCH
        return ""


class Translatable:
    """A row with per-language columns (translation.py). In a template,
    `<p{{ row.lang_attr.text }}>` marks a text that falls back to Dutch."""

    @property
    def lang_attr(self) -> _InDutch:
        return _InDutch(self)


class Translated(Translatable, models.Model):
    """Translated content that says which of its translations still await review."""

    # Languages whose text is a machine-drafted translation awaiting review.
    draft_languages = models.JSONField(_("talen in concept"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def draft_translation(self) -> bool:
        return _reader_language() in self.draft_languages


class Level(Translated):
    """A participation level and the inventory's conclusions for it."""

    key = models.SlugField(_("vaste sleutel"), max_length=20, unique=True)
    label = models.CharField(_("naam"), max_length=80)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    who = models.TextField(_("wie zijn de deelnemers"), blank=True)
    recruitment = models.TextField(_("werving"), blank=True)
    way_of_working = models.TextField(_("werkwijze"), blank=True)
    preconditions = models.TextField(_("randvoorwaarden"), blank=True)
    cooperation = models.TextField(_("samenwerking"), blank=True)
    municipality_role = models.TextField(_("rol van de gemeente"), blank=True)
    recommendations = models.JSONField(_("aanbevelingen"), default=list, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("participatieniveau")
        verbose_name_plural = _("participatieniveaus")

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("practices:level", args=[self.key])


class Theme(Translated):
    label = models.CharField(_("thema"), max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.label


class RecruitmentMethod(Translated):
    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(_("wervingsmethode"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("wervingsmethode")
        verbose_name_plural = _("wervingsmethoden")

    def __str__(self) -> str:
        return self.label


class Country(models.Model):
    name = models.CharField(_("land"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("land van herkomst")
        verbose_name_plural = _("landen van herkomst")

    def __str__(self) -> str:
        return self.name


class OnPostgreSQL(models.Func):
    """Its expression on PostgreSQL and NULL elsewhere: SQLite keeps the Dutch stems in
    an FTS5 table of its own (see search.py)."""

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def as_sqlite(self, compiler, connection, **extra):
        return "NULL", []


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)

    # Writes that send no signals still change what the library shows (see facets.py).
    # (and sent-in practices wait for a facilitator on her home page, core.home)
    def update(self, **kwargs) -> int:
        LibraryVersion.bump()
        home.changed("practices")
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        LibraryVersion.bump()
        home.changed("practices")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        LibraryVersion.bump()
        home.changed("practices")
        return super().bulk_update(objs, *args, **kwargs)


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        INITIATIVE = "initiative", _("Bewonersinitiatief")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Zoals L1, M3 of L-H2; voor andere praktijken een korte naam."),
    )
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.PROJECT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    name = models.CharField(_("naam"), max_length=200)
    municipality = models.CharField(_("gemeente"), max_length=80, blank=True)
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("participatieniveau"),
    )
    organisations = models.JSONField(
        _("betrokken organisaties"),
        default=list,
        blank=True,
        help_text=_("Lijst van {name, kind}."),
    )
    target_group = models.TextField(_("doelgroep"), blank=True)
    occasion = models.TextField(_("aanleiding"), blank=True)
    goal = models.TextField(_("doel"), blank=True)
    working_method = models.TextField(_("werkwijze"), blank=True)
    reach = models.TextField(_("bereik"), blank=True)
    reach_number = models.PositiveIntegerField(_("aantal bereikt"), null=True, blank=True)
    what_worked = models.JSONField(_("wat werkte"), default=list, blank=True)
    what_did_not = models.JSONField(_("wat werkte niet"), default=list, blank=True)
    preconditions = models.JSONField(_("randvoorwaarden"), default=list, blank=True)
    municipality_role = models.TextField(_("rol van de gemeente"), blank=True)
    publications = models.JSONField(_("publicaties"), default=list, blank=True)
    working_elements = models.JSONField(_("werkzame elementen"), default=list, blank=True)
    transferability = models.TextField(_("overdraagbaarheid"), blank=True)
    effects = models.JSONField(_("effecten"), default=list, blank=True)
    facts = models.JSONField(
        _("feiten en cijfers"), default=list, blank=True, help_text=_("Lijst van {label, value}.")
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)
    source_date = models.CharField(_("datum van de bron"), max_length=40, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="practices", verbose_name=_("thema's")
    )
    methods = models.ManyToManyField(
        RecruitmentMethod, blank=True, related_name="practices", verbose_name=_("wervingsmethoden")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="practices", verbose_name=_("landen van herkomst")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # All text in one field, for full-text search on both databases.
    search_text = models.TextField(editable=False, blank=True)
    # PostgreSQL computes the Dutch text vector when a row is written (the name weighs
    # more than the text) and keeps a GIN index on it (migration 0003).
    search_vector = models.GeneratedField(
        expression=OnPostgreSQL(
            SearchVector("name", weight="A", config="dutch")
            + SearchVector("search_text", weight="B", config="dutch")
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["level__position", "code"]
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = self.gather_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.slug])

    TEXT_FIELDS = [
        "municipality",
        "target_group",
        "occasion",
        "goal",
        "working_method",
        "reach",
        "municipality_role",
        "transferability",
    ]
    LIST_FIELDS = [
        "what_worked",
        "what_did_not",
        "preconditions",
        "publications",
        "working_elements",
        "effects",
    ]

    def gather_text(self) -> str:
        parts = [getattr(self, name) for name in self.TEXT_FIELDS]
        for name in self.LIST_FIELDS:
            parts.extend(str(item) for item in getattr(self, name) or [])
        parts.extend(
            f"{o.get('name', '')} {o.get('kind', '')}"
            for o in self.organisations
            if isinstance(o, dict)
        )
        parts.extend(
            f"{f.get('label', '')} {f.get('value', '')}" for f in self.facts if isinstance(f, dict)
        )
        return "\n".join(p for p in parts if p)


class Lesson(Translated):
    """A lesson that runs across the levels, as a card linked to its practices."""

    key = models.SlugField(max_length=40, unique=True)
    title = models.CharField(_("titel"), max_length=150)
    text = models.TextField(_("tekst"))
    position = models.PositiveSmallIntegerField(default=0)
    practices = models.ManyToManyField(
        Practice, blank=True, related_name="lessons", verbose_name=_("praktijken")
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def __str__(self) -> str:
        return self.title


class DecisionQuestion(Translated):
    key = models.SlugField(max_length=40, unique=True)
    text = models.CharField(_("vraag"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("vraag van de keuzehulp")
        verbose_name_plural = _("vragen van de keuzehulp")

    def __str__(self) -> str:
        return self.text


class DecisionAnswer(Translatable, models.Model):
    question = models.ForeignKey(DecisionQuestion, on_delete=models.CASCADE, related_name="answers")
    key = models.SlugField(max_length=40)
    text = models.CharField(_("antwoord"), max_length=200)
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="one_answer_key_per_question")
        ]

    def __str__(self) -> str:
        return self.text


class LibraryVersion(models.Model):
    """One row whose token changes, in the same transaction, with every change to the
    published library: a process that built its facet index (facets.py) at this token
    knows it is still right. A token, not a counter, so a rolled-back change never comes
    back under a number another process has seen."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("versie van de bibliotheek")
        verbose_name_plural = _("versies van de bibliotheek")

    def __str__(self) -> str:
        return self.token

    @classmethod
    def bump(cls) -> None:
        token = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(token=token):
            cls.objects.update_or_create(pk=1, defaults={"token": token})

    @classmethod
    def current(cls) -> str | None:
        with connection.cursor() as cursor:  # read on every search: the ORM costs more here
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else None
