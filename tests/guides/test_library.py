import io
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from wijkkracht.guides.models import Guide, GuideItem


def test_the_library_lists_five_guides_with_a_summary(client, guides):
    page = client.get(reverse("guides:library")).content.decode()
    for guide in Guide.objects.all():
        assert guide.title_nl in page and guide.summary_nl in page
    assert page.count("Concept, nog te toetsen door de CoP") == 3


def test_a_guide_page_shows_its_parts_in_order_with_a_table_of_contents(client, guides):
    guide = Guide.objects.get(slug="voorkomen-van-interne-wrijvingen")
    page = client.get(guide.get_absolute_url()).content.decode()
    order = ['id="uitdaging"', 'id="ervaringen"', 'id="hulpvragen"', 'id="stappen"', 'id="doen"']
    positions = [page.index(anchor) for anchor in order]
    assert positions == sorted(positions)
    for anchor in order:
        assert f'href="#{anchor[4:-1]}"' in page
    for step in guide.steps.all():
        assert step.title_nl in page


def test_a_draft_guide_is_not_public(client, guides):
    Guide.objects.filter(slug="een-locatie-vinden").update(status="draft")
    assert client.get("/gidsen/een-locatie-vinden/").status_code == 404
    assert "Een locatie vinden" not in client.get("/gidsen/").content.decode()


def test_in_arabic_the_guide_reads_right_to_left(client, guides):
    client.cookies["django_language"] = "ar"
    page = client.get("/gidsen/een-locatie-vinden/").content.decode()
    assert 'dir="rtl"' in page
    assert Guide.objects.get(slug="een-locatie-vinden").title_ar in page
    assert "nog niet vertaald" not in page


def test_an_untranslated_guide_says_so_and_shows_dutch(client, guides):
    client.cookies["django_language"] = "tr"
    page = client.get("/gidsen/generaties-dichter-bij-elkaar/").content.decode()
    assert 'lang="nl" dir="ltr"' in page
    assert "Generaties dichter bij elkaar" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vrouw", None),
        ("huur", "een-locatie-vinden"),
        ("buurtkamers", "een-locatie-vinden"),
        ("bemiddelaars", "voorkomen-van-interne-wrijvingen"),
        ("notaris", "wel-of-geen-stichting-worden"),
    ],
)
def test_search_finds_words_in_other_forms(client, guides, query, expected):
    page = client.get(reverse("guides:search"), {"q": query}).content.decode()
    assert "gevonden" in page
    if expected:
        assert Guide.objects.get(slug=expected).get_absolute_url() in page


def test_search_in_arabic(client, guides):
    client.cookies["django_language"] = "ar"
    guide = Guide.objects.get(slug="een-locatie-vinden")
    word = guide.title_ar.split()[-1]
    page = client.get(reverse("guides:search"), {"q": word}).content.decode()
    assert guide.get_absolute_url() in page


def test_search_without_hits_offers_the_guide_finder(client, guides):
    page = client.get(reverse("guides:search"), {"q": "xylofoon"}).content.decode()
    assert "0 stappenplannen gevonden" in page
    assert reverse("guides:which") in page


def test_which_guide_starts_from_the_situation(client, guides):
    page = client.get(reverse("guides:which")).content.decode()
    situation = GuideItem.objects.filter(kind="situation", guide__slug="een-locatie-vinden").first()
    assert situation.text_nl in page
    page = client.get(reverse("guides:which"), {"s": [situation.pk]}).content.decode()
    advice = page.split('id="advice"')[1].split("</section>")[0]
    assert "Een locatie vinden" in advice
    assert "Generaties" not in advice


def test_which_guide_explains_nonsense(client, guides):
    response = client.get(reverse("guides:which"), {"s": ["x", "99999"]})
    assert response.status_code == 400
    assert "Kies uit de lijst" in response.content.decode()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_booklet_pdf_holds_the_guide(client, guides):
    response = client.get(reverse("guides:booklet", args=["een-locatie-vinden"]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    guide = Guide.objects.get(slug="een-locatie-vinden")
    assert "Een locatie vinden" in text and "Inhoud" in text
    for step in guide.steps.all():
        assert step.title_nl.split()[0] in text
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 6


def _arabic_runs(content: bytes):
    """(x, text) of every piece of Arabic text on the cover page, as placed in the PDF."""
    runs = []

    def visit(text, cm, tm, font, size):
        if any("ARABIC" in unicodedata.name(ch, "") for ch in text):
            runs.append((tm[4] * cm[0] + cm[4], text))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_the_arabic_booklet_is_set_right_to_left_in_an_arabic_font(client, guides):
    content = client.get(
        reverse("guides:booklet", args=["een-locatie-vinden"]), {"lang": "ar"}
    ).content
    reader = PdfReader(io.BytesIO(content))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Arabic" in name for name in fonts), fonts
    guide = Guide.objects.get(slug="een-locatie-vinden")
    assert guide.title_ar in pdf_text(content)
    width = float(reader.pages[0].mediabox.width)
    title = [x for x, text in _arabic_runs(content) if text.strip() == guide.title_ar]
    # Right to left: the short title line hangs from the right margin, not the left one.
    assert title and title[0] > width * 0.3, _arabic_runs(content)


def test_a_booklet_in_an_unknown_language_is_404(client, guides):
    assert client.get("/gidsen/een-locatie-vinden/boekje.pdf?lang=xx").status_code == 404


def test_dutch_titles_in_another_language_are_marked_as_dutch(client, guides):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("guides:library")).content.decode()
    assert '<h2 lang="nl"><a href="/gidsen/generaties-dichter-bij-elkaar/">' in page
    assert '<h2 lang="en"><a href="/gidsen/een-locatie-vinden/">' in page
