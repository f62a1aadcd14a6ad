"""Drop cached guide rows when a guide changes (services.published_guide)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Guide
from .services import guide_cache_key


@receiver([post_save, post_delete], sender=Guide)
def guide_changed(sender, instance: Guide, **kwargs) -> None:
    cache.delete(guide_cache_key(instance.slug))
