"""Keep the cached membership summaries (services.memberships_of) in step with the data."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership, Organisation
from .services import forget_memberships_of


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance: Membership, **kwargs) -> None:
    forget_memberships_of(instance.user_id)


@receiver(post_save, sender=Organisation)
def organisation_changed(sender, instance: Organisation, **kwargs) -> None:
    forget_memberships_of(*instance.memberships.values_list("user_id", flat=True))
