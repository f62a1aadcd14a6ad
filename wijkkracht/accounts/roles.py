from .models import RoleGrant


def is_facilitator(user) -> bool:
    """A CoP facilitator (or platform staff): publishes practices, moderates the exchange."""
    return user.is_authenticated and (
        user.is_staff or user.has_platform_role(RoleGrant.Role.FACILITATOR)
    )
