"""The library's content in her own language: the decision aid and the levels in en, ar,
tr and bg from the content files, Dutch (marked as Dutch) where a translation is missing."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wijkkracht.core.content import ContentError
from wijkkracht.practices.loading import PRACTICES_DIR, load_practices
from wijkkracht.practices.models import (
    DecisionAnswer,
    DecisionQuestion,
    Lesson,
    Level,
    RecruitmentMethod,
    Theme,
)

pytestmark = pytest.mark.django_db

IN_DUTCH = 'lang="nl" dir="ltr"'


@pytest.fixture
def library(db):
    call_command("load_practices")


def _get(client, language, url, **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, params)
    translation.activate(settings.LANGUAGE_CODE)  # the request leaves its language behind
    return response


def _aid(client, language, **answers):
    return _get(client, language, reverse("practices:decision_aid"), **answers)


def test_the_decision_aid_in_arabic_asks_in_arabic(client, library):
    page = _aid(client, "ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "مَن تريدون أن تصلوا إليه؟" in page
    assert "نساء نادرًا ما يخرجن من البيت" in page
    assert "Wie wil je bereiken?" not in page
    assert IN_DUTCH not in page  # everything it shows is translated


def test_the_decision_aid_in_arabic_answers_in_arabic(client, library):
    page = _aid(client, "ar", whom="isolated").content.decode()
    assert "مستوى مشاركة منخفض" in page  # the level's label
    assert "نساء يعشن في عزلة." in page  # who takes part
    assert "لا تربطوا المشاركة بأي التزام." in page  # a recommendation
    assert "Laag participatieniveau" not in page
    assert IN_DUTCH not in page


def test_a_machine_drafted_translation_says_it_awaits_review(client, library):
    with translation.override("ar"):
        note = translation.gettext("Deze vertaling is nog niet nagekeken.")
    assert note in _aid(client, "ar").content.decode()
    assert "Deze vertaling is nog niet nagekeken." not in _aid(client, "nl").content.decode()


def test_the_dutch_decision_aid_is_unchanged(client, library):
    page = _aid(client, "nl", whom="isolated").content.decode()
    assert "Wie wil je bereiken?" in page and "Laag participatieniveau" in page
    assert "مستوى" not in page


def test_a_missing_translation_shows_the_dutch_text_marked_as_dutch(client, library):
    DecisionQuestion.objects.filter(key="whom").update(text_ar="")
    DecisionAnswer.objects.filter(key="isolated").update(text_ar="")
    Level.objects.filter(key="laag").update(who_ar="", recommendations_ar=[])
    page = _aid(client, "ar", whom="isolated").content.decode()
    assert f"<legend {IN_DUTCH}>Wie wil je bereiken?</legend>" in page
    assert f"<span {IN_DUTCH}>Vrouwen die nauwelijks buiten komen</span>" in page
    assert f"<div {IN_DUTCH}><p>Vrouwen die geïsoleerd leven." in page
    assert f"<ul {IN_DUTCH}><li>Werf in de directe leefomgeving" in page
    assert "مستوى مشاركة منخفض" in page  # what is translated stays translated
    assert "نادرًا" not in page


def test_a_language_without_any_translation_falls_back_to_dutch(client, library):
    DecisionQuestion.objects.update(text_tr="")
    page = _aid(client, "tr").content.decode()
    assert f"<legend {IN_DUTCH}>Wat doen ze al?</legend>" in page


def _snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Level, DecisionQuestion, DecisionAnswer, Theme, RecruitmentMethod, Lesson)
    ]


def test_loading_twice_changes_nothing(library):
    before = _snapshot()
    load_practices()
    assert _snapshot() == before


def test_the_dutch_columns_hold_the_dutch_even_when_loaded_in_arabic(db):
    with translation.override("ar"):
        load_practices()
    level = Level.objects.get(key="laag")
    assert level.label_nl == "Laag participatieniveau"
    assert level.label_ar == "مستوى مشاركة منخفض"
    assert level.draft_languages == ["ar", "bg", "en", "tr"]


def test_a_translated_list_must_keep_every_item(db, tmp_path):
    directory = tmp_path / "practices"
    shutil.copytree(PRACTICES_DIR, directory)
    levels = directory / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    levels.write_text(
        text.replace('      - "Do not attach any obligation to taking part."\n', "", 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="recommendations_en: 8 items, the Dutch has 9"):
        load_practices(directory)


def test_a_level_page_in_arabic(client, library):
    page = _get(client, "ar", reverse("practices:level", args=["hoog"])).content.decode()
    assert "<h1>مستوى مشاركة مرتفع</h1>" in page
    assert "ابحثوا عن المشاركات عن طريق وسائل الإعلام العادية الواسعة" in page
    assert "Hoog participatieniveau" not in page


def test_the_lessons_in_turkish(client, library):
    Lesson.objects.filter(key="trotse-vrouwen").update(text_tr=None)
    page = _get(client, "tr", reverse("practices:lessons")).content.decode()
    assert "<h2>Gururlu kadınlar</h2>" in page
    assert "Kadınların ve erkeklerin geleneksel rollerinden başlayın." in page
    assert f"<div {IN_DUTCH}><p>Vrouwen die uit hun isolement zijn gekomen" in page


def test_the_library_in_english_shows_translated_facets_and_cards(client, library):
    page = _get(client, "en", reverse("practices:index")).content.decode()
    assert "<span>Health</span>" in page  # a theme in the filters
    assert "<span>Home visits by key figures</span>" in page  # a recruitment method
    assert "<span>Low level of participation</span>" in page  # a level
    assert '<span class="tag">Neighbourhood life</span>' in page  # a card's theme
    assert f"<span {IN_DUTCH}>Amsterdam</span>" in page  # a place stays as it is
    assert "Gezondheid" not in page


def test_a_facet_without_its_translation_shows_it_in_dutch(client, library):
    Theme.objects.filter(slug="gezondheid").update(label_bg=None)
    page = _get(client, "bg", reverse("practices:index")).content.decode()
    assert f"<span {IN_DUTCH}>Gezondheid</span>" in page
    assert f'<span class="tag" {IN_DUTCH}>Gezondheid</span>' in page
    assert "<span>Пазар на труда</span>" in page


def test_a_facet_can_be_asked_for_by_its_translated_label(client, library):
    page = _get(client, "en", reverse("practices:index"), theme="Health").content.decode()
    health = Theme.objects.get(slug="gezondheid").practices.count()
    assert f"{health} practices found" in page


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Level, "who_ar"),
        (DecisionQuestion, "text_tr"),
        (Theme, "label_bg"),
        (RecruitmentMethod, "label_en"),
        (Lesson, "text_ar"),
    ],
)
def test_every_translation_can_be_edited_in_the_admin(admin_client, library, model, field):
    row = model.objects.first()
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f'name="{field}"' in response.content.decode()
