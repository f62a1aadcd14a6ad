from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wijkkracht.core import home

from . import search
from .models import Country, Level, LibraryVersion, Practice, RecruitmentMethod, Theme


@receiver(post_save, sender=Practice)
def index_practice(sender, instance: Practice, **kwargs) -> None:
    search.index(instance)


@receiver(post_delete, sender=Practice)
def unindex_practice(sender, instance: Practice, **kwargs) -> None:
    search.unindex(instance.pk)


def _library_changed(sender, action: str = "post", **kwargs) -> None:
    if action.startswith("post"):  # m2m_changed also reports what it is about to do
        LibraryVersion.bump()


# Anything the facet index holds: the practices, their facets' names and order, the links.
for model in (Practice, Level, Theme, RecruitmentMethod, Country):
    post_save.connect(_library_changed, sender=model, dispatch_uid=f"library-{model}")
    post_delete.connect(_library_changed, sender=model, dispatch_uid=f"library-del-{model}")
for through in (Practice.themes.through, Practice.methods.through, Practice.countries.through):
    m2m_changed.connect(_library_changed, sender=through, dispatch_uid=f"library-{through}")


@receiver([post_save, post_delete], sender=Practice)
def waiting_changed(sender, **kwargs) -> None:
    # A sent-in practice waits for a facilitator on her home page (core.home).
    home.changed("practices")
