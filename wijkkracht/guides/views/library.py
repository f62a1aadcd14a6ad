from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation

from wijkkracht.core.http import render_form
from wijkkracht.organisations.services import memberships_of

from .. import booklet
from ..forms import BookletForm, SearchForm, SituationsForm
from ..search import search as search_guides
from ..services import library as services


def _get_guide(slug: str):
    guide = services.guide_with_parts(slug).first()
    if guide is None:
        raise Http404
    return guide


def _get_published(slug: str):
    """Only the guide row: its parts come from the page cache, or load as the page renders."""
    guide = services.published_guide(slug)
    if guide is None:
        raise Http404
    return guide


def library(request):
    return render(request, "guides/library.html", {"guides": services.library()})


def detail(request, slug):
    guide = _get_published(slug)
    context = {"guide": guide, **_language_notes(guide)}
    if request.user.is_authenticated:
        context["memberships"] = memberships_of(request.user)
    return render(request, "guides/detail.html", context)


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    hits = search_guides(query, translation.get_language()) if query else []
    context = {"query": query, "hits": hits, "form": form}
    return render_form(request, "guides/search.html", context, form)


def which_guide(request):
    """'Welke gids past bij ons?': tick what you recognise, see the guides behind it."""
    situations = services.situations()
    form = SituationsForm(request.GET, situations=situations)
    chosen = form.cleaned_data["s"] if form.is_valid() else []
    context = {
        "situations": situations,
        "form": form,
        "chosen": set(chosen),
        "matches": services.guides_for_situations(chosen) if chosen else None,
    }
    return render_form(request, "guides/which.html", context, form)


def booklet_pdf(request, slug):
    guide = _get_guide(slug)
    form = BookletForm(request.GET)
    if not form.is_valid():
        raise Http404  # no booklet in such a language
    language = form.cleaned_data["lang"] or translation.get_language()
    pdf = booklet.guide_pdf(guide, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{guide.slug}-{language}.pdf"'
    return response


def _language_notes(guide) -> dict:
    """Whether the reader's language is missing (Dutch shown) or a draft translation."""
    language = translation.get_language()
    return {
        "untranslated": not getattr(guide, f"title_{language}", ""),
        "draft_translation": language in guide.draft_languages,
    }
