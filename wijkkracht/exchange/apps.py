from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "wijkkracht.exchange"
    label = "exchange"
    verbose_name = _("Kennisuitwisseling")

    def ready(self) -> None:
        from wijkkracht.core import periodic

        from . import services

        periodic.register("exchange digest", services.send_digests)
