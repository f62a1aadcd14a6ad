"""Keep the cached membership summaries (services.memberships_of) in step with the data."""

from django.conf import settings
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


@receiver([post_save, post_delete], sender=settings.AUTH_USER_MODEL)
def person_changed(sender, instance, **kwargs) -> None:
    # Her home page greets her by name from a cached fragment (memberships_of's stamp).
    forget_memberships_of(instance.pk)
