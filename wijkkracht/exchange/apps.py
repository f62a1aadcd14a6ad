from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "wijkkracht.exchange"
    label = "exchange"
    verbose_name = _("Kennisuitwisseling")

    def ready(self) -> None:
        from wijkkracht.core import home, periodic, personal_data

        from . import (
            services,
            signals,  # noqa: F401 - connects the receivers
        )

        periodic.register("exchange digest", services.send_digests)
        personal_data.register(
            "exchange",
            fields=(
                "exchange.Challenge.author",
                "exchange.Challenge.hidden_by",
                "exchange.Answer.author",
                "exchange.Answer.hidden_by",
                "exchange.Report.reporter",
                "exchange.DigestSubscription.user",
            ),
            export=services.export_for_user,
        )
        home.card(
            "exchange",
            _("Kennisuitwisseling"),
            _("Stel een vraag aan andere groepen, of help een ander."),
            "exchange:index",
            order=40,
            members_only=True,
        )
        from . import views

        home.waiting("exchange", views.home_waiting, order=20)
