"""The knowledge exchange: a member brings in a challenge, others answer from their own
practice, and a facilitator can turn the whole into a draft guide."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core import home


class Post(models.Model):
    """What challenges and answers share: an author, a time, and hiding with a reason."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reden om te verbergen"), max_length=300, blank=True)

    objects = home.telling("exchange").as_manager()  # new answers wait for the asker

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def signed(self) -> str:
        """Who wrote it, as others see it: her name and her group."""
        name = self.author.display_name if self.author else _("iemand")
        return f"{name} ({self.organisation.name})" if self.organisation else str(name)


class Challenge(Post):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FOR_GUIDE = "for_guide", _("Voor een nieuw stappenplan")

    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("beschrijving"), max_length=5000)
    area = models.ForeignKey(
        "places.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    related_guide = models.ForeignKey(
        "guides.Guide",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("past bij stappenplan"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    draft_guide = models.ForeignKey(
        "guides.Guide",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="from_challenges",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitdaging")
        verbose_name_plural = _("uitdagingen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:challenge", args=[self.pk])


class Answer(Post):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("je antwoord"), max_length=5000)
    helpful = models.BooleanField(_("behulpzaam"), default=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return self.text[:60]


class Report(models.Model):
    """Someone flags a post; a facilitator looks at it and may hide the post."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(_("wat is er mis?"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    objects = home.telling("exchange").as_manager()  # open reports wait for facilitators

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(challenge__isnull=False, answer__isnull=True)
                | models.Q(challenge__isnull=True, answer__isnull=False),
                name="report_about_one_post",
            )
        ]

    def __str__(self) -> str:
        return self.reason[:60]

    def get_absolute_url(self) -> str:
        url = self.about.get_absolute_url()
        return f"{url}#answer-{self.answer_id}" if self.answer_id else url

    @property
    def about(self) -> Challenge:
        """The question the report is about, also when it is about one of its answers.
        Chosen here, not in the template: a template's `default:` argument is looked up
        even when it is not used, and fails on a report that has no answer."""
        return self.answer.challenge if self.answer_id else self.challenge

    @property
    def text(self) -> str:
        """What was reported, as it stands: the answer, or the question's description."""
        return self.answer.text if self.answer_id else self.challenge.description


class DigestSubscription(models.Model):
    """Her mail from the exchange: the daily overview (opt-in, at most one a day) and a
    mail as soon as someone answers her question (on unless she turns it off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_digest"
    )
    active = models.BooleanField(_("dagelijks overzicht per mail"), default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # Without a row she gets this mail too: someone who asks wants to hear the answer.
    answer_mail = models.BooleanField(
        _("meteen een mail bij een antwoord op mijn vraag"), default=True
    )

    class Meta:
        verbose_name = _("dagelijks overzicht")
        verbose_name_plural = _("dagelijkse overzichten")

    def __str__(self) -> str:
        return str(self.user)
