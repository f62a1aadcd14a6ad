from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wijkkracht.accounts.roles import is_facilitator
from wijkkracht.core.http import posted, render_form
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.services import memberships_of

from . import services
from .forms import AnswerForm, ChallengeForm, DigestForm, HelpfulForm, HideForm, ReportForm
from .models import Answer, Challenge, DigestSubscription, Report


@login_required
def index(request):
    return _index_page(request)


def _index_page(request, status=200):
    challenges = services.visible_challenges(request.user).order_by("-created_at")
    page = Paginator(challenges, 20).get_page(request.GET.get("page"))
    subscription = DigestSubscription.objects.filter(user=request.user, active=True).exists()
    context = {
        "page": page,
        "subscribed": subscription,
        "answer_mail": services.wants_answer_mail(request.user),
        "is_facilitator": is_facilitator(request.user),
    }
    return render(request, "exchange/index.html", context, status=status)


@login_required
def new(request):
    memberships = memberships_of(request.user)
    form = ChallengeForm(posted(request), memberships=memberships)
    if request.method == "POST" and form.is_valid():
        challenge = form.save(commit=False)
        challenge.author = request.user
        challenge.organisation = _own_organisation(memberships, form.cleaned_data)
        challenge.save()
        messages.success(
            request,
            _(
                "Je vraag staat erop. Je krijgt bericht als iemand "
                "antwoordt, als je het dagelijkse overzicht aanzet."
            ),
        )
        return redirect(challenge)
    return render_form(request, "exchange/new.html", {"form": form}, form)


def _own_organisation(memberships, data) -> Organisation | None:
    slug = data.get("organisation")
    if slug and slug in {m.slug for m in memberships}:
        return Organisation.objects.get(slug=slug)
    return None


def _challenge(request, pk) -> Challenge:
    return get_object_or_404(services.visible_challenges(request.user), pk=pk)


@login_required
def challenge(request, pk):
    item = _challenge(request, pk)
    memberships = memberships_of(request.user)
    form = AnswerForm(posted(request), memberships=memberships)
    if request.method == "POST" and form.is_valid():
        organisation = _own_organisation(memberships, form.cleaned_data)
        answer = services.add_answer(item, request.user, form.cleaned_data["text"], organisation)
        messages.success(request, _("Dank je voor je antwoord."))
        return redirect(f"{item.get_absolute_url()}#answer-{answer.pk}")
    return _challenge_page(request, item, form)


def _challenge_page(request, item: Challenge, form=None, refused=None):
    """The question with its answers; `refused` is a small form of buttons (hide, helpful)
    sent back with mistakes, whose reasons stand at the top of the page (400)."""
    if form is None:
        form = AnswerForm(None, memberships=memberships_of(request.user))
    if refused is not None:
        _say_why(request, refused)
    context = {
        "challenge": item,
        "answers": services.visible_answers(request.user, item),
        "form": form,
        "is_asker": item.author_id == request.user.pk,
        "is_facilitator": is_facilitator(request.user),
    }
    response = render_form(request, "exchange/challenge.html", context, form)
    if refused is not None:
        response.status_code = 400
    return response


def _say_why(request, form) -> None:
    """Her own words (a reason) get their own message; a button's value she cannot see
    was changed on the way, so the message only asks her to try again."""
    for name, errors in form.errors.items():
        if name == "reason":
            for error in errors:
                messages.error(request, error)
        else:
            messages.error(
                request, _("Dat ging niet goed. Laad de pagina opnieuw en probeer het nog eens.")
            )


@login_required
@require_POST
def helpful(request, pk, answer_id):
    item = _challenge(request, pk)
    answer = get_object_or_404(item.answers, pk=answer_id)
    form = HelpfulForm(request.POST)
    if not form.is_valid():
        return _challenge_page(request, item, refused=form)
    try:
        services.mark_helpful(item, answer, request.user, form.cleaned_data["helpful"])
    except PermissionError:
        raise Http404 from None
    return redirect(f"{item.get_absolute_url()}#answer-{answer.pk}")


@login_required
def report(request, pk, answer_id=None):
    item = _challenge(request, pk)
    answer = (
        get_object_or_404(services.visible_answers(request.user, item), pk=answer_id)
        if answer_id
        else None
    )
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.report(
            request.user,
            form.cleaned_data["reason"],
            challenge=None if answer else item,
            answer=answer,
        )
        messages.success(request, _("Dank je. Een begeleider kijkt ernaar."))
        return redirect(item)
    context = {"challenge": item, "answer": answer, "form": form}
    return render_form(request, "exchange/report.html", context, form)


def _facilitator(request) -> None:
    if not is_facilitator(request.user):
        raise Http404


@login_required
def reports(request):
    _facilitator(request)
    open_reports = Report.objects.filter(handled_at__isnull=True).select_related(
        "challenge", "answer__challenge", "reporter"
    )
    return render(request, "exchange/reports.html", {"reports": open_reports})


@login_required
@require_POST
def hide(request, pk, answer_id=None):
    _facilitator(request)
    item = get_object_or_404(Challenge, pk=pk)
    post = get_object_or_404(Answer, pk=answer_id, challenge=item) if answer_id else item
    form = HideForm(request.POST)
    if not form.is_valid():
        return _challenge_page(request, item, refused=form)
    if form.shows:
        services.unhide(post)
        messages.success(request, _("Het bericht is weer zichtbaar."))
    else:
        services.hide(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Het bericht is verborgen."))
    return redirect(item)


@login_required
@require_POST
def for_guide(request, pk):
    """Mark the challenge for a new guide and make the draft, ready to edit."""
    _facilitator(request)
    item = get_object_or_404(Challenge, pk=pk)
    guide = services.create_draft_guide(item, request.user)
    messages.success(
        request, _("Er is een concept-stappenplan gemaakt: %(title)s.") % {"title": guide.title}
    )
    if request.user.has_perm("guides.change_guide"):
        return redirect(reverse("admin:guides_guide_change", args=[guide.pk]))
    return redirect(item)


@login_required
@require_POST
def digest(request):
    form = DigestForm(request.POST)
    if not form.is_valid():
        _say_why(request, form)
        return _index_page(request, status=400)
    services.subscribe(request.user, form.cleaned_data["active"])
    messages.success(request, _("Je keuze is bewaard."))
    return redirect("exchange:index")


@login_required
@require_POST
def answer_mail(request):
    form = DigestForm(request.POST)
    if not form.is_valid():
        _say_why(request, form)
        return _index_page(request, status=400)
    services.set_answer_mail(request.user, form.cleaned_data["active"])
    messages.success(request, _("Je keuze is bewaard."))
    return redirect("exchange:index")


def home_waiting(request) -> list[tuple[str, str]]:
    """The exchange's part of the home page: new answers to her questions, and for a
    facilitator the reports to handle."""
    items = []
    answers = services.new_answers_for(request.user)
    if answers:
        text = ngettext(
            "%(count)s nieuw antwoord op je vragen",
            "%(count)s nieuwe antwoorden op je vragen",
            len(answers),
        )
        newest = answers[0]
        url = f"{newest.challenge.get_absolute_url()}#answer-{newest.pk}"
        items.append((text % {"count": len(answers)}, url))
    if is_facilitator(request.user):
        reports = Report.objects.filter(handled_at__isnull=True).count()
        if reports:
            text = ngettext(
                "%(count)s melding om te bekijken", "%(count)s meldingen om te bekijken", reports
            )
            items.append((text % {"count": reports}, reverse("exchange:reports")))
    return items
