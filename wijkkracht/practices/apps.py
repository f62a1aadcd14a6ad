from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "wijkkracht.practices"
    label = "practices"
    verbose_name = _("Praktijken")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - keeps the search index in step
