"""Guides as printable booklets (PDF), made with WeasyPrint from an HTML template."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from wijkkracht.core.pdf import html_to_pdf

PDF_SECONDS = 60 * 60 * 24


def guide_pdf(guide, language: str) -> bytes:
    """The booklet of a guide in one language; kept in the cache until the guide changes."""
    key = f"guides:booklet:{guide.pk}:{language}:{guide.updated_at.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_guide_pdf(guide, language)
        cache.set(key, pdf, PDF_SECONDS)
    return pdf


def render_guide_pdf(guide, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "guides/booklet.html",
            {
                "guide": guide,
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "untranslated": not getattr(guide, f"title_{language}", ""),
                "draft_translation": language in guide.draft_languages,
            },
        )
    return html_to_pdf(html)
