from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "wijkkracht.impact"
    label = "impact"
    verbose_name = _("Effecten zichtbaar maken")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - keeps the answer tally in step
