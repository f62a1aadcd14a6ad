from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wijkkracht.core.http import posted, render_form
from wijkkracht.core.pdf import html_to_pdf
from wijkkracht.organisations.access import get_organisation_for_member
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.permissions import may
from wijkkracht.organisations.services import memberships_of

from .. import calendars, matching
from ..forms.bookings import (
    BookingRequestForm,
    CancelForm,
    CostForm,
    DecisionForm,
    DirectoryFilter,
    SaveProfileForm,
    SeriesDecisionForm,
)
from ..forms.profile import (
    LOCATION_GUIDE,
    ActivityFormSet,
    ProfileForm,
    initial_from_workbook,
    profile_query,
    to_profile,
)
from ..models import Booking, BookingSeries, CalendarFeed, Room, SearchProfile, Venue
from ..services import bookings as services
from ..services import series as series_services
from ..services import stewardship


def directory(request):
    form = DirectoryFilter(request.GET or None)
    venues = (
        Venue.objects.filter(is_published=True)
        .select_related("area__parent")
        .annotate(most_seats=Max("rooms__capacity_seated"), price_from=Min("rooms__price_hour"))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["area"]:
            venues = venues.filter(area__parent=data["area"])
        if data["seats"]:
            venues = venues.filter(rooms__capacity_seated__gte=data["seats"]).distinct()
        if data["kind"]:
            venues = venues.filter(kind=data["kind"])
        if data["step_free"]:
            venues = venues.filter(step_free=True)
    page = Paginator(venues.order_by("name"), 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "venues/directory.html", context)


def search(request):
    """The search profile (GET, so every search has its own address) and the results.

    Opened without answers, the form starts from her group's saved profile, else from its
    answers in the location guide's workbook, else empty (?new=1 starts afresh)."""
    saved = None if "new" in request.GET else _saved_profile(request.user)
    data = (
        request.GET
        if "form-TOTAL_FORMS" in request.GET
        else (QueryDict(saved.query) if saved else None)
    )
    source = None
    if data is not None:
        form, activities = ProfileForm(data), ActivityFormSet(data)
    else:
        source = _workbook_organisation(request.user)
        initial, activity_initial = initial_from_workbook(source) if source else ({}, [])
        form, activities = ProfileForm(initial=initial), ActivityFormSet(initial=activity_initial)
    result = None
    if data is not None and form.is_valid() and activities.is_valid():
        result = matching.search(to_profile(form, activities))
    context = {
        "form": form,
        "activities": activities,
        "result": result,
        "source": source,
        "saved": saved if data is not request.GET else None,
        "memberships": memberships_of(request.user) if request.user.is_authenticated else [],
        "query": data.urlencode() if data is not None else "",
    }
    status = 400 if data is not None and result is None else 200
    return render(request, "venues/search.html", context, status=status)


def _saved_profile(user) -> SearchProfile | None:
    if not user.is_authenticated:
        return None
    slugs = [m.slug for m in memberships_of(user)]
    return (
        SearchProfile.objects.filter(organisation__slug__in=slugs)
        .select_related("organisation")
        .order_by("-updated_at")
        .first()
    )


@login_required
@require_POST
def save_profile(request):
    """Keep a search profile for the group, so everyone in it starts from there."""
    saving = SaveProfileForm(request.POST)
    if not saving.is_valid():  # too long, or a character that cannot be kept: say so
        for errors in saving.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("venues:search")
    organisation = get_organisation_for_member(
        request, saving.cleaned_data["organisation"], action="venues.request"
    )
    data = QueryDict(saving.cleaned_data["query"])
    form, activities = ProfileForm(data), ActivityFormSet(data)
    if not (form.is_valid() and activities.is_valid()):
        return render(
            request,
            "venues/search.html",
            {"form": form, "activities": activities, "result": None},
            status=400,
        )
    services.save_profile(organisation, request.user, profile_query(data))
    messages.success(
        request, _("Het zoekprofiel is bewaard voor %(name)s.") % {"name": organisation.name}
    )
    return redirect(f"{reverse('venues:search')}?{profile_query(data)}")


def _workbook_organisation(user):
    """A group of hers that answered the location guide's questions, if any."""
    if not user.is_authenticated:
        return None
    slugs = [m.slug for m in memberships_of(user)]
    return Organisation.objects.filter(
        slug__in=slugs, workbooks__guide__slug=LOCATION_GUIDE
    ).first()


def costs(request):
    """The cost overview: filled in by hand or from a search result (GET)."""
    form = CostForm(request.GET or None)
    overview = form.overview() if form.is_bound and form.is_valid() else None
    context = {"form": form, "overview": overview, "query": request.GET.urlencode()}
    return render_form(request, "venues/costs.html", context, form)


def costs_pdf(request):
    form = CostForm(request.GET)
    if not form.is_valid():
        return render_form(request, "venues/costs.html", {"form": form, "overview": None}, form)
    html = render_to_string(
        "venues/costs_print.html", {"overview": form.overview()}, request=request
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="kostenoverzicht.pdf"'
    return response


def detail(request, key):
    # A suggestion waits unpublished: its group, managers and reviewers see it, nobody else.
    venue = get_object_or_404(
        stewardship.visible_venues(request.user)
        .select_related("area__parent")
        .prefetch_related("rooms", "opening_hours"),
        key=key,
    )
    context = {
        "venue": venue,
        "may_edit": stewardship.may_edit(request.user, venue),
        "closures": venue.closures.filter(end__gte=timezone.localdate())[:5],
        "house_rules": venue.flags(Venue.HOUSE_RULES),
        "accessibility": venue.flags(Venue.ACCESSIBILITY),
    }
    return render(request, "venues/detail.html", context)


@login_required
def request_booking(request, key, room_id):
    room = get_object_or_404(
        Room.objects.select_related("venue"), pk=room_id, venue__key=key, venue__is_published=True
    )
    memberships = memberships_of(request.user)
    form = BookingRequestForm(posted(request), memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = get_organisation_for_member(
            request, data["organisation"], action="venues.request"
        )
        try:
            clashes = _request(request, room, organisation, data)
        except ValidationError as error:
            form.add_error(None, error)
        except services.BookingConflict as conflict:
            form.add_error(None, _conflict_message(conflict))
            return render(request, "venues/request.html", {"room": room, "form": form}, status=409)
        except services.SeriesClashes as series:
            context = {"room": room, "form": form, "clashes": series.clashes, "free": series.free}
            return render(request, "venues/request.html", context, status=409)
        else:
            messages.success(
                request, _("Je aanvraag is verstuurd. De beheerder laat het je weten per mail.")
            )
            if clashes:
                messages.warning(
                    request,
                    _("Deze data zijn niet aangevraagd: %(dates)s")
                    % {"dates": ", ".join(date_format(c.date) for c in clashes)},
                )
            return redirect("venues:bookings", organisation.slug)
    context = {"room": room, "form": form, "memberships": memberships}
    return render_form(request, "venues/request.html", context, form)


def _request(request, room, organisation, data) -> list:
    """One booking, or a weekly or monthly series; returns the dates of a series that were
    skipped."""
    if data["repeat"] not in BookingSeries.Repeat.values:
        services.request_booking(
            room,
            organisation,
            request.user,
            data["starts_at"],
            data["ends_at"],
            data["purpose"],
            data["people_expected"],
        )
        return []
    _series, clashes = services.request_series(
        room,
        organisation,
        request.user,
        data["date"],
        data["until"],
        data["start"],
        data["end"],
        data["purpose"],
        data["people_expected"],
        skip_clashes=data["skip_clashes"],
        repeat=data["repeat"],
    )
    return clashes


def _conflict_message(conflict) -> str:
    other = conflict.other
    if other is None:
        return _("Deze zaal is dan al bezet. Kies een andere tijd.")
    start, end = timezone.localtime(other.start), timezone.localtime(other.held_until)
    return _(
        "Deze zaal is dan al bezet, van %(start)s tot %(end)s (met de tijd om op te "
        "ruimen). Kies een andere tijd of een andere zaal."
    ) % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}


@login_required
def bookings(request, org):
    organisation = get_organisation_for_member(request, org)
    feed = calendars.feed_for(organisation=organisation)
    context = {
        "organisation": organisation,
        "items": series_services.overview_for(organisation),
        "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
        "may_cancel_any": may(organisation.membership, "venues.cancel"),
        "may_renew_feed": may(organisation.membership, "venues.feed_renew"),
    }
    return render(request, "venues/bookings.html", context)


@login_required
@require_POST
def renew_feed(request, org):
    organisation = get_organisation_for_member(request, org, action="venues.feed_renew")
    calendars.renew(calendars.feed_for(organisation=organisation))
    messages.success(request, _("Er is een nieuw agenda-adres. Het oude werkt niet meer."))
    return redirect("venues:bookings", organisation.slug)


def feed(request, token):
    """The iCalendar feed; the long random token in the address is the only key."""
    calendar_feed = get_object_or_404(
        CalendarFeed.objects.select_related("organisation", "room"), token=token
    )
    response = HttpResponse(
        calendars.to_ical(calendar_feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="wijkkracht.ics"'
    return response


@login_required
def manage(request):
    """Requests waiting for the venue manager's decision."""
    if not request.user.managed_venues.exists():
        raise Http404
    rooms = Room.objects.filter(venue__managers=request.user).select_related("venue")
    return render(
        request,
        "venues/manage.html",
        {
            "items": series_services.requests_for(request.user),
            "rooms": rooms.order_by("venue__name", "name"),
        },
    )


@login_required
@require_POST
def decide(request, pk):
    booking = get_object_or_404(Booking, pk=pk, room__venue__managers=request.user)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, lambda: manage(request))
    try:
        services.decide(booking, request.user, form.approve, form.cleaned_data["reason"])
    except services.ApprovalRefused as refused:
        messages.error(request, _("Goedkeuren gaat niet: %(why)s") % {"why": refused.message})
        response = manage(request)
        response.status_code = 409
        return response
    messages.success(request, _("De aanvrager krijgt bericht per mail."))
    return redirect("venues:manage")


@login_required
@require_POST
def decide_series(request, pk):
    """Approve or decline every open date of a series; dates that clash stay open."""
    series = get_object_or_404(
        BookingSeries.objects.select_related("room"), pk=pk, room__venue__managers=request.user
    )
    form = SeriesDecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, lambda: manage(request))
    result = series_services.decide_series(
        series, request.user, form.approve, form.cleaned_data["reason"]
    )
    done = len(result.decided)
    if done:
        text = (
            ngettext("%(n)d datum goedgekeurd.", "%(n)d data goedgekeurd.", done)
            if form.approve
            else ngettext("%(n)d datum afgewezen.", "%(n)d data afgewezen.", done)
        )
        messages.success(
            request, f"{text % {'n': done}} {_('De aanvrager krijgt bericht per mail.')}"
        )
    if result.refused:
        dates = "; ".join(f"{date_format(c.date, 'l j F')} ({c.reason})" for c in result.refused)
        messages.warning(
            request,
            _("Deze data zijn niet goedgekeurd: %(dates)s. Beslis er apart over.")
            % {"dates": dates},
        )
    elif not done:
        messages.info(request, _("Er was niets meer te beslissen in deze reeks."))
    return redirect("venues:manage")


def _refused(request, form, page) -> HttpResponse:
    """The page again, answering 400, with the form's messages on top (the form sits in a
    list of bookings, so its messages are shown as messages). `page` makes the page, after
    the messages are added, so they show on it and not on the next one."""
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    response = page()
    response.status_code = 400
    return response


@login_required
@require_POST
def cancel(request, org, pk):
    """A member cancels what she asked for herself; a booking someone else asked for
    only an admin cancels (organisations.permissions)."""
    organisation = get_organisation_for_member(request, org, action="venues.cancel_own")
    booking = get_object_or_404(organisation.bookings, pk=pk)
    _check_may_cancel(organisation, request.user, {booking.requested_by_id})
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, lambda: bookings(request, org))
    services.cancel(booking, request.user, form.cleaned_data["reason"])
    messages.success(request, _("De boeking is geannuleerd."))
    return redirect("venues:bookings", organisation.slug)


@login_required
@require_POST
def cancel_series(request, org, pk):
    """Cancel every date of a series still to come, with one reason."""
    organisation = get_organisation_for_member(request, org, action="venues.cancel_own")
    series = get_object_or_404(organisation.booking_series.select_related("room"), pk=pk)
    _check_may_cancel(
        organisation, request.user, set(series.bookings.values_list("requested_by", flat=True))
    )
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, lambda: bookings(request, org))
    cancelled = series_services.cancel_series(series, request.user, form.cleaned_data["reason"])
    messages.success(
        request,
        ngettext(
            "%(n)d datum van de reeks is geannuleerd.",
            "%(n)d data van de reeks zijn geannuleerd.",
            len(cancelled),
        )
        % {"n": len(cancelled)},
    )
    return redirect("venues:bookings", organisation.slug)


def _check_may_cancel(organisation, user, requested_by: set) -> None:
    """A member cancels what she asked for herself; what someone else asked for, only an
    admin (organisations.permissions)."""
    if requested_by - {user.pk} and not may(organisation.membership, "venues.cancel"):
        raise PermissionDenied
