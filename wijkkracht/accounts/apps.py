from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkkracht.accounts"
    label = "accounts"
    verbose_name = _("Mensen")

    def ready(self):
        from wijkkracht.core import periodic, personal_data

        from . import (
            services,
            signals,  # noqa: F401 - connects the receivers
        )

        personal_data.register(
            "account",
            fields=("accounts.RoleGrant.user", "accounts.RoleGrant.granted_by"),
            export=services.export_account,
            erase=services.forget_her_codes,
        )
        periodic.register(
            "sign-in codes forgotten an hour after they end", services.forget_old_codes
        )
