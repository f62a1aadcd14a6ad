"""A member works through the location guide with her group, on a phone."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.browser.test_first_steps import LAYOUT_PROBLEMS
from wijkkracht.accounts.models import User
from wijkkracht.guides.models import Answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_layout_problems(phone, where):
    problems = phone.page.evaluate(LAYOUT_PROBLEMS)
    assert problems == [], (where, problems)


def test_a_member_works_through_the_location_guide(phone_factory):
    call_command("load_places")
    call_command("load_guides")
    call_command("load_demo")
    samira = User.objects.get(email="samira.demo@example.org")
    phone = phone_factory()
    phone.sign_in_as(samira)
    page = phone.page

    phone.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Stappenplannen").click()
    page.get_by_role("heading", name="Stappenplannen", exact=True).wait_for()
    phone.check()
    page.get_by_role("link", name="Een locatie vinden").click()
    page.get_by_role("heading", name="Een locatie vinden").wait_for()
    phone.check()
    no_layout_problems(phone, "guide")
    page.get_by_role("button", name="Open het werkboek").click()
    page.get_by_role("heading", name="Hoe ver zijn jullie?").wait_for()
    phone.check()

    answers = {
        "Welke activiteiten of bijeenkomsten gaan jullie organiseren?": "Taalcafé en naailes",
        "Hoeveel mensen komen er naar de activiteit of bijeenkomst?": "Ongeveer 25 vrouwen",
        "Moet er een lift zijn?": "Ja, twee vrouwen lopen slecht",
    }
    for label, text in answers.items():
        field = page.get_by_label(label)
        field.fill(text)
        # Saved while she types: the status under the field says so, no button needed.
        field.locator("xpath=..").locator(".status", has_text="Opgeslagen").wait_for()
    # The connection drops while she types: the text stays, and is sent when it is back.
    phone.context.set_offline(True)
    offline = page.get_by_label(
        "Wat hebben jullie nodig voor de bijeenkomst? Denk aan een "
        "beamer, een flip-over of een geluidsinstallatie."
    )
    offline.fill("Een beamer")
    offline.locator("xpath=..").locator(".status", has_text="geen verbinding").wait_for()
    phone.context.set_offline(False)
    offline.locator("xpath=..").locator(".status", has_text="Opgeslagen").wait_for(timeout=15000)
    answers_offline = {"Een beamer"}
    boxes = page.get_by_label("Deze stap is gedaan")
    for index in (0, 1):
        boxes.nth(index).check()
        page.locator(".tick-state", has_text="afgevinkt door Samira").nth(index).wait_for()
    phone.screenshot("workbook-nl-360")
    no_layout_problems(phone, "workbook")

    page.reload()
    for label, text in answers.items():
        assert page.get_by_label(label).input_value() == text
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    assert not boxes.nth(2).is_checked()
    assert Answer.objects.filter(text__in=answers.values()).count() == 3
    assert Answer.objects.filter(text__in=answers_offline).count() == 1

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for answer in answers.values():
        assert answer in text

    phone.goto("/gidsen/een-locatie-vinden/")
    page.locator("details.language summary").click()
    page.get_by_role("button", name="العربية").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "إيجاد مكان"
    box = heading.bounding_box()
    assert box["x"] + box["width"] > 300  # set from the right edge
    phone.check()
    no_layout_problems(phone, "guide in Arabic")
    phone.screenshot("guide-ar-360")
    page.get_by_role("button", name="افتح كتيّب العمل").or_(
        page.locator(".start-workbook button")
    ).first.click()
    page.wait_for_load_state("load")
    phone.check()
    no_layout_problems(phone, "workbook in Arabic")
    phone.screenshot("workbook-ar-360")


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_library_pages_pass_axe(phone_factory, locale):
    call_command("load_guides")
    phone = phone_factory(locale)
    for path in [
        "/gidsen/",
        "/gidsen/een-locatie-vinden/",
        "/gidsen/zoeken/?q=huur",
        "/gidsen/welke-past-bij-ons/",
        "/gidsen/welke-past-bij-ons/?s=1&s=7",
        "/gidsen/generaties-dichter-bij-elkaar/",
    ]:
        phone.goto(path)
        no_layout_problems(phone, path)
