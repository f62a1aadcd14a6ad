from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "wijkkracht.practices"
    label = "practices"
    verbose_name = _("Praktijken")

    def ready(self) -> None:
        from wijkkracht.core import home, personal_data

        from . import (
            services,
            signals,  # noqa: F401 - keeps the search index in step
        )

        personal_data.register(
            "practices",
            fields=("practices.Practice.submitted_by",),
            export=services.export_for_user,
        )
        home.card(
            "practices",
            _("Praktijken"),
            _("Zie hoe andere projecten vrouwen en bewoners bereikten."),
            "practices:index",
            order=30,
        )
        from . import views

        home.waiting("practices", views.home_waiting, order=30)
