"""Platform roles and the rules built on them: the one place every app asks.

Roles are given by staff in the admin (RoleGrant). Staff count as facilitators. What a
person may do inside an organisation is organisations.permissions; who may edit one venue
is venues.services.stewardship.may_edit, built on these rules.
"""

from .models import RoleGrant

Role = RoleGrant.Role


def _has(user, *roles: str) -> bool:
    return user.is_authenticated and user.role_grants.filter(role__in=roles).exists()


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
