from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkkracht.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self):
        from . import checks, outbox, periodic, personal_data  # noqa: F401 - checks register

        personal_data.register(
            "mail",
            fields=("core.OutgoingMail.recipients",),
            export=outbox.export_for_user,
            erase=outbox.forget_mail_to,
        )
        personal_data.not_personal(
            "admin.LogEntry.user", "the admin site's own log of staff changes, deleted with her"
        )

        periodic.register("mail sent again after a lost task", outbox.sweep)
        periodic.register("sent mail forgotten after 30 days", outbox.prune)
        periodic.register("finished tasks forgotten after 14 days", outbox.prune_tasks)
