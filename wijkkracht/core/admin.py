from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Mail the workers send; what failed five times waits here with its error."""

    list_display = ("subject", "created_at", "sent_at", "attempts", "failed_at", "last_error")
    list_filter = (
        ("failed_at", admin.EmptyFieldListFilter),
        ("sent_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("subject",)
    readonly_fields = (
        "recipients",
        "subject",
        "body",
        "created_at",
        "attempts",
        "next_try_at",
        "sent_at",
        "failed_at",
        "last_error",
    )
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Opnieuw proberen te versturen"))
    def send_again(self, request, queryset):
        count = outbox.send_again(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(n)d mail wordt opnieuw verstuurd.",
                "%(n)d mails worden opnieuw verstuurd.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )
