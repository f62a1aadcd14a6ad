"""What happens to organisations and their members: create, invite, join, leave, hand over."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.accounts.models import normalise_email
from wijkkracht.core import slugs
from wijkkracht.core.mail import send_after_commit
from wijkkracht.core.personal_data import HandOver, HandOverFailed

from .models import Invitation, Membership, Organisation

User = get_user_model()
SUMMARY_SECONDS = 600
LINK_NOT_ADMIN = gettext_lazy(
    "Een link kan iedereen doorsturen. Beheerders nodig je uit met hun e-mailadres."
)


class LastAdminError(ValidationError):
    """An organisation must keep at least one admin."""


def unique_slug(name: str) -> str:
    return slugs.unique_slug(
        name, Organisation.objects.all(), max_length=120, fallback="organisatie"
    )


@transaction.atomic
def create_organisation(founder, **fields) -> Organisation:
    """A new organisation with its founder as its first admin."""
    areas = fields.pop("areas", [])
    for _attempt in range(5):  # two founders picking the same name at once
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    slug=unique_slug(fields["name"]), **fields
                )
            break
        except IntegrityError:
            continue
    else:
        raise ValidationError(_("Probeer het nog eens."))
    organisation.areas.set(areas)
    Membership.objects.create(organisation=organisation, user=founder, role=Membership.Role.ADMIN)
    return organisation


class WrongAccount(Exception):
    """A mailed invitation opened by someone signed in with another address."""


def create_invitation(
    organisation: Organisation, by, email: str = "", role: str = Membership.Role.MEMBER
) -> Invitation:
    """A link to share (many may use it), or with an address one for that person only.
    A link travels further than anyone can see, so it never gives the admin role."""
    email = normalise_email(email)
    if not email and role == Membership.Role.ADMIN:
        raise ValidationError(LINK_NOT_ADMIN)
    return Invitation.objects.create(
        organisation=organisation, email=email, role=role, created_by=by
    )


def invite(
    organisation: Organisation,
    by,
    email: str = "",
    role: str = Membership.Role.MEMBER,
    site_url: str = "",
) -> Invitation:
    """An invitation link; with an address it is also mailed there, once the row is stored
    (a failing mail server is logged and never undoes the invitation)."""
    invitation = create_invitation(organisation, by, email, role)
    if invitation.email:
        context = {
            "organisation": organisation,
            "inviter": by,
            "url": (site_url or settings.SITE_URL) + invitation.get_absolute_url(),
            "invitation": invitation,
        }
        send_after_commit(
            _("Uitnodiging voor %(name)s op Wijkkracht") % {"name": organisation.name},
            render_to_string("organisations/email/invitation.txt", context),
            [invitation.email],
        )
    return invitation


def is_for(invitation: Invitation, user) -> bool:
    """Whether this person may use it: anyone for a link, the addressee for a mail."""
    return invitation.is_link or normalise_email(user.email) == invitation.email


def revoke(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership | None:
    """Join through an invitation. None when it can no longer be used."""
    membership = Membership.objects.filter(organisation=invitation.organisation, user=user).first()
    if membership:
        return membership
    if not invitation.is_usable():
        return None
    if not is_for(invitation, user):
        raise WrongAccount
    if not invitation.is_link:
        # Claim the one use with a conditional update: two clicks at once join once.
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not claimed:
            return None
    # A link never gives the admin role, whatever its row says (see create_invitation).
    role = Membership.Role.MEMBER if invitation.is_link else invitation.role
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": role}
    )
    return membership


def _other_admins(membership: Membership):
    return membership.organisation.memberships.filter(role=Membership.Role.ADMIN).exclude(
        pk=membership.pk
    )


def is_last_admin(membership: Membership) -> bool:
    return membership.is_admin and not _other_admins(membership).exists()


class NotAllowed(Exception):
    """The person acting no longer has the role for this (someone changed it meanwhile)."""


def _lock(organisation_id: int) -> None:
    """Every change to who is in an organisation, or with which role, takes this lock
    first (the organisation's row; on SQLite the write transaction, started IMMEDIATE),
    so the last-admin rule is checked against what is stored, one change at a time."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).exists()


def _current(membership: Membership) -> Membership | None:
    """The membership as stored now, under the lock; None when it is gone."""
    return Membership.objects.select_related("organisation").filter(pk=membership.pk).first()


def _keep_an_admin(membership: Membership, message: str) -> None:
    """The last-admin rule, in one place: call it under _lock."""
    if is_last_admin(membership):
        raise LastAdminError(message)


def _check_actor(by: Membership | None, action: str) -> None:
    from .permissions import may

    if by is not None and not may(_current(by), action):
        raise NotAllowed


@transaction.atomic
def leave(membership: Membership, successor: Membership | None = None) -> None:
    """Leave an organisation; the last admin names a successor first."""
    _lock(membership.organisation_id)
    membership = _current(membership)
    if membership is None:
        return
    if is_last_admin(membership):
        if successor is not None:
            successor = _current(successor)
        if successor is None or successor.organisation_id != membership.organisation_id:
            raise LastAdminError(_("Kies eerst wie de nieuwe beheerder wordt."))
        successor.role = Membership.Role.ADMIN
        successor.save(update_fields=["role"])
    membership.delete()


@transaction.atomic
def change_role(membership: Membership, role: str, by: Membership | None = None) -> None:
    _lock(membership.organisation_id)
    _check_actor(by, "organisation.members")
    membership = _current(membership)
    if membership is None:
        return
    if role != Membership.Role.ADMIN:
        _keep_an_admin(membership, _("Een organisatie heeft minstens één beheerder nodig."))
    membership.role = role
    membership.save(update_fields=["role"])


@transaction.atomic
def remove_member(membership: Membership, by: Membership | None = None) -> bool:
    """Someone is no longer a member; False when she was gone already. `by`, the admin
    who removes her, must still be one when the lock is hers."""
    _lock(membership.organisation_id)
    _check_actor(by, "organisation.members")
    membership = _current(membership)
    if membership is None:
        return False
    _keep_an_admin(membership, _("Een organisatie heeft minstens één beheerder nodig."))
    membership.delete()
    return True


def sole_admin_memberships(user) -> list[Membership]:
    """The memberships in which this person is the only admin, with the other members."""
    result = []
    for membership in user.memberships.filter(role=Membership.Role.ADMIN).select_related(
        "organisation"
    ):
        if is_last_admin(membership):
            membership.others = list(
                membership.organisation.memberships.exclude(pk=membership.pk).select_related("user")
            )
            result.append(membership)
    return result


@transaction.atomic
def hand_overs_for(user) -> list[HandOver]:
    """What she must hand over before her account goes: each organisation she alone
    administers, to one of its other members; with nobody else in it, it goes with her."""
    asked = []
    for membership in sole_admin_memberships(user):
        name = membership.organisation.name
        asked.append(
            HandOver(
                field=f"successor_{membership.organisation_id}",
                label=_("Wie wordt beheerder van %(name)s?") % {"name": name},
                choices=[(str(m.pk), m.user.display_name) for m in membership.others],
                notice=_(
                    "Je bent het enige lid van %(name)s. Die organisatie wordt dan ook verwijderd."
                )
                % {"name": name},
            )
        )
    return asked


def hand_over_all(user, choices: Mapping[str, str]) -> list[str]:
    """Before an account goes: the member she chose takes over each organisation she
    alone administers; an organisation with no other member goes too. Returns the names
    of the organisations removed. Raises HandOverFailed when a chosen successor left."""
    removed = []
    for membership in sole_admin_memberships(user):
        if not membership.others:
            removed.append(membership.organisation.name)
            membership.organisation.delete()
            continue
        chosen = choices.get(f"successor_{membership.organisation_id}")
        successor = next((m for m in membership.others if str(m.pk) == chosen), None)
        try:
            leave(membership, successor)
        except LastAdminError as error:
            raise HandOverFailed(error.message) from error
    return removed


def export_for_user(user) -> dict:
    """Everything about this person's part in organisations, for her data export."""
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_slug": m.organisation.slug,
                "role": m.role,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in user.memberships.select_related("organisation")
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "created_at": i.created_at.isoformat(),
                "accepted": i.accepted_at is not None,
            }
            for i in Invitation.objects.filter(created_by=user).select_related("organisation")
        ],
        "invitations_accepted": [
            {"organisation": i.organisation.name, "accepted_at": i.accepted_at.isoformat()}
            for i in user.accepted_invitations.select_related("organisation")
        ],
    }


def public_organisations():
    return Organisation.objects.filter(is_public=True).prefetch_related("areas").order_by("name")


@dataclass(frozen=True)
class MembershipSummary:
    """What the home page shows of one membership; cheap to cache."""

    name: str
    slug: str
    role: str
    url: str
    invite_url: str
    organisation_id: int

    @property
    def is_admin(self) -> bool:
        return self.role == Membership.Role.ADMIN

    def get_role_display(self) -> str:
        return Membership.Role(self.role).label


class Memberships(list):
    """Her membership summaries, with `stamp`: a name for this very list, never used
    again (her id and a random part). Fragments built from it (the home page) are cached
    under the stamp, so forgetting the list can drop them too."""

    stamp = ""


# core/home.html caches her part as {% cache … home-member LANGUAGE_CODE memberships.stamp %}
HOME_FRAGMENT = "home-member"


def _summary_key(user_id: int) -> str:
    # v2: summaries carry the organisation's id; keyed by her id, which is never reused.
    return f"organisations:memberships:v2:{user_id}"


def memberships_of(user) -> Memberships:
    """Her organisations, from the cache when nothing changed since the last look."""
    key = _summary_key(user.pk)
    summaries = cache.get(key)
    if summaries is None:
        rows = (
            Membership.objects.filter(user=user)
            .order_by("organisation__name")
            .values_list("organisation__name", "organisation__slug", "role", "organisation_id")
        )
        summaries = Memberships(
            MembershipSummary(
                name,
                slug,
                role,
                reverse("organisations:detail", args=[slug]),
                reverse("organisations:invite", args=[slug]),
                organisation_id,
            )
            for name, slug, role, organisation_id in rows
        )
        summaries.stamp = f"{user.pk}:{uuid.uuid4().hex}"
        cache.set(key, summaries, SUMMARY_SECONDS)
    return summaries


def _drop_summaries(user_ids) -> None:
    keys = [_summary_key(user_id) for user_id in user_ids]
    for summaries in cache.get_many(keys).values():
        keys += [
            make_template_fragment_key(HOME_FRAGMENT, [code, summaries.stamp])
            for code, _name in settings.LANGUAGES
        ]
    cache.delete_many(keys)


def forget_memberships_of(*user_ids: int) -> None:
    """Drop her cached summaries and what was built from them, now and again once the
    change is committed: a request reading in between must not keep the old list."""
    if not user_ids:
        return
    _drop_summaries(user_ids)
    transaction.on_commit(lambda: _drop_summaries(user_ids))
