"""The practice library and its decision aid on a phone, in Dutch and Arabic."""

import pytest
from django.core.management import call_command

from tests.browser.test_guides import no_layout_problems
from wijkkracht.practices.models import Practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What she reads, per language: the first question, the answer she picks, the level it
# leads to and words of its advice on recruiting (from content/practices/).
AID = {
    "nl-NL": {
        "question": "Wie wil je bereiken?",
        "answer": "Vrouwen die nauwelijks buiten komen",
        "level": "Laag participatieniveau",
        "advice": ["huisbezoek", "sleutelfiguren"],
    },
    "ar": {
        "question": "مَن تريدون أن تصلوا إليه؟",
        "answer": "نساء نادرًا ما يخرجن من البيت",
        "level": "مستوى مشاركة منخفض",
        "advice": ["زيارات منزلية", "شخصيات محورية"],
    },
}


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_the_decision_aid_leads_from_isolated_women_to_home_visits(phone_factory, locale):
    texts = AID[locale]
    call_command("load_practices")
    phone = phone_factory(locale)
    page = phone.page
    phone.goto("/praktijken/")
    no_layout_problems(phone, "practices")
    page.locator("a[href='/praktijken/keuzehulp/']").first.click()
    page.wait_for_load_state("load")
    phone.check()
    assert page.locator("fieldset legend").first.inner_text() == texts["question"]
    page.get_by_label(texts["answer"]).check()
    page.locator("main form button[type=submit], form[method=get] button").last.click()
    page.locator("#advice-title").wait_for()
    phone.check()
    no_layout_problems(phone, "decision aid result")
    advice = page.locator("section[aria-labelledby=advice-title]").inner_text()
    assert texts["level"] in page.locator("#advice-title").inner_text()
    assert all(word in advice for word in texts["advice"])
    if locale == "ar":  # the aid has nothing in Dutch (the practices' names stay Dutch)
        assert not page.locator("section[aria-labelledby=advice-title] [lang=nl]").count()
        assert not page.locator("form[method=get] [lang=nl]").count()
        assert "Laag participatieniveau" not in advice
    shown = set(page.locator("ol.cards .code").all_inner_texts())
    low = {p.code for p in Practice.objects.filter(level__key="laag")}
    assert shown == low and low == {f"L{n}" for n in range(1, 9)}
    phone.screenshot(f"decision-aid-{locale}-360")
    page.locator("ol.cards a").first.click()
    page.wait_for_load_state("load")
    phone.check()
    no_layout_problems(phone, "practice")


def test_searching_and_filtering_without_javascript(browser, live_server):
    call_command("load_practices")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/praktijken/?q=huisbezoek")
    page.locator("details.more summary").click()
    page.get_by_label("Gezondheid").check()
    page.locator("details.more button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "q=huisbezoek" in page.url and "theme=gezondheid" in page.url
    codes = set(page.locator("ol.cards .code").all_inner_texts())
    assert codes and all(
        Practice.objects.get(code=c).themes.filter(slug="gezondheid").exists() for c in codes
    )
    context.close()


def test_an_arabic_search_that_finds_nothing_offers_the_dutch_search(phone_factory):
    call_command("load_practices")
    phone = phone_factory("ar")
    page = phone.page
    phone.goto("/praktijken/?q=الصحة")  # "health": a theme, found by its Arabic name
    phone.check()
    assert page.locator("ol.cards .code").count() > 0
    phone.goto("/praktijken/?q=حديقة")  # "garden": in no label, and the texts are Dutch
    phone.check()
    no_layout_problems(phone, "search without results")
    phone.screenshot("practices-search-nothing-ar-360")
    page.locator("a[hreflang=nl]").click()
    page.wait_for_load_state("load")
    phone.check()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "taal=nl" in page.url and "q=" in page.url
