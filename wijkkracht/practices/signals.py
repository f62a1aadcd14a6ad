from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import search
from .models import Practice


@receiver(post_save, sender=Practice)
def index_practice(sender, instance: Practice, **kwargs) -> None:
    search.index(instance)


@receiver(post_delete, sender=Practice)
def unindex_practice(sender, instance: Practice, **kwargs) -> None:
    search.unindex(instance.pk)
