from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "wijkkracht.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self):
        from wijkkracht.core import home, personal_data

        from . import (
            services,
            signals,  # noqa: F401 - connects the receivers
            views,
        )

        personal_data.register(
            "organisations",
            fields=(
                "organisations.Membership.user",
                "organisations.Organisation.members",
                "organisations.Invitation.created_by",
                "organisations.Invitation.accepted_by",
            ),
            export=services.export_for_user,
            erase=services.hand_over_all,
            hand_overs=services.hand_overs_for,
        )
        home.section(
            "her organisations",
            "organisations/home/memberships.html",
            views.home_memberships,
            order=10,
        )
        home.section(
            "public organisations", "organisations/home/public.html", views.home_public, order=90
        )
