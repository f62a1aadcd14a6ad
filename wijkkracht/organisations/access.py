"""Who may see an organisation: the one place every view asks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Membership, Organisation
from .permissions import role_for


def get_organisation_for_member(
    request: HttpRequest,
    slug: str,
    role: str = Membership.Role.MEMBER,
    action: str | None = None,
) -> Organisation:
    """The organisation with `.membership` set, for its members only.

    Anyone who is not a member gets 404, so a private organisation's existence
    does not leak; a member whose role is too low gets 403. With `action`, the role
    comes from the one table in permissions.py.
    """
    if action is not None:
        role = role_for(action)
    user = request.user
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation__slug=slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.has_role(role):
        raise PermissionDenied
    organisation = membership.organisation
    organisation.membership = membership
    return organisation


def get_organisation_for_viewer(request: HttpRequest, slug: str) -> Organisation:
    """A public profile for anyone; a private one only for its members (others get 404)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    organisation.membership = None
    if request.user.is_authenticated:
        organisation.membership = organisation.memberships.filter(user=request.user).first()
    if not organisation.is_public and organisation.membership is None:
        raise Http404
    return organisation
