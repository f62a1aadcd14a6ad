"""People: an account is an e-mail address, a name, a language and platform roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_email(self, email: str) -> "User | None":
        return self.filter(email__iexact=normalise_email(email)).first()

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)  # None gives an unusable password: magic links only
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


def normalise_email(email: str) -> str:
    """Addresses are compared without case and surrounding spaces."""
    return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=100, blank=True)
    # Empty until she picks a language; then it follows her to every device.
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("beheerder van het platform"), default=False)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)
    # Part of every session's auth hash: raising it ends her sessions on every device.
    session_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("mensen")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]

    def has_platform_role(self, role: str) -> bool:
        return self.role_grants.filter(role=role).exists()

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, with the session version in it: a session made
        before "sign out everywhere" no longer matches and is ended on its next request."""
        return salted_hmac(
            "wijkkracht.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class RoleGrant(models.Model):
    """A platform role given by staff, for the modules that need one."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("CoP-begeleider")
        PROFESSIONAL = "professional", _("Wijkprofessional")
        VENUE_MANAGER = "venue_manager", _("Beheerder van een locatie")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("gegeven door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        verbose_name = _("platformrol")
        verbose_name_plural = _("platformrollen")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class SignInCode(models.Model):
    """The six-digit code in a sign-in mail, for when the link opens in another browser.

    Only a keyed hash of the code is stored (see services.code_hash): the table alone
    does not give the codes back. A code lives as long as the link beside it, works once
    and allows a few tries only.
    """

    email = models.EmailField(_("e-mailadres"), db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("inlogcode")
        verbose_name_plural = _("inlogcodes")

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"
