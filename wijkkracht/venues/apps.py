from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "wijkkracht.venues"
    label = "venues"
    verbose_name = _("Locaties")

    def ready(self) -> None:
        from wijkkracht.core import home, personal_data

        from . import signals  # noqa: F401 - connects the receivers
        from .services import bookings, stewardship

        personal_data.register(
            "bookings",
            fields=(
                "venues.Booking.requested_by",
                "venues.Booking.decided_by",
                "venues.RoomAgreement.updated_by",
                "venues.SearchProfile.updated_by",
            ),
            export=bookings.export_for_user,
        )
        personal_data.register(
            "venue directory",
            fields=("venues.Venue.added_by", "venues.Venue.managers"),
            export=stewardship.export_for_user,
        )
        home.card(
            "venues",
            _("Een ruimte vinden"),
            _("Zoek een zaal die past, zie wat hij kost en vraag hem aan."),
            "venues:directory",
            order=20,
        )
        from .views import home as home_page

        home.waiting("venues", home_page.waiting, order=10)
