from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "wijkkracht.guides"
    label = "guides"
    verbose_name = _("Stappenplannen")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
