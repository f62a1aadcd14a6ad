"""Signing in by e-mail link, and a person's own data: export and deletion."""

from collections.abc import Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from sesame.utils import get_token, get_user

from wijkkracht.core import personal_data
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import plain

from .models import RoleGrant, User, normalise_email

SIGN_UP_SALT = "wijkkracht.accounts.sign-up"
LINK_MINUTES = settings.SESAME_MAX_AGE // 60


def send_sign_in_link(email: str, next_url: str = "", site_url: str = "") -> None:
    """Mail a link that signs in, or creates the account for a new address.

    Both cases send one mail and return nothing, so the answer on the page never
    tells whether an address has an account.
    """
    email = normalise_email(email)
    user = User.objects.get_by_email(email)
    known = user is not None and user.is_active
    if known:
        view, token = "accounts:link", get_token(user)
    else:
        view, token = "accounts:welcome", signing.dumps({"email": email}, salt=SIGN_UP_SALT)
    query = {settings.SESAME_TOKEN_NAME: token}
    if next_url:
        query["next"] = next_url
    url = (site_url or settings.SITE_URL) + reverse(view) + "?" + urlencode(query)
    # In the language she chose for her account, else the one she is reading now.
    with translation.override((user.language if known else "") or translation.get_language()):
        subject = (
            _("Je link om in te loggen bij Wijkkracht")
            if known
            else _("Maak je account bij Wijkkracht")
        )
        context = {"url": url, "minutes": LINK_MINUTES, "new": not known}
        body = render_to_string("accounts/email/sign_in_link.txt", context)
    send_after_commit(subject, body, [email])


def user_for_link(token: str, *, use: bool) -> User | None:
    """The person a sign-in link belongs to, if it is still valid.

    With use=True the link is spent: django-sesame's one-time tokens depend on
    the last login, which signing in changes.
    """
    return get_user(token, update_last_login=use) if token else None


def email_for_welcome(token: str) -> str | None:
    """The address a sign-up link was sent to, while it is fresh and unused."""
    try:
        data = signing.loads(token, salt=SIGN_UP_SALT, max_age=settings.SESAME_MAX_AGE)
    except signing.BadSignature:  # also raised when expired
        return None
    email = data.get("email", "")
    if not email or User.objects.get_by_email(email) is not None:
        return None  # the account was made with this link already
    return email


def create_account(email: str, name: str = "", language: str = "") -> User | None:
    """Create the account for a fresh sign-up link; None if someone was first."""
    try:
        with transaction.atomic():
            return User.objects.create_user(email, name=name, language=language)
    except IntegrityError:
        return None


def export_account(user: User) -> dict:
    """Her account and platform roles: the accounts app's part of her data export."""
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "has_password": user.has_usable_password(),
        },
        "platform_roles": [
            {"role": grant.role, "granted_at": grant.granted_at.isoformat()}
            for grant in user.role_grants.all()
        ],
        # Roles she gave others, without naming them: their data is theirs.
        "platform_roles_granted": plain(
            RoleGrant.objects.filter(granted_by=user), "role", "granted_at"
        ),
    }


def export_personal_data(user: User) -> dict:
    """Everything Wijkkracht holds about this person: every app's registered part."""
    return {"exported_at": timezone.now().isoformat(), **personal_data.export_for(user)}


@transaction.atomic
def delete_account(user: User, choices: Mapping[str, str]) -> None:
    """Delete a person after every app's registered step (handing over what she alone
    administers, forgetting her mail, ...). Raises personal_data.HandOverFailed, having
    changed nothing, when a hand-over she chose is no longer possible."""
    personal_data.erase(user, choices)
    user.delete()
