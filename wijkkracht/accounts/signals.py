from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wijkkracht.core import home

from .backends import forget_cached_user
from .models import RoleGrant, User
from .roles import MEMO


@receiver([post_save, post_delete], sender=User)
def forget_cached_user_on_change(sender, instance: User, **kwargs) -> None:
    # Now, and again once the change is committed: a request that read the old row in
    # between (before the commit) would otherwise cache it for another few minutes.
    pk = instance.pk  # a deleted instance loses its pk before the commit
    forget_cached_user(pk)
    transaction.on_commit(lambda: forget_cached_user(pk))


@receiver([post_save, post_delete], sender=RoleGrant)
def forget_roles(sender, instance: RoleGrant, **kwargs) -> None:
    instance.user.__dict__.pop(MEMO, None)
    home.changed()  # what waits for her on the home page follows her roles
