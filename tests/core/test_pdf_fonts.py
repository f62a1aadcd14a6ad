"""Every PDF is set in the fonts the project brings along (core/pdf_fonts.py), never in
whatever fonts the machine has: the same letters on every machine, Arabic included."""

import io
import re
import unicodedata
from functools import cache

import pytest
from django.core.management import call_command
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from wijkkracht.core.pdf import font_css_path
from wijkkracht.core.pdf_fonts import PACKAGES
from wijkkracht.guides.models import Guide
from wijkkracht.practices.models import Level

SLUG = "een-locatie-vinden"
# WeasyPrint names an embedded font after its @font-face family: "Bundled-Noto-Sans-Bold".
BUNDLED = tuple(package.family.replace(" ", "-") for package in PACKAGES)


@cache
def bundled_characters() -> frozenset[int]:
    files = font_css_path().parent.rglob("*.ttf")
    return frozenset(code for path in files for code in TTFont(path).getBestCmap())


def embedded_fonts(content: bytes) -> set[str]:
    """The fonts in the PDF, without the subset prefix ("ABCDEF+")."""
    return {
        str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in PdfReader(io.BytesIO(content)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def assert_set_in_bundled_fonts(content: bytes):
    fonts = embedded_fonts(content)
    assert fonts and all(font.startswith(BUNDLED) for font in fonts), fonts
    # A letter no bundled font has would come out as an empty box, even in a bundled font.
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    missing = {
        ch
        for ch in text
        if ord(ch) not in bundled_characters() and unicodedata.category(ch)[0] != "C"
    }
    assert not missing, sorted(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in missing)


def test_the_bundled_fonts_keep_their_licence():
    for package in PACKAGES:
        licence = (font_css_path().parent / package.id / "LICENSE").read_text()
        assert "SIL OPEN FONT LICENSE" in licence.upper(), package.name


@pytest.mark.parametrize("language", ["nl", "en", "ar", "tr", "bg"])
def test_the_booklet_uses_only_bundled_fonts(client, db, language):
    call_command("load_guides")
    response = client.get(reverse("guides:booklet", args=[SLUG]), {"lang": language})
    assert response["Content-Type"] == "application/pdf"
    assert_set_in_bundled_fonts(response.content)


def test_the_arabic_booklet_is_set_in_the_bundled_arabic_font(client, db):
    call_command("load_guides")
    content = client.get(reverse("guides:booklet", args=[SLUG]), {"lang": "ar"}).content
    assert any(font.startswith("Bundled-Noto-Sans-Arabic") for font in embedded_fonts(content))


def test_a_ticked_arabic_workbook_uses_only_bundled_fonts(client, db, organisation, admin):
    call_command("load_guides")
    client.force_login(admin)
    client.post(reverse("guides:start", args=[SLUG]), {"organisation": organisation.slug})
    args = [organisation.slug, SLUG]
    step = Guide.objects.get(slug=SLUG).steps.first().key
    client.post(reverse("guides:tick", args=[*args, step]), {f"done:{step}": "on"})
    response = client.get(reverse("guides:workbook_pdf", args=args), HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Type"] == "application/pdf"
    assert "✓" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert_set_in_bundled_fonts(response.content)


@pytest.mark.parametrize("language", ["nl", "ar", "bg"])
def test_the_cost_overview_uses_only_bundled_fonts(client, db, language):
    query = {"title": "Buurthuis Çiçek", "rent_per_month": "346,40"}
    response = client.get(reverse("venues:costs_pdf"), query, HTTP_ACCEPT_LANGUAGE=language)
    assert response["Content-Type"] == "application/pdf"
    assert_set_in_bundled_fonts(response.content)


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_level_summary_uses_only_bundled_fonts(client, db, language):
    call_command("load_practices")
    level = Level.objects.first()
    response = client.get(
        f"/praktijken/niveaus/{level.key}/samenvatting/",
        {"format": "pdf"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response["Content-Type"] == "application/pdf"
    assert_set_in_bundled_fonts(response.content)


def test_the_font_css_names_only_files_that_exist():
    css = font_css_path().read_text()
    for url in re.findall(r"url\(([^)]+)\)", css):
        assert (font_css_path().parent / url).is_file(), url
