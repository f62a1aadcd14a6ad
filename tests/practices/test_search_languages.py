"""Searching in her own language: the descriptions stay Dutch, but the translated levels,
themes and recruitment methods are searched too, and when nothing is found the page
says the descriptions are in Dutch and offers the same search in Dutch."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wijkkracht.practices import library, search
from wijkkracht.practices.models import Practice, RecruitmentMethod, Theme

pytestmark = pytest.mark.django_db

IN_DUTCH_NOTE = "The descriptions of the practices are in Dutch."


@pytest.fixture
def library_loaded(db):
    call_command("load_practices")


def _search(client, language, **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("practices:index"), params)
    translation.activate(settings.LANGUAGE_CODE)
    return response.content.decode()


def _codes(page: str) -> set[str]:
    return {part.split("</span>")[0] for part in page.split('<span class="code">')[1:]}


def _find(language, q, **chosen):
    with translation.override(language):
        filters = library.Filters.from_query(_params(q, **chosen))
        return library.find(filters)


def _params(q, **chosen):
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    params["q"] = q
    for name, value in chosen.items():
        params[name] = value
    return params


def test_an_english_search_for_a_translated_theme_finds_its_practices(client, library_loaded):
    health = {p.code for p in Theme.objects.get(slug="gezondheid").practices.all()}
    page = _search(client, "en", q="health")
    assert health and _codes(page) == health
    assert f"{len(health)} practices found" in page


def test_a_search_in_arabic_finds_a_translated_level(library_loaded):
    found = _find("ar", "مشاريع مبتكرة")  # "innovative projects"
    innovative = {p.pk for p in Practice.objects.filter(level__key="innovatief")}
    assert innovative and {card.pk for card in found.practices} == innovative


def test_the_dutch_search_does_not_look_at_translations(library_loaded):
    assert _find("nl", "health").practices.count() == 0


def test_a_translated_search_combines_with_the_facets(library_loaded):
    found = _find("en", "health", level="laag")
    expected = {
        p.pk for p in Theme.objects.get(slug="gezondheid").practices.filter(level__key="laag")
    }
    assert expected and {card.pk for card in found.practices} == expected


def test_text_hits_come_first_then_those_found_by_a_translated_label(library_loaded):
    """ "Media" is a Dutch word in the texts and the English name of a method."""
    found = _find("en", "media").practices
    in_text = set(search.hit_ids("media"))
    by_method = {p.pk for p in RecruitmentMethod.objects.get(key="media").practices.all()}
    assert by_method - in_text, "the content should have a practice found by its method only"
    ids = [card.pk for card in found]
    assert len(ids) == len(set(ids)) == len(in_text | by_method)
    first = len(in_text)
    assert set(ids[:first]) == in_text and set(ids[first:]) == by_method - in_text
    paged = [card.pk for start in range(0, len(ids), 3) for card in found[start : start + 3]]
    assert paged == ids


def test_an_english_search_that_finds_nothing_offers_the_dutch_search(client, library_loaded):
    page = _search(client, "en", q="allotment garden")
    assert "0 practices found" in page
    assert IN_DUTCH_NOTE in page
    link = reverse("practices:index") + "?q=allotment+garden&amp;taal=nl"
    assert f'<a href="{link}" hreflang="nl">Search the same in Dutch</a>' in page


def test_the_dutch_search_it_offers_shows_the_page_in_dutch(client, library_loaded):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(reverse("practices:index"), {"q": "huisbezoek", "taal": "nl"})
    translation.activate(settings.LANGUAGE_CODE)
    page = response.content.decode()
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in page and "praktijken gevonden" in page
    assert _codes(page)


def test_no_offer_when_something_is_found_or_in_dutch(client, library_loaded):
    assert IN_DUTCH_NOTE not in _search(client, "en", q="health")
    assert "taal=nl" not in _search(client, "nl", q="allotment garden")
