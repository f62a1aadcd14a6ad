from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "wijkkracht.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
