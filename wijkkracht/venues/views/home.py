"""The venue directory's part of the home page: what waits for a manager or a reviewer."""

from django.urls import reverse
from django.utils.translation import ngettext

from wijkkracht.accounts.roles import is_reviewer

from ..services import bookings, stewardship


def waiting(request) -> list[tuple[str, str]]:
    items = []
    requests = bookings.pending_for(request.user).count()
    if requests:
        text = ngettext(
            "%(count)s aanvraag wacht op je besluit",
            "%(count)s aanvragen wachten op je besluit",
            requests,
        )
        items.append((text % {"count": requests}, reverse("venues:manage")))
    if is_reviewer(request.user):
        suggestions = stewardship.waiting_suggestions().count()
        if suggestions:
            text = ngettext(
                "%(count)s voorstel voor een locatie om te bekijken",
                "%(count)s voorstellen voor locaties om te bekijken",
                suggestions,
            )
            items.append((text % {"count": suggestions}, reverse("venues:review")))
    return items
