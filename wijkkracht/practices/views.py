from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wijkkracht.accounts.roles import is_facilitator
from wijkkracht.core.http import posted, render_form
from wijkkracht.core.pdf import html_to_pdf

from . import library, services
from .forms import PracticeForm
from .models import DecisionQuestion, Lesson, Level, Practice


def index(request):
    """Search and facets; every state is a plain GET address, so it can be shared.
    `taal=nl` shows the same search in Dutch, the language of the descriptions."""
    if request.GET.get("taal") == settings.LANGUAGE_CODE:
        with translation.override(settings.LANGUAGE_CODE):
            response = _index(request)
        response["Content-Language"] = settings.LANGUAGE_CODE
        return response
    return _index(request)


def _index(request):
    filters = library.Filters.from_query(request.GET)
    found = library.find(filters)
    page = Paginator(found.practices, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    dutch_search = None
    if filters.q and not found.practices and library.reader_language() != settings.LANGUAGE_CODE:
        query["taal"] = settings.LANGUAGE_CODE
        dutch_search = f"{reverse('practices:index')}?{query.urlencode()}"
        query.pop("taal")
    context = {
        "filters": filters,
        "found": found,
        "page": page,
        "query": query.urlencode(),
        "levels": Level.objects.all(),
        "facet_titles": _facet_titles(),
        "dutch_search": dutch_search,
    }
    return render(request, "practices/index.html", context)


def _facet_titles() -> dict[str, str]:
    return {
        "level": _("Participatieniveau"),
        "theme": _("Thema"),
        "method": _("Wervingsmethode"),
        "municipality": _("Gemeente"),
        "country": _("Land van herkomst"),
    }


def detail(request, slug):
    practice = get_object_or_404(
        services.visible_practices(request.user)
        .select_related("level")
        .prefetch_related("themes", "methods", "countries", "lessons"),
        slug=slug,
    )
    context = {
        "practice": practice,
        "can_publish": is_facilitator(request.user) and practice.status == Practice.Status.DRAFT,
    }
    return render(request, "practices/detail.html", context)


def _shown(practices):
    """Practices as cards show them: with their level and themes, in one go."""
    return library.cards(practices.published().select_related("level").only(*library.CARD))


def level(request, key):
    level = get_object_or_404(Level, key=key)
    return render(
        request, "practices/level.html", {"level": level, "practices": _shown(level.practices)}
    )


def level_summary(request, key):
    """One printable page for a policy officer judging a proposal at this level."""
    level = get_object_or_404(Level, key=key)
    html = render_to_string(
        "practices/level_print.html",
        {"level": level, "practices": level.practices.published()},
        request=request,
    )
    if request.GET.get("format") == "pdf":
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="niveau-{level.key}.pdf"'
        return response
    return HttpResponse(html)


def lessons(request):
    lessons = list(Lesson.objects.prefetch_related("practices"))
    context = {
        "lessons": lessons,
        "draft_translation": any(lesson.draft_translation for lesson in lessons),
    }
    return render(request, "practices/lessons.html", context)


def decision_aid(request):
    """Plain questions → a participation level → what works there, with examples."""
    questions = list(DecisionQuestion.objects.prefetch_related("answers"))
    answers = {q.key: request.GET.get(q.key, "") for q in questions}
    asked = any(answers.values())
    chosen = services.level_for(answers) if asked else None
    context = {
        "questions": questions,
        "answers": answers,
        "level": chosen,
        "practices": _shown(chosen.practices) if chosen else [],
        "draft_translation": any(q.draft_translation for q in questions)
        or bool(chosen and chosen.draft_translation),
    }
    status = 400 if asked and chosen is None else 200
    return render(request, "practices/decision_aid.html", context, status=status)


@login_required
def submit(request):
    form = PracticeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        practice = services.submit(
            request.user,
            form.save(commit=False),
            form.cleaned_data["themes"],
            form.cleaned_data["methods"],
        )
        messages.success(
            request, _("Dank je! Een begeleider van de CoP kijkt ernaar en publiceert de praktijk.")
        )
        return redirect(practice)
    return render_form(request, "practices/submit.html", {"form": form}, form)


@login_required
def review(request):
    if not is_facilitator(request.user):
        raise Http404
    drafts = Practice.objects.filter(status=Practice.Status.DRAFT).select_related("submitted_by")
    return render(request, "practices/review.html", {"drafts": drafts})


@login_required
@require_POST
def publish(request, slug):
    if not is_facilitator(request.user):
        raise Http404
    practice = get_object_or_404(Practice, slug=slug)
    services.publish(practice)
    messages.success(request, _("De praktijk is gepubliceerd."))
    return redirect(practice)


def home_waiting(request) -> list[tuple[str, str]]:
    """The library's part of the home page: sent-in practices a facilitator can publish."""
    if not is_facilitator(request.user):
        return []
    drafts = Practice.objects.filter(status=Practice.Status.DRAFT).count()
    if not drafts:
        return []
    text = ngettext(
        "%(count)s ingestuurde praktijk om te publiceren",
        "%(count)s ingestuurde praktijken om te publiceren",
        drafts,
    )
    return [(text % {"count": drafts}, reverse("practices:review"))]
