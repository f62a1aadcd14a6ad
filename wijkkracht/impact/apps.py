from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "wijkkracht.impact"
    label = "impact"
    verbose_name = _("Effecten zichtbaar maken")

    def ready(self) -> None:
        from wijkkracht.core import personal_data

        from . import (
            services,
            signals,  # noqa: F401 - keeps the answer tally in step
        )

        personal_data.register(
            "impact",
            fields=("impact.Interpretation.created_by",),
            export=services.export_for_user,
        )
