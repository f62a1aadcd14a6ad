"""Platform roles and the rules built on them: the one place every app asks.

Roles are given by staff in the admin (RoleGrant). Staff count as facilitators. What a
person may do inside an organisation is organisations.permissions; who may edit one venue
is venues.services.stewardship.may_edit, built on these rules.
"""

from .models import RoleGrant

Role = RoleGrant.Role


MEMO = "_platform_roles"


def _has(user, *roles: str) -> bool:
    # Read once per user object (a page asks several times); a grant saved or deleted
    # through the ORM drops the memo of the user object it holds (accounts.signals).
    if not user.is_authenticated:
        return False
    held = user.__dict__.get(MEMO)
    if held is None:
        held = user.__dict__[MEMO] = frozenset(user.role_grants.values_list("role", flat=True))
    return any(role in held for role in roles)


def is_facilitator(user) -> bool:
    """A CoP facilitator (or platform staff): publishes practices, moderates the exchange."""
    return user.is_authenticated and (user.is_staff or _has(user, Role.FACILITATOR))


def is_professional(user) -> bool:
    """A neighbourhood professional (wijkprofessional)."""
    return _has(user, Role.PROFESSIONAL)


def is_reviewer(user) -> bool:
    """Facilitators and neighbourhood professionals add venues to the directory and check
    what groups suggest."""
    return is_facilitator(user) or is_professional(user)


def is_venue_manager(user) -> bool:
    """Someone who looks after a venue; which venues she may edit is the venue's own list
    of managers (the role alone opens none)."""
    return _has(user, Role.VENUE_MANAGER)
