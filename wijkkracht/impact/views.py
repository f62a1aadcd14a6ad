"""Pages for outcome measurement. Everything under an organisation is for its members;
answering is public by the questionnaire's link; results and the factsheet are public
only once the organisation publishes them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from wijkkracht.core.http import posted, render_form
from wijkkracht.core.pdf import html_to_pdf
from wijkkracht.core.views import bad_request
from wijkkracht.organisations.access import get_organisation_for_member
from wijkkracht.organisations.permissions import may

from . import charts, results, services, tallies
from .forms import (
    CounterForm,
    EffectFormSet,
    EntryForm,
    ImportForm,
    InterpretationForm,
    NewQuestionnaireForm,
    OutputsActionForm,
    PaperForm,
    PeriodForm,
    PublicForm,
    QuestionForm,
    QuoteForm,
    StoryForm,
    answer_form,
)
from .loading import templates as templates_catalogue
from .models import ChangeStory, Questionnaire, Response
from .responses import MAX_TEXT, NothingAnswered, export_csv, import_csv, template_csv

ANSWERS_PER_ADDRESS = "300/h"  # a meeting of 100 on one Wi-Fi, three times over
ANSWERS_PER_MINUTE = "120/m"  # all addresses together, for one questionnaire


@login_required
def overview(request, org):
    organisation = get_organisation_for_member(request, org)
    return render(
        request,
        "impact/overview.html",
        {
            "organisation": organisation,
            "stories": organisation.change_stories.all(),
            "questionnaires": organisation.questionnaires.all(),
            "interpretations": organisation.interpretations.all()[:10],
            "totals": services.totals(organisation),
        },
    )


def _story_for(request, org, pk) -> ChangeStory:
    organisation = get_organisation_for_member(request, org)
    return get_object_or_404(organisation.change_stories, pk=pk)


@login_required
def edit_story(request, org, pk=None):
    """The guided editor: the questions of a change story in order, with examples."""
    organisation = get_organisation_for_member(request, org)
    story = get_object_or_404(organisation.change_stories, pk=pk) if pk else None
    initial = (
        [
            {
                "key": e.key,
                "text": e.text,
                "level": e.level,
                "indicator": (e.indicators.first().text if e.indicators.exists() else ""),
                "source": (e.indicators.first().source if e.indicators.exists() else ""),
            }
            for e in story.effects.all()
        ]
        if story
        else []
    )
    form = StoryForm(posted(request), instance=story)
    effects = EffectFormSet(posted(request), initial=initial, prefix="effect")
    if request.method == "POST" and form.is_valid() and effects.is_valid():
        story = form.save(commit=False)
        story.organisation = organisation
        story.save()
        services.save_effects(story, [row for row in effects.cleaned_data if row])
        messages.success(request, _("Het veranderverhaal is bewaard."))
        return redirect(story)
    examples = list(
        ChangeStory.objects.filter(
            organisation__is_demo=True, organisation__slug__endswith="-demo"
        ).select_related("organisation")
    )
    # Each question with how the magazine's initiatives answered it, as worked examples.
    questions = [
        (
            field,
            [
                (e.organisation.name, getattr(e, field.name))
                for e in examples
                if getattr(e, field.name)
            ],
        )
        for field in form
    ]
    context = {
        "organisation": organisation,
        "form": form,
        "effects": effects,
        "story": story,
        "examples": examples,
        "questions": questions,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "impact/story_edit.html", context, status=status)


@login_required
def story(request, org, pk):
    item = _story_for(request, org, pk)
    return render(
        request,
        "impact/story.html",
        {
            "organisation": item.organisation,
            "story": item,
            "published": services.published_questionnaires(item.organisation),
            "unpublished": item.organisation.questionnaires.filter(results_public=False),
            "may_publish": may(item.organisation.membership, "impact.publish_factsheet"),
            "factsheet_url": request.build_absolute_uri(
                reverse("impact:public_factsheet", args=[item.factsheet_token])
            ),
        },
    )


def _public_choice(request) -> bool | None:
    """The posted choice to publish (True) or make private (False); None when malformed."""
    form = PublicForm(request.POST)
    return form.cleaned_data["public"] if form.is_valid() else None


@login_required
@require_POST
def factsheet_visibility(request, org, pk):
    organisation = get_organisation_for_member(request, org, action="impact.publish_factsheet")
    item = get_object_or_404(organisation.change_stories, pk=pk)
    public = _public_choice(request)
    if public is None:
        return bad_request(request)
    if public:
        services.publish_factsheet(item)
        messages.success(request, _("De factsheet is openbaar via de link."))
    else:
        services.withdraw_factsheet(item)
        messages.success(request, _("De factsheet is weer privé. De oude link werkt niet meer."))
    return redirect(item)


def _factsheet_context(story: ChangeStory) -> dict:
    """What the factsheet shows, for the public and in the members' preview alike: the
    story and counts, and figures and quotes only of questionnaires whose results the
    group published."""
    published = list(services.published_questionnaires(story.organisation))
    rows = []
    for questionnaire in published:
        rows += [
            (questionnaire, row)
            for row in results.results(questionnaire, shown=0)
            if row.share_agreeing is not None and not row.hidden
        ]
    quotes = [q for questionnaire in published for q in questionnaire.quotes.all()][:3]
    return {
        "story": story,
        "organisation": story.organisation,
        "figures": rows,
        "totals": services.totals(story.organisation),
        "quotes": quotes,
    }


def _factsheet(request, story: ChangeStory):
    context = _factsheet_context(story)
    if request.GET.get("format") == "pdf":
        html = render_to_string("impact/factsheet_print.html", context, request=request)
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="factsheet.pdf"'
        return response
    return render(request, "impact/factsheet.html", context)


@login_required
def factsheet(request, org, pk):
    return _factsheet(request, _story_for(request, org, pk))


def public_factsheet(request, token):
    story = get_object_or_404(
        ChangeStory.objects.select_related("organisation"),
        factsheet_token=token,
        factsheet_public=True,
    )
    return _factsheet(request, story)


@login_required
def outputs(request, org):
    """Counters over time, with totals for a period."""
    organisation = get_organisation_for_member(request, org)
    action = OutputsActionForm(posted(request))
    if action.is_bound and not action.is_valid():
        return bad_request(request)
    sent = action.cleaned_data["action"] if action.is_bound else None
    counter_form = CounterForm(request.POST if sent == "add_counter" else None)
    entry_form = EntryForm(request.POST if sent == "add_entry" else None, organisation=organisation)
    if counter_form.is_bound and counter_form.is_valid():
        services.add_counter(organisation, counter_form.cleaned_data["label"])
        return redirect("impact:outputs", organisation.slug)
    if entry_form.is_bound and entry_form.is_valid():
        data = entry_form.cleaned_data
        services.log(data["counter"], data["month"], data["value"], data["activity"])
        messages.success(request, _("De telling is bewaard."))
        return redirect("impact:outputs", organisation.slug)
    period = PeriodForm(request.GET or None)
    start = end = None
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    totals = services.totals(organisation, start, end)
    context = {
        "organisation": organisation,
        "counter_form": counter_form,
        "entry_form": entry_form,
        "period": period,
        "totals": [(t, charts.months(t.by_month, t.counter.label)) for t in totals],
    }
    bound = (
        counter_form.is_bound or entry_form.is_bound or (period.is_bound and not period.is_valid())
    )
    return render(request, "impact/outputs.html", context, status=400 if bound else 200)


@login_required
def new_questionnaire(request, org):
    organisation = get_organisation_for_member(request, org)
    form = NewQuestionnaireForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        questionnaire = services.from_templates(
            organisation,
            data["title"],
            data["templates"],
            story=organisation.change_stories.first(),
            open_question=data["open_question"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
        )
        return redirect(questionnaire)
    return render_form(
        request, "impact/questionnaire_new.html", {"organisation": organisation, "form": form}, form
    )


def _questionnaire_for(request, org, pk, action: str = "impact.work") -> Questionnaire:
    organisation = get_organisation_for_member(request, org, action=action)
    return get_object_or_404(organisation.questionnaires, pk=pk)


@login_required
def questionnaire(request, org, pk):
    item = _questionnaire_for(request, org, pk)
    link = _answer_link(request, item)
    chosen = set(item.quotes.values_list("text", flat=True))
    open_answers, more = [], 0  # texts to choose from, and how many of the rest are not
    for row in results.results(item, shown=0):
        if row.question.kind == "open" and not row.hidden:
            texts = results.open_texts(
                item, row.question.key, results.OPEN_SHOWN - len(open_answers), chosen
            )
            open_answers += texts
            more += row.answers - len(texts) - results.open_count(item, row.question.key, chosen)
    return render(
        request,
        "impact/questionnaire.html",
        {
            "organisation": item.organisation,
            "questionnaire": item,
            "link": link,
            "open_answers": open_answers,
            "more_answers": max(more, 0),
            "responses": tallies.responses(item),
            "import_form": ImportForm(),
            "question_form": QuestionForm(),
            "quote_form": QuoteForm(),
            "is_open": services.is_open(item),
            "may_publish": may(item.organisation.membership, "impact.publish_results"),
            "may_quote": may(item.organisation.membership, "impact.quotes"),
        },
    )


def _answer_link(request, item: Questionnaire) -> str:
    return request.build_absolute_uri(reverse("impact:answer", args=[item.token]))


@login_required
def qr_code(request, org, pk, kind="svg"):
    """The QR code as a file to download or print, also shown on the poster."""
    item = _questionnaire_for(request, org, pk)
    image = services.answer_qr(_answer_link(request, item), kind, title=item.title)
    response = HttpResponse(image, content_type=services.QR_KINDS[kind])
    response["Content-Disposition"] = f'inline; filename="qr-vragenlijst-{item.pk}.{kind}"'
    return response


@login_required
def poster(request, org, pk):
    """A page to print: the QR code, the link and a short invitation."""
    item = _questionnaire_for(request, org, pk)
    context = {"questionnaire": item, "link": _answer_link(request, item)}
    return render(request, "impact/poster.html", context)


@login_required
def paper(request, org, pk):
    """One paper form per screen, keyed in with the keyboard alone."""
    item = _questionnaire_for(request, org, pk)
    form = PaperForm(item, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record(item, form.answers(), source=Response.Source.PAPER)
        except NothingAnswered:
            form.add_error(None, PaperForm.NOTHING_ANSWERED)
        else:
            messages.success(request, _("Formulier bewaard. Dit is het volgende."))
            return redirect("impact:paper", item.organisation.slug, item.pk)
    context = {
        "organisation": item.organisation,
        "questionnaire": item,
        "form": form,
        "count": services.paper_forms(item),
    }
    return render_form(request, "impact/paper.html", context, form)


@login_required
def import_responses(request, org, pk):
    """The import with its help: the columns of this questionnaire and an empty file."""
    item = _questionnaire_for(request, org, pk)
    form = ImportForm(posted(request), request.FILES or None)
    report = None
    if form.is_bound and form.is_valid():
        report = import_csv(item, form.cleaned_data["file"].read())
        if report.ok:
            n = report.imported
            text = ngettext(
                "%(n)d ingevulde vragenlijst ingelezen.",
                "%(n)d ingevulde vragenlijsten ingelezen.",
                n,
            )
            messages.success(request, text % {"n": n})
            return redirect(item)
    context = {
        "organisation": item.organisation,
        "questionnaire": item,
        "questions": item.questions.all(),
        "max_text": MAX_TEXT,
        "form": form,
        "report": report,
    }
    return render(request, "impact/import.html", context, status=400 if form.is_bound else 200)


@login_required
def import_template(request, org, pk):
    """An empty file to fill in for the import: the header row with the question keys."""
    item = _questionnaire_for(request, org, pk)
    response = HttpResponse(template_csv(item), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="invullen-{item.pk}.csv"'
    return response


@login_required
def export_responses(request, org, pk):
    item = _questionnaire_for(request, org, pk)
    response = HttpResponse(export_csv(item), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="antwoorden-{item.pk}.csv"'
    return response


@login_required
@require_POST
def add_question(request, org, pk):
    item = _questionnaire_for(request, org, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "impact/question_add.html",
            {"organisation": item.organisation, "questionnaire": item, "form": form},
            status=400,
        )
    data = form.cleaned_data
    services.add_question(item, data["kind"], data["text"], data["choices"])
    messages.success(request, _("De vraag is toegevoegd."))
    return redirect(item)


@login_required
@require_POST
def publish_results(request, org, pk):
    item = _questionnaire_for(request, org, pk, action="impact.publish_results")
    public = _public_choice(request)
    if public is None:
        return bad_request(request)
    services.set_results_public(item, public)
    return redirect(item)


@login_required
@require_POST
def add_quote(request, org, pk):
    item = _questionnaire_for(request, org, pk, action="impact.quotes")
    form = QuoteForm(request.POST)
    if not form.is_valid():
        return bad_request(request)
    services.add_quote(item, form.cleaned_data["text"])
    return redirect(item)


@login_required
@require_POST
def remove_quote(request, org, pk, quote_id):
    item = _questionnaire_for(request, org, pk, action="impact.quotes")
    get_object_or_404(item.quotes, pk=quote_id).delete()
    return redirect(item)


def _say_share(row) -> None:
    """The sentences under a statement, made here: a page of many statements renders them
    far quicker than {% blocktranslate %} does, one by one."""
    if row.share_agreeing is None:
        return
    row.share_text = _("%(pct)s%% eens") % {"pct": row.share_agreeing}
    row.of_text = _("van %(n)s antwoorden") % {"n": row.valid}
    if row.dont_know:
        row.dont_know_text = _("%(n)s × weet niet") % {"n": row.dont_know}


def results_page(request, org, pk):
    """Members always; anyone once the organisation has published the results."""
    item = get_object_or_404(
        Questionnaire.objects.select_related("organisation"), pk=pk, organisation__slug=org
    )
    is_member = not item.results_public
    if is_member:  # only members see what is not published
        get_organisation_for_member(request, org)
    else:
        is_member = (
            request.user.is_authenticated
            and request.user.memberships.filter(organisation=item.organisation).exists()
        )
    rows = results.results(item, results.OPEN_SHOWN if is_member else 0)  # texts: members
    labels = dict(templates_catalogue.scale_labels() + templates_catalogue.yes_no_labels())
    for row in rows:
        row.text = row.question.text_in(get_language())
        row.labelled = [(labels.get(value, value), count) for value, count in row.counts.items()]
        _say_share(row)
    groups = [
        (effect, [(row, charts.distribution(row, labels)) for row in group])
        for effect, group in results.by_effect(rows)
    ]
    open_answers = [row for row in rows if row.question.kind == "open" and not row.hidden]
    return render(
        request,
        "impact/results.html",
        {
            "organisation": item.organisation,
            "questionnaire": item,
            "groups": groups,
            "labels": dict(templates_catalogue.scale_labels()),
            "minimum": results.MIN_ANSWERS,
            "is_member": is_member,
            "open_answers": open_answers,
        },
    )


@login_required
def interpretation(request, org):
    organisation = get_organisation_for_member(request, org)
    form = InterpretationForm(posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.organisation, session.created_by = organisation, request.user
        session.save()
        messages.success(request, _("De conclusies van jullie gesprek zijn bewaard."))
        return redirect("impact:overview", organisation.slug)
    return render_form(
        request, "impact/interpretation.html", {"organisation": organisation, "form": form}, form
    )


def _answer_limit(request, item: Questionnaire) -> str | None:
    """Why this answer is refused, or None. A room of 100 on one Wi-Fi must get through,
    a script must not: per questionnaire and address at most ANSWERS_PER_ADDRESS an hour,
    and per questionnaire at most ANSWERS_PER_MINUTE from all addresses together."""
    per_address = is_ratelimited(
        request,
        group="impact-answer-address",
        rate=ANSWERS_PER_ADDRESS,
        increment=True,
        key=lambda group, r: f"{item.pk}:{r.META.get(settings.RATELIMIT_IP_META_KEY, '')}",
    )
    per_questionnaire = is_ratelimited(
        request,
        group="impact-answer-questionnaire",
        rate=ANSWERS_PER_MINUTE,
        increment=True,
        key=lambda group, r: str(item.pk),
    )
    if per_questionnaire:
        return "minute"
    return "hour" if per_address else None


def answer(request, token):
    """The public form: no account, nothing kept about who answers."""
    item = get_object_or_404(Questionnaire.objects.select_related("organisation"), token=token)
    languages = item.languages or ["nl"]
    language = request.GET.get("taal") or get_language()
    language = language if language in languages else "nl"
    if not services.is_open(item):
        return render(request, "impact/closed.html", {"questionnaire": item}, status=410)
    form = answer_form(item, language, posted(request))
    context = {"questionnaire": item, "form": form, "language": language, "languages": languages}
    if request.method == "POST":
        limited = _answer_limit(request, item)
        if limited:  # her answers stay in the form, so she can send them again later
            return render(
                request, "impact/answer.html", {**context, "limited": limited}, status=429
            )
        if form.is_valid():
            try:
                services.record(item, {k: str(v) for k, v in form.cleaned_data.items() if v})
            except NothingAnswered as error:
                with translation.override(language):  # the language she reads the form in
                    form.add_error(None, str(error.default))
            else:
                return render(request, "impact/thanks.html", {"questionnaire": item})
    return render_form(request, "impact/answer.html", context, form)
