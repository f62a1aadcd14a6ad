"""Keep the home page's "what waits for you" (core.home) in step with the exchange."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wijkkracht.core import home

from .models import Answer, Challenge, Report


@receiver([post_save, post_delete], sender=Answer)
@receiver([post_save, post_delete], sender=Challenge)
@receiver([post_save, post_delete], sender=Report)
def waiting_changed(sender, **kwargs) -> None:
    home.changed("exchange")
