"""Pages to keep the directory up to date: managers edit their venues, facilitators and
professionals add venues and check what groups suggest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkkracht.accounts.roles import is_reviewer
from wijkkracht.core.http import posted, render_form
from wijkkracht.organisations.access import get_organisation_for_member
from wijkkracht.organisations.services import memberships_of

from ..access import get_venue_for_editor
from ..forms.editor import ReviewForm, VenueEditor
from ..services import stewardship


@login_required
def edit(request, key):
    venue = get_venue_for_editor(request.user, key)
    context = {"venue": venue, "title_name": venue.name}  # before input changes the name
    editor = context["editor"] = VenueEditor(posted(request), venue=venue)
    if request.method == "POST" and editor.is_valid():
        try:
            stewardship.save_venue(editor)
        except (stewardship.Changed, stewardship.RoomInUse) as refused:
            editor.refuse(refused)
            return render(request, "venues/edit.html", context, status=409)
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(venue)
    return render_form(request, "venues/edit.html", context, editor)


@login_required
def add(request):
    if not is_reviewer(request.user):
        return render(request, "venues/edit.html", {"denied": True}, status=403)
    editor = VenueEditor(posted(request))
    if request.method == "POST" and editor.is_valid():
        venue = stewardship.add_venue(editor, request.user)
        messages.success(request, _("De locatie staat nu op Wijkkracht."))
        return redirect(venue)
    return render_form(request, "venues/edit.html", {"editor": editor}, editor)


@login_required
def suggest(request):
    memberships = memberships_of(request.user)
    if request.method == "POST" and not memberships:
        raise PermissionDenied
    editor = VenueEditor(posted(request), parts=("rooms",), memberships=memberships)
    if request.method == "POST" and editor.is_valid():
        organisation = get_organisation_for_member(request, editor.organisation)
        venue = stewardship.add_venue(editor, request.user, organisation)
        messages.success(
            request,
            _("Dank je wel! Een begeleider kijkt jullie voorstel na. Je krijgt bericht per mail."),
        )
        return redirect(venue)
    context = {
        "editor": editor if memberships else None,
        "suggestions": stewardship.suggestions_of(request.user),
        "reviewer": is_reviewer(request.user),
    }
    return render_form(request, "venues/suggest.html", context, context["editor"])


def _reviewer_only(request) -> None:
    if not is_reviewer(request.user):
        raise Http404


@login_required
def review(request):
    _reviewer_only(request)
    return render(request, "venues/review.html", {"suggestions": stewardship.waiting_suggestions()})


@login_required
@require_POST
def decide(request, key):
    _reviewer_only(request)
    venue = get_object_or_404(stewardship.waiting_suggestions(), key=key)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = {
            "suggestions": stewardship.waiting_suggestions(),
            "failed": venue.pk,
            "form": form,
        }
        return render(request, "venues/review.html", context, status=400)
    if form.cleaned_data["decision"] == ReviewForm.PUBLISH:
        stewardship.publish(venue, request.build_absolute_uri(venue.get_absolute_url()))
        messages.success(
            request, _("%(name)s staat nu in de lijst met locaties.") % {"name": venue.name}
        )
    else:
        stewardship.reject(venue, form.cleaned_data["reason"])
        messages.success(request, _("Het voorstel is weg. De indiener krijgt bericht per mail."))
    return redirect("venues:review")
