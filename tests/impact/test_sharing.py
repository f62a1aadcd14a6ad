"""Sharing a questionnaire and a factsheet: the links come with the share block, and the
QR code is a file of its own (SVG and PNG) that fits any width. Private pages stay 404
for people outside the group."""

import struct
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.core.test_share import share_blocks, shared_urls
from tests.impact.factories import ChangeStoryFactory, QuestionnaireFactory
from wijkkracht.impact import services

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def questionnaire(organisation):
    return QuestionnaireFactory(organisation=organisation, title='Buren & "wij" <2027>')


def _url(name, questionnaire) -> str:
    return reverse(f"impact:{name}", args=[questionnaire.organisation.slug, questionnaire.pk])


def _svg(content: bytes) -> ET.Element:
    """Parsed as any image viewer would: a well-formed XML document or an error."""
    return ET.fromstring(content)  # noqa: S314 - our own file, made in the test


def _answer_link(questionnaire) -> str:
    return "http://testserver" + reverse("impact:answer", args=[questionnaire.token])


def test_the_questionnaire_page_shares_the_answer_link(client, member, questionnaire):
    client.force_login(member)
    html = client.get(_url("questionnaire", questionnaire)).content.decode()
    [block] = share_blocks(html)
    assert block["url"] == _answer_link(questionnaire)
    assert block["whatsapp"].endswith(" " + _answer_link(questionnaire))
    assert "core/share.js" in html


def test_the_poster_shows_the_qr_code_the_link_and_the_downloads(client, member, questionnaire):
    client.force_login(member)
    html = client.get(_url("poster", questionnaire)).content.decode()
    assert shared_urls(html) == [_answer_link(questionnaire)]
    assert f'<img src="{_url("qr", questionnaire)}"' in html
    assert f'href="{_url("qr", questionnaire)}" download=' in html
    assert f'href="{_url("qr_png", questionnaire)}" download=' in html


def test_the_svg_stands_alone_and_scales(client, member, questionnaire):
    client.force_login(member)
    response = client.get(_url("qr", questionnaire))
    assert response["Content-Type"] == "image/svg+xml"
    root = _svg(response.content)  # the title with < & " is escaped
    assert root.tag == f"{SVG}svg"
    width, height = root.get("width"), root.get("height")
    assert root.get("viewBox") == f"0 0 {width.removesuffix('px')} {height.removesuffix('px')}"
    assert root.find(f"{SVG}title").text == questionnaire.title


def test_the_png_is_a_png_large_enough_to_print(client, member, questionnaire):
    client.force_login(member)
    response = client.get(_url("qr_png", questionnaire))
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", response.content[16:24])
    assert width == height >= 250


def test_the_code_is_a_full_qr_code_even_for_a_short_link():
    """segno.make would pick a Micro QR code for short text; phone cameras skip those."""
    root = _svg(services.answer_qr("https://a.nl/", "svg"))
    # A full QR code is at least 21 modules plus 4 of quiet zone each side, at scale 10.
    assert int(root.get("width").removesuffix("px")) >= (21 + 8) * 10


@pytest.mark.parametrize("name", ["questionnaire", "poster", "qr", "qr_png"])
def test_outsiders_get_404(client, outsider, questionnaire, name):
    client.force_login(outsider)
    assert client.get(_url(name, questionnaire)).status_code == 404


@pytest.mark.parametrize("name", ["poster", "qr", "qr_png"])
def test_without_signing_in_the_qr_code_asks_to_sign_in(client, questionnaire, name):
    response = client.get(_url(name, questionnaire))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_public_factsheet_link_is_shared_from_the_story(client, member, organisation):
    story = ChangeStoryFactory(organisation=organisation)
    services.publish_factsheet(story)
    story.refresh_from_db()
    client.force_login(member)
    html = client.get(reverse("impact:story", args=[organisation.slug, story.pk])).content.decode()
    link = "http://testserver" + reverse("impact:public_factsheet", args=[story.factsheet_token])
    [block] = share_blocks(html)
    assert block["url"] == link and organisation.name in block["whatsapp"]


def test_a_private_factsheet_has_no_link_to_share(client, member, organisation):
    story = ChangeStoryFactory(organisation=organisation)
    client.force_login(member)
    html = client.get(reverse("impact:story", args=[organisation.slug, story.pk])).content.decode()
    assert share_blocks(html) == []


def test_outsiders_get_404_for_the_story(client, outsider, organisation):
    story = ChangeStoryFactory(organisation=organisation)
    services.publish_factsheet(story)
    client.force_login(outsider)
    url = reverse("impact:story", args=[organisation.slug, story.pk])
    assert client.get(url).status_code == 404
