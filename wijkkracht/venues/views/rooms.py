"""A room's week: when it is free for everyone, and who uses it when for the groups that
share it (with their agreements) and for its managers (with the room's calendar)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkkracht.core.http import posted, render_form
from wijkkracht.organisations.access import get_organisation_for_member

from .. import availability, calendars
from ..forms.bookings import AgreementForm, CancelForm
from ..models import Booking, Room
from ..services import bookings


def _room(key: str, room_id: int) -> Room:
    return get_object_or_404(
        Room.objects.select_related("venue__area"),
        pk=room_id,
        venue__key=key,
        venue__is_published=True,
    )


def _shared_room(request, key: str, room_id: int) -> Room:
    """The room, for its managers and the groups that share it; 404 for everyone else."""
    room = _room(key, room_id)
    if not availability.shares_room(request.user, room):
        raise Http404
    return room


def _week_context(request, room: Room) -> dict:
    monday = availability.week_start(request.GET.get("week"))
    return {
        "room": room,
        "venue": room.venue,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(weeks=1),
        "next": monday + timedelta(weeks=1),
        "days": availability.week_plan(room, monday),
    }


def room(request, key, room_id):
    """When the room is free this week; busy times without who booked them."""
    room = _room(key, room_id)
    context = _week_context(request, room)
    context["shares"] = availability.shares_room(request.user, room)
    return render(request, "venues/room.html", context)


@login_required
def usage(request, key, room_id):
    """Who uses the room when, with each group's agreements."""
    room = _shared_room(request, key, room_id)
    context = _week_context(request, room)
    organisations = list(availability.sharing_organisations(room))
    agreements = {a.organisation_id: a for a in room.agreements.all()}
    mine = {m.organisation_id for m in request.user.memberships.all()}
    is_manager = room.venue.managers.filter(pk=request.user.pk).exists()
    context.update(
        {
            "groups": [(org, agreements.get(org.pk), org.pk in mine) for org in organisations],
            "is_manager": is_manager,
        }
    )
    if is_manager:
        feed = calendars.feed_for(room=room)
        context.update(
            {
                "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
                "upcoming": bookings.upcoming_in(room)[:100],
            }
        )
    return render(request, "venues/usage.html", context)


@login_required
def agreement(request, key, room_id, org):
    """A sharing group writes down what it agreed about the room."""
    room = _shared_room(request, key, room_id)
    organisation = get_organisation_for_member(request, org)
    if not availability.sharing_organisations(room).filter(pk=organisation.pk).exists():
        raise Http404
    instance = room.agreements.filter(organisation=organisation).first()
    form = AgreementForm(posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        bookings.save_agreement(room, organisation, request.user, form.cleaned_data)
        messages.success(request, _("De afspraken zijn bewaard."))
        return redirect("venues:usage", key, room.pk)
    context = {"room": room, "venue": room.venue, "organisation": organisation, "form": form}
    return render_form(request, "venues/agreement.html", context, form)


def _managed_room(request, key: str, room_id: int) -> Room:
    room = _room(key, room_id)
    if not room.venue.managers.filter(pk=request.user.pk).exists():
        raise Http404
    return room


@login_required
@require_POST
def renew_room_feed(request, key, room_id):
    room = _managed_room(request, key, room_id)
    calendars.renew(calendars.feed_for(room=room))
    messages.success(request, _("Er is een nieuw agenda-adres. Het oude werkt niet meer."))
    return redirect("venues:usage", key, room.pk)


@login_required
@require_POST
def manager_cancel(request, key, room_id, pk):
    """The venue manager cancels a booking, with a reason; the group is told by mail."""
    room = _managed_room(request, key, room_id)
    booking = get_object_or_404(room.bookings, pk=pk, status__in=Booking.HOLDING)
    form = CancelForm(request.POST, reason_required=True)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        response = usage(request, key, room_id)
        response.status_code = 400
        return response
    bookings.cancel(booking, request.user, form.cleaned_data["reason"])
    messages.success(request, _("De boeking is geannuleerd. De groep krijgt bericht per mail."))
    return redirect("venues:usage", key, room.pk)
