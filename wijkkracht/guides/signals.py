"""Drop cached copies when what they show changes or goes.

Guide rows (services.published_guide) go when a guide is saved; a workbook's cached row
and page go with the workbook, also when it is deleted with its organisation.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import Guide, Workbook
from .services.library import guide_cache_key
from .services.workbooks import forget


@receiver([post_save, post_delete], sender=Guide)
def guide_changed(sender, instance: Guide, **kwargs) -> None:
    cache.delete(guide_cache_key(instance.slug))


@receiver(pre_delete, sender=Workbook)
def workbook_going(sender, instance: Workbook, **kwargs) -> None:
    # Before the delete: the page's stamps need the organisation and guide rows.
    forget(instance)
