"""Sharing on a phone: the QR poster fits a 360 px screen and the paper, and the share
block copies the link with a confirmation people see and hear, in Dutch and Arabic."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.test_guides import no_layout_problems
from tests.factories import MembershipFactory
from tests.impact.factories import QuestionnaireFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = {"nl-NL": "nl", "ar": "ar"}

# The phone's own share sheet, stood in for: Chromium on Linux has none.
FAKE_SHARE_SHEET = """
window.__shared = [];
navigator.share = function (data) { window.__shared.push(data); return Promise.resolve(); };
"""
NO_CLIPBOARD_API = "Object.defineProperty(navigator, 'clipboard', {value: undefined});"


def _say(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory(title="Hoe gaat het in de buurt?")


def _poster(phone_factory, questionnaire, locale="nl-NL", *, init_script=None):
    phone = phone_factory(locale)
    if init_script:
        phone.context.add_init_script(init_script)
    phone.sign_in_as(MembershipFactory(organisation=questionnaire.organisation).user)
    phone.goto(reverse("impact:poster", args=[questionnaire.organisation.slug, questionnaire.pk]))
    return phone


def _answer_link(phone, questionnaire) -> str:
    return phone.base_url + reverse("impact:answer", args=[questionnaire.token])


def _wholly_inside_the_viewport(page, locator) -> None:
    locator.scroll_into_view_if_needed()
    box, view = locator.bounding_box(), page.viewport_size
    assert box["width"] > 200, box  # big enough to scan from a metre away
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], (box, view)
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], (box, view)


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_poster_fits_the_phone_and_copies_the_link(phone_factory, questionnaire, locale):
    phone = _poster(phone_factory, questionnaire, locale)
    page, language = phone.page, LANGUAGES[locale]
    no_layout_problems(phone, "poster")
    qr = page.locator(".qr img")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    _wholly_inside_the_viewport(page, qr)
    box = qr.bounding_box()
    assert abs(box["width"] - box["height"]) < 1  # square, not squeezed
    phone.screenshot(f"share-poster-{language}-360")

    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=phone.base_url)
    copy = page.get_by_role("button", name=_say(language, "Link kopiëren"))
    copy.click()
    status = page.locator(".share [role=status]")
    status.filter(has_text=_say(language, "Link gekopieerd.")).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == _answer_link(phone, questionnaire)
    whatsapp = page.get_by_role("link", name=_say(language, "Delen via WhatsApp"))
    assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=")
    phone.check()  # axe again, with the buttons shown and the confirmation
    phone.screenshot(f"share-copied-{language}-360")


def test_without_the_clipboard_api_the_link_is_copied_by_selecting_it(phone_factory, questionnaire):
    phone = _poster(phone_factory, questionnaire, init_script=NO_CLIPBOARD_API)
    page = phone.page
    page.get_by_role("button", name="Link kopiëren").click()
    page.locator(".share [role=status]").filter(has_text="Link gekopieerd.").wait_for()
    selected = page.evaluate(
        "(f) => f.value.substring(f.selectionStart, f.selectionEnd)",
        page.locator("#answer-link").element_handle(),
    )
    assert selected == _answer_link(phone, questionnaire)


def test_a_phone_with_a_share_sheet_gets_the_share_button(phone_factory, questionnaire):
    phone = _poster(phone_factory, questionnaire, init_script=FAKE_SHARE_SHEET)
    phone.page.get_by_role("button", name="Delen", exact=True).click()
    [shared] = phone.page.evaluate("window.__shared")
    assert shared["url"] == _answer_link(phone, questionnaire)
    assert "vijf minuten" in shared["text"]


def test_without_a_share_sheet_there_is_no_share_button(phone_factory, questionnaire):
    phone = _poster(phone_factory, questionnaire)
    assert phone.page.get_by_role("button", name="Delen", exact=True).count() == 0


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_printed_poster_shows_the_code_and_the_link_only(phone_factory, questionnaire, locale):
    phone = _poster(phone_factory, questionnaire, locale)
    page = phone.page
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    assert not page.locator(".share").is_visible()
    assert not page.locator("nav").is_visible()
    assert page.get_by_text(_answer_link(phone, questionnaire)).is_visible()
    _wholly_inside_the_viewport(page, page.locator(".qr img"))
    phone.screenshot(f"share-print-{LANGUAGES[locale]}")


@pytest.mark.parametrize("locale", LANGUAGES)
def test_invitation_links_and_the_groups_calendar_share_at_360_px(phone_factory, locale):
    from tests.factories import InvitationFactory
    from wijkkracht.organisations.models import Membership

    admin = MembershipFactory(role=Membership.Role.ADMIN)
    organisation = admin.organisation
    InvitationFactory(organisation=organisation)
    InvitationFactory(organisation=organisation, role=Membership.Role.ADMIN)
    phone = phone_factory(locale)
    phone.sign_in_as(admin.user)
    phone.goto(reverse("organisations:invite", args=[organisation.slug]))
    no_layout_problems(phone, "invite")
    assert phone.page.locator("[data-share-copy]:visible").count() == 2
    phone.screenshot(f"share-invite-{LANGUAGES[locale]}-360")
    phone.goto(reverse("venues:bookings", args=[organisation.slug]))
    phone.page.locator("details.more summary").click()
    phone.check()
    no_layout_problems(phone, "bookings")
    phone.screenshot(f"share-feed-{LANGUAGES[locale]}-360")
