"""Signing in by e-mail link or code, and a person's own data: export and deletion."""

import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from sesame.utils import get_token, get_user

from wijkkracht.core import personal_data
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import plain

from .backends import forget_cached_user
from .models import RoleGrant, SignInCode, User, normalise_email

SIGN_UP_SALT = "wijkkracht.accounts.sign-up"
LINK_MINUTES = settings.SESAME_MAX_AGE // 60
CODE_DIGITS = 6
# Tries per code, wrong or right: with a million codes, five tries are a chance of one in
# 200,000 per mail. The views also limit tries per address and per client each hour.
CODE_TRIES = 5
# "Keep me signed in on this phone": this long; else the session ends with the browser.
KEEP_SIGNED_IN_SECONDS = 60 * 24 * 60 * 60


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
        view, token = "accounts:welcome", _sign_up_token(email)
    url = (site_url or settings.SITE_URL) + _sign_in_path(view, token, next_url)
    code = _new_code(email)
    # In the language she chose for her account, else the one she is reading now.
    with translation.override((user.language if known else "") or translation.get_language()):
        subject = (
            _("Je link om in te loggen bij Wijkkracht")
            if known
            else _("Maak je account bij Wijkkracht")
        )
        context = {"url": url, "code": code, "minutes": LINK_MINUTES, "new": not known}
        body = render_to_string("accounts/email/sign_in_link.txt", context)
    send_after_commit(subject, body, [email])


def _sign_up_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=SIGN_UP_SALT)


def _sign_in_path(view: str, token: str, next_url: str = "") -> str:
    query = {settings.SESAME_TOKEN_NAME: token}
    if next_url:
        query["next"] = next_url
    return reverse(view) + "?" + urlencode(query)


def code_hash(email: str, code: str) -> str:
    """Keyed with the SECRET_KEY: a copy of the table alone cannot be tried against all
    million codes. The address is in it, so a code fits only the address it was sent to."""
    salt = "wijkkracht.accounts.sign-in-code"
    return salted_hmac(salt, f"{email}:{code}", algorithm="sha256").hexdigest()


def _new_code(email: str) -> str:
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    SignInCode.objects.create(
        email=email,
        code_hash=code_hash(email, code),
        expires_at=timezone.now() + timedelta(seconds=settings.SESAME_MAX_AGE),
    )
    return code


def normalise_code(typed: str) -> str:
    """The digits she typed, without spaces or dashes; Arabic-Indic and other digits of
    her keyboard count as the same digits. "" when anything else is in it."""
    kept = [ch for ch in typed if not ch.isspace() and ch not in "-–."]
    if not kept or not all(unicodedata.decimal(ch, None) is not None for ch in kept):
        return ""
    return "".join(str(unicodedata.decimal(ch)) for ch in kept)


class CodeRefused(Exception):
    """The code is wrong, used, expired or out of tries: one answer for all, so a guess
    learns nothing."""


@dataclass(frozen=True)
class CodeAccepted:
    """Where a right code leads: the person to sign in, or for a new address the
    welcome step (a path with a fresh sign-up token), as the link would have done."""

    user: User | None = None
    welcome_path: str = ""


def _live_codes(email: str):
    return SignInCode.objects.filter(
        email=email, used_at__isnull=True, expires_at__gt=timezone.now()
    )


def use_code(email: str, typed: str, next_url: str = "") -> CodeAccepted:
    """Sign in with the code from the mail. Raises CodeRefused.

    Every try first takes one of each open code's tries with a conditional update, so
    parallel guesses cannot go past CODE_TRIES; the right code is then spent the same way,
    so it works once. Her other open codes go with it. For a known person the link in the
    mail is spent too once she is signed in (django-sesame's tokens follow her last login).
    """
    email = normalise_email(email)
    code = normalise_code(typed)
    wanted = code_hash(email, code) if len(code) == CODE_DIGITS else ""
    tried = [
        row
        for row in _live_codes(email).filter(attempts__lt=CODE_TRIES)
        if SignInCode.objects.filter(pk=row.pk, attempts__lt=CODE_TRIES).update(
            attempts=F("attempts") + 1
        )
    ]
    match = next((r for r in tried if wanted and constant_time_compare(r.code_hash, wanted)), None)
    now = timezone.now()
    if match is None or not SignInCode.objects.filter(pk=match.pk, used_at__isnull=True).update(
        used_at=now
    ):
        raise CodeRefused
    spend_codes(email)
    user = User.objects.get_by_email(email)
    if user is None:
        welcome = _sign_in_path("accounts:welcome", _sign_up_token(email), next_url)
        return CodeAccepted(welcome_path=welcome)
    if not user.is_active:  # an account that staff switched off: as for its link
        raise CodeRefused
    return CodeAccepted(user=user)


def spend_codes(email: str) -> int:
    """Her codes that are still open no longer work (she signed in, by code or link)."""
    return _live_codes(normalise_email(email)).update(used_at=timezone.now())


def forget_old_codes() -> int:
    """Codes are kept an hour past their end, for nobody's use: then they go."""
    return SignInCode.objects.filter(expires_at__lt=timezone.now() - timedelta(hours=1)).delete()[0]


def forget_her_codes(user: User, choices: Mapping[str, str]) -> None:
    """Her step when she deletes her account: her address goes from the codes too."""
    SignInCode.objects.filter(email=normalise_email(user.email)).delete()


def session_seconds(keep_signed_in: bool) -> int:
    """For session.set_expiry: long on her own phone, else 0: until the browser closes."""
    return KEEP_SIGNED_IN_SECONDS if keep_signed_in else 0


def sign_out_everywhere(user: User) -> None:
    """End her sessions on every device: each session carries a hash of the session
    version (User._get_session_auth_hash), so raising it invalidates them all.

    The cached copy of her row (backends.CachedModelBackend) would still carry the old
    version and keep the old sessions alive: it is dropped now and again after the commit,
    so a request that read the old row meanwhile cannot put it back.
    """
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_version=F("session_version") + 1)
        user.refresh_from_db(fields=["session_version"])
        forget_cached_user(user.pk)
        transaction.on_commit(lambda: forget_cached_user(user.pk))


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
            user = User.objects.create_user(email, name=name, language=language)
    except IntegrityError:
        return None
    spend_codes(email)  # the code in the same mail led here too, or may still
    return user


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
