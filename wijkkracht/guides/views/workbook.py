"""The group workbook: thin views over guides.workbooks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkkracht.core.pdf import html_to_pdf
from wijkkracht.organisations.access import get_organisation_for_member

from ..access import get_workbook_for_member
from ..forms import AnswersForm, StartForm, TickForm
from ..models import Answer, Guide
from ..services import workbooks

ANSWER_STATE = "guides/_save_state.html"


def _revision(value) -> int:
    """The revision a save started from; anything odd matches no stored revision, so the
    save is treated as stale and nothing is overwritten."""
    try:
        revision = int(value)
    except (TypeError, ValueError):
        return -1
    return revision if 0 <= revision < 2**31 else -1


@login_required
@require_POST
def start(request, slug):
    guide = get_object_or_404(Guide.objects.published(), slug=slug)
    form = StartForm(request.POST)
    if not form.is_valid():
        raise Http404  # no organisation of hers has such a name
    organisation = get_organisation_for_member(request, form.cleaned_data["organisation"])
    workbook = workbooks.start(organisation, guide, request.user)
    return redirect(workbook)


@login_required
def workbooks_of(request, org):
    organisation = get_organisation_for_member(request, org)
    started = workbooks.workbooks_of(organisation)
    started_ids = {book.guide_id for book in started}
    context = {
        "organisation": organisation,
        "started": started,
        "not_started": [g for g in Guide.objects.published() if g.pk not in started_ids],
    }
    return render(request, "guides/workbooks.html", context)


@login_required
def workbook(request, org, slug):
    book = get_workbook_for_member(request, org, slug)
    return render(request, "guides/workbook.html", {"view": workbooks.workbook_view(book)})


def _fragment_context(book, **extra) -> dict:
    return {"view": {"urls": workbooks.workbook_urls(book)}, **extra}


@login_required
@require_POST
def answer(request, org, slug, key):
    """One answer, saved while she types (htmx) or with the form's button."""
    book = get_workbook_for_member(request, org, slug)
    form = AnswersForm(request.POST, keys=[key])
    if key not in workbooks.valid_keys(book):
        raise Http404
    if not form.is_valid() or not form.keys:
        refusal = form.refusals().get(key) or {"mine": "", "error": _("Er kwam geen tekst mee.")}
        if request.htmx:  # the field keeps her text; the status says why it was not saved
            context = _fragment_context(
                book, answer=workbooks.get_answer(book, key), refusal=refusal
            )
            return render(request, ANSWER_STATE, context, status=400)
        return _page_again(request, book, refused={key: refusal}, status=400)
    [(_key, text, base)] = form.answers()
    try:
        saved = workbooks.save_answer(book, key, text, _revision(base), request.user)
    except workbooks.StaleAnswer as stale:
        if request.htmx:
            context = _fragment_context(book, answer=stale.current, mine=text, stale=True)
            return render(request, ANSWER_STATE, context, status=409)
        return _page_again(request, book, conflicts={key: _conflict(stale, text)})
    if request.htmx:
        context = _fragment_context(book, answer=saved, progress=workbooks.progress(book))
        return render(request, ANSWER_STATE, context)
    messages.success(request, _("Opgeslagen."))
    return redirect(f"{book.get_absolute_url()}#{slugify(key)}")


@login_required
@require_POST
def save_all(request, org, slug):
    """Without JavaScript the whole workbook comes in one form: save what she changed.
    If one answer is refused, nothing is saved and every text she typed stays."""
    book = get_workbook_for_member(request, org, slug)
    form = AnswersForm(
        request.POST,
        keys=workbooks.valid_keys(book),
        step_keys=list(book.guide.steps.values_list("key", flat=True)),
    )
    if not form.is_valid():
        sent = {
            key: {"mine": form.data.get(f"text:{key}", "").replace("\x00", "")} for key in form.keys
        }
        refused = {**sent, **form.refusals()}
        messages.error(request, _("Niets opgeslagen. Kijk bij de antwoorden met een melding."))
        return _page_again(request, book, refused=refused, status=400)
    conflicts = {}
    for key, text, base in form.answers():
        try:
            workbooks.save_if_changed(book, key, text, _revision(base), request.user)
        except workbooks.StaleAnswer as stale:
            conflicts[key] = _conflict(stale, text)
    for step_key, done in form.ticks():
        workbooks.set_tick(book, step_key, done, request.user)
    if conflicts:
        return _page_again(request, book, conflicts=conflicts)
    messages.success(request, _("Opgeslagen."))
    return redirect(book)


def _conflict(stale, mine: str) -> dict:
    return {"answer": stale.current, "mine": mine}


def _page_again(request, book, conflicts=None, refused=None, status=409):
    """The page again, her texts kept in the fields, both texts shown where they clash
    and the reason next to a text that was refused."""
    context = {
        "view": workbooks.workbook_view(book),
        "conflicts": conflicts or {},
        "refused": refused or {},
    }
    return render(request, "guides/workbook.html", context, status=status)


@login_required
@require_POST
def tick(request, org, slug, key):
    book = get_workbook_for_member(request, org, slug)
    form = TickForm(request.POST, key=key)
    if not form.is_valid():
        return HttpResponse(_("Dit verzoek klopt niet."), status=400)
    done = form.cleaned_data[f"done:{key}"]
    step_tick = workbooks.set_tick(book, key, done, request.user)
    if request.htmx:
        return render(
            request,
            "guides/_tick_state.html",
            {"tick": step_tick, "progress": workbooks.progress(book)},
        )
    return redirect(f"{book.get_absolute_url()}#step-{key}")


@login_required
def history(request, org, slug, key):
    book = get_workbook_for_member(request, org, slug)
    current = workbooks.get_answer(book, key)
    versions = current.versions.select_related("author") if current.pk else []
    return render(
        request,
        "guides/history.html",
        {
            "workbook": book,
            "answer": current,
            "versions": versions,
            "label": _label(book, key),
        },
    )


@login_required
@require_POST
def restore(request, org, slug, key, revision):
    book = get_workbook_for_member(request, org, slug)
    workbooks.get_answer(book, key)  # 404 for keys that are not in the guide
    try:
        workbooks.restore(book, key, int(revision), request.user)
        messages.success(request, _("De eerdere tekst staat er weer."))
    except workbooks.StaleAnswer:
        messages.error(request, _("Iemand veranderde dit antwoord net. Kijk nog eens."))
    return redirect(f"{book.get_absolute_url()}#{slugify(key)}")


@login_required
@require_POST
def seen(request, org, slug):
    book = get_workbook_for_member(request, org, slug)
    workbooks.mark_seen(book)
    return redirect(book)


@login_required
def pdf(request, org, slug):
    book = get_workbook_for_member(request, org, slug)
    html = render(
        request, "guides/workbook_pdf.html", {"view": workbooks.workbook_view(book)}
    ).content.decode()
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="werkboek-{book.guide.slug}.pdf"'
    return response


def _label(book, key: str) -> str:
    """What an answer key stands for: the question, or the step whose notes it holds."""
    if key.startswith(Answer.NOTE_PREFIX):
        step = book.guide.steps.filter(key=key[len(Answer.NOTE_PREFIX) :]).first()
        if step is None:
            raise Http404
        return _("Notities bij stap %(number)d: %(title)s") % {
            "number": step.number,
            "title": step.title,
        }
    question = book.guide.questions.filter(key=key).first()
    if question is None:
        raise Http404
    return question.text
