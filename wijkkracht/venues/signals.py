"""Keep the home page's "what waits for you" (core.home) in step with requests and
suggestions."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wijkkracht.core import home

from .models import Booking, Venue


@receiver([post_save, post_delete], sender=Booking)
@receiver([post_save, post_delete], sender=Venue)
@receiver(m2m_changed, sender=Venue.managers.through)
def waiting_changed(sender, **kwargs) -> None:
    home.changed("venues")
