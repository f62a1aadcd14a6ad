from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "wijkkracht.guides"
    label = "guides"
    verbose_name = _("Stappenplannen")

    def ready(self):
        from wijkkracht.core import home, personal_data

        from . import signals  # noqa: F401 - connects the receivers
        from .services import workbooks

        personal_data.register(
            "workbooks",
            fields=(
                "guides.Workbook.started_by",
                "guides.Answer.updated_by",  # the last of her texts, exported as versions
                "guides.AnswerVersion.author",
                "guides.StepTick.ticked_by",
            ),
            export=workbooks.export_for_user,
        )
        home.card(
            "guides",
            _("Stappenplannen"),
            _("Leer van wat andere groepen al deden, stap voor stap."),
            "guides:library",
            order=10,
        )
