from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from wijkkracht.core.http import posted, render_form
from wijkkracht.core.views import rate_limited

from . import services
from .access import get_organisation_for_member, get_organisation_for_viewer
from .forms import InvitationForm, OrganisationForm, PageForm, RoleForm, SuccessorForm
from .models import Invitation, Membership


def directory(request):
    form = PageForm(request.GET)
    number = form.cleaned_data.get("page") if form.is_valid() else None
    page = Paginator(services.public_organisations(), 30).get_page(number)
    return render(request, "organisations/directory.html", {"page": page})


@login_required
def create(request):
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(request.user, **form.cleaned_data)
        messages.success(request, _("Jullie organisatie staat erop. Nodig nu je groep uit."))
        return redirect("organisations:invite", organisation.slug)
    return render_form(request, "organisations/form.html", {"form": form}, form)


def detail(request, slug):
    organisation = get_organisation_for_viewer(request, slug)
    context = {"organisation": organisation, "membership": organisation.membership}
    return render(request, "organisations/detail.html", context)


@login_required
def edit(request, slug):
    organisation = get_organisation_for_member(request, slug, action="organisation.edit")
    form = OrganisationForm(posted(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect(organisation)
    return render_form(
        request, "organisations/form.html", {"form": form, "organisation": organisation}, form
    )


@login_required
def members(request, slug):
    return _members_page(request, get_organisation_for_member(request, slug))


def _members_page(request, organisation, status=200):
    memberships = organisation.memberships.select_related("user").order_by("user__name")
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "roles": Membership.Role.choices,
    }
    return render(request, "organisations/members.html", context, status=status)


@login_required
@require_POST
def change_role(request, slug, pk):
    organisation = get_organisation_for_member(request, slug, action="organisation.members")
    membership = get_object_or_404(organisation.memberships, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["role"][0])
        return _members_page(request, organisation, status=400)
    try:
        services.change_role(membership, form.cleaned_data["role"], by=organisation.membership)
        messages.success(request, _("De rol is aangepast."))
    except services.LastAdminError as error:
        messages.error(request, error.message)
    except services.NotAllowed:
        raise PermissionDenied from None
    return redirect("organisations:members", slug)


@login_required
@require_POST
def remove_member(request, slug, pk):
    organisation = get_organisation_for_member(request, slug, action="organisation.members")
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    try:
        services.remove_member(membership, by=organisation.membership)
    except services.LastAdminError as error:
        messages.error(request, error.message)
    except services.NotAllowed:
        raise PermissionDenied from None
    else:
        messages.success(
            request, _("%(name)s is geen lid meer.") % {"name": membership.user.display_name}
        )
    return redirect("organisations:members", slug)


@login_required
def invite(request, slug):
    organisation = get_organisation_for_member(request, slug, action="organisation.invite")
    form = InvitationForm(posted(request))
    site_url = request.build_absolute_uri("/").rstrip("/")
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["email"] and is_ratelimited(
            request, group="invitations", key="user", rate="50/d", increment=True
        ):
            return rate_limited(request)
        invitation = services.invite(
            organisation, request.user, **form.cleaned_data, site_url=site_url
        )
        if invitation.email:
            messages.success(
                request,
                _("We hebben een uitnodiging gestuurd naar %(email)s.")
                % {"email": invitation.email},
            )
        else:
            messages.success(request, _("De link is klaar. Kopieer hem en deel hem met je groep."))
        return redirect("organisations:invite", slug)
    open_invitations = [i for i in organisation.invitations.all() if i.is_usable()]
    context = {
        "organisation": organisation,
        "form": form,
        "invitations": open_invitations,
        "site_url": site_url,
    }
    return render_form(request, "organisations/invite.html", context, form)


@login_required
@require_POST
def revoke(request, slug, pk):
    organisation = get_organisation_for_member(request, slug, action="organisation.invite")
    services.revoke(get_object_or_404(organisation.invitations, pk=pk))
    messages.success(request, _("De uitnodiging werkt niet meer."))
    return redirect("organisations:invite", slug)


def accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if not invitation.is_usable() and not (
        request.user.is_authenticated
        and invitation.organisation.memberships.filter(user=request.user).exists()
    ):
        return render(request, "organisations/invitation_expired.html", context, status=410)
    if request.user.is_authenticated:
        context["wrong_account"] = not services.is_for(invitation, request.user)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.accept(invitation, request.user)
        except services.WrongAccount:
            return render(request, "organisations/accept.html", context, status=403)
        if membership is None:
            return render(request, "organisations/invitation_expired.html", context, status=410)
        name = invitation.organisation.name
        messages.success(request, _("Welkom bij %(name)s!") % {"name": name})
        return redirect(invitation.organisation)
    return render(request, "organisations/accept.html", context)


@login_required
def leave(request, slug):
    organisation = get_organisation_for_member(request, slug)
    membership = organisation.membership
    last_admin = services.is_last_admin(membership)
    alone = not organisation.memberships.exclude(pk=membership.pk).exists()
    form = SuccessorForm(posted(request), membership=membership) if last_admin else None
    if request.method == "POST" and not alone and (form is None or form.is_valid()):
        try:
            services.leave(membership, form.cleaned_data["successor"] if form else None)
        except services.LastAdminError as error:
            # The other admin left at the same moment: she is the last one now.
            messages.error(request, error.message)
            form = SuccessorForm(None, membership=membership)
        else:
            messages.success(
                request, _("Je bent geen lid meer van %(name)s.") % {"name": organisation.name}
            )
            return redirect("core:home")
    context = {"organisation": organisation, "form": form, "alone": alone}
    status = 400 if request.method == "POST" else 200
    return render(request, "organisations/leave.html", context, status=status)


@login_required
def delete(request, slug):
    organisation = get_organisation_for_member(request, slug, action="organisation.delete")
    if request.method == "POST":
        organisation.delete()
        messages.success(request, _("%(name)s is verwijderd.") % {"name": organisation.name})
        return redirect("core:home")
    return render(request, "organisations/delete.html", {"organisation": organisation})


def home_memberships(request) -> dict | None:
    """The home page's part for a signed-in person: her own groups first."""
    if not request.user.is_authenticated:
        return None
    return {"memberships": services.memberships_of(request.user)}


def home_public(request) -> dict | None:
    """The home page's part for a visitor: some public organisations."""
    if request.user.is_authenticated:
        return None
    return {"public": list(services.public_organisations()[:12])}
