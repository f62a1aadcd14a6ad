from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkkracht.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
