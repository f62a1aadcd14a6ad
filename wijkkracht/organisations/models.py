"""Organisations, their members and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_DAYS = 7


class Organisation(models.Model):
    class LegalForm(models.TextChoices):
        INFORMAL = "informal", _("Informele groep")
        FOUNDATION = "foundation", _("Stichting")
        ASSOCIATION = "association", _("Vereniging")
        COOPERATIVE = "cooperative", _("Coöperatie")
        OTHER = "other", _("Anders")

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=140, unique=True)
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=20, choices=LegalForm.choices, default=LegalForm.INFORMAL
    )
    areas = models.ManyToManyField(
        "places.Area", verbose_name=_("wijken"), blank=True, related_name="organisations"
    )
    # Translated per language (see translation.py); empty languages fall back to Dutch.
    description = models.TextField(_("korte beschrijving"), blank=True, max_length=2000)
    target_groups = models.TextField(_("doelgroepen"), blank=True, max_length=500)
    activities = models.TextField(_("activiteiten"), blank=True, max_length=2000)
    is_public = models.BooleanField(_("openbaar profiel"), default=False)
    is_demo = models.BooleanField(_("demo"), default=False, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.slug])

    def admins(self) -> models.QuerySet:
        return self.memberships.filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Lid")
        ADMIN = "admin", _("Beheerder")

    # Higher number, more rights: the access helper compares these.
    RANK = {Role.MEMBER: 1, Role.ADMIN: 2}

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("lid sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def has_role(self, role: str) -> bool:
        return self.RANK[self.role] >= self.RANK[role]

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry():
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """A way in: a link to share (many may use it) or a mail to one address (used once)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    role = models.CharField(
        _("rol"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"), default=default_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.email or _('link')}"

    def get_absolute_url(self) -> str:
        return reverse("organisations:accept", args=[self.token])

    @property
    def is_link(self) -> bool:
        return not self.email

    def is_usable(self) -> bool:
        if self.revoked_at or self.expires_at <= timezone.now():
            return False
        return self.is_link or self.accepted_at is None
