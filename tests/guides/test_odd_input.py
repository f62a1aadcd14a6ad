"""Odd input gets a message, never a server error or a silent cut."""

import pytest
from django.urls import reverse

from wijkkracht.guides.models import Guide
from wijkkracht.guides.services import workbooks

SLUG = "een-locatie-vinden"
KEY = "people_expected"
LONG = "a" * 20_001


@pytest.fixture
def book(guides, organisation, admin):
    return workbooks.start(organisation, Guide.objects.get(slug=SLUG), admin)


def answer_url(book, key=KEY):
    return reverse("guides:answer", args=[book.organisation.slug, book.guide.slug, key])


def save_all_url(book):
    return reverse("guides:save_all", args=[book.organisation.slug, book.guide.slug])


@pytest.mark.parametrize("value", ["²", "9" * 400, "-1", "abc"])
def test_which_guide_with_odd_situations_answers_with_a_message(client, guides, value):
    response = client.get(reverse("guides:which"), {"s": value})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Kies uit de lijst" in response.content.decode()


def test_which_guide_with_a_nul_byte_is_refused(client, guides):
    assert client.get(reverse("guides:which"), {"s": "1\x00"}).status_code == 400


def test_which_guide_still_advises_on_real_situations(client, guides):
    guide = Guide.objects.get(slug=SLUG)
    item = guide.items.filter(kind="situation").first()
    response = client.get(reverse("guides:which"), {"s": item.pk})
    assert response.status_code == 200
    assert guide.title in response.content.decode()


@pytest.mark.parametrize("query", ["ruimte\x00", "x" * 201])
def test_a_search_for_odd_text_gets_a_message(client, guides, query):
    response = client.get(reverse("guides:search"), {"q": query})
    assert response.status_code == 400


def test_an_answer_too_long_is_refused_and_stays_in_the_field(client, book, member):
    client.force_login(member)
    response = client.post(answer_url(book), {f"text:{KEY}": LONG, f"revision:{KEY}": 0})
    assert response.status_code == 400
    page = response.content.decode()
    assert "te lang" in page
    assert LONG in page  # her text is still in the field
    assert not book.answers.exists()


def test_an_autosaved_answer_too_long_never_says_saved(client, book, member):
    client.force_login(member)
    response = client.post(
        answer_url(book), {f"text:{KEY}": LONG, f"revision:{KEY}": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "te lang" in body and "Opgeslagen" not in body
    assert not book.answers.exists()


def test_save_all_refuses_a_long_answer_and_keeps_every_text(client, book, member):
    client.force_login(member)
    response = client.post(
        save_all_url(book),
        {
            f"text:{KEY}": LONG,
            f"revision:{KEY}": 0,
            "text:activities": "Taalles",
            "revision:activities": 0,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "te lang" in page and LONG in page and "Taalles" in page
    assert not book.answers.exists()


@pytest.mark.parametrize("text", ["Taal\x00les"])
def test_a_nul_byte_in_an_answer_gets_a_message(client, book, member, text):
    client.force_login(member)
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(
            answer_url(book), {f"text:{KEY}": text, f"revision:{KEY}": 0}, **headers
        )
        assert response.status_code == 400
        assert "teken dat niet kan" in response.content.decode()
    response = client.post(save_all_url(book), {f"text:{KEY}": text, f"revision:{KEY}": 0})
    assert response.status_code == 400
    assert not book.answers.exists()


def test_a_nul_byte_in_the_organisation_to_start_for_gets_a_message(client, guides, member):
    client.force_login(member)
    response = client.post(reverse("guides:start", args=[SLUG]), {"organisation": "a\x00"})
    assert response.status_code in (400, 404)


def test_a_nul_byte_in_a_step_tick_gets_a_message(client, book, member):
    client.force_login(member)
    response = client.post(save_all_url(book), {"steps": "a\x00"})
    assert response.status_code == 400
