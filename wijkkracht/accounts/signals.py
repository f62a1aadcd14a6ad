from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .backends import user_cache_key
from .models import RoleGrant, User
from .roles import MEMO


@receiver([post_save, post_delete], sender=User)
def forget_cached_user(sender, instance: User, **kwargs) -> None:
    cache.delete(user_cache_key(instance.pk))


@receiver([post_save, post_delete], sender=RoleGrant)
def forget_roles(sender, instance: RoleGrant, **kwargs) -> None:
    instance.user.__dict__.pop(MEMO, None)
