"""Outcome measurement on phones: a change story, a questionnaire answered by link and on
paper, results and the factsheet; every page passes axe, in Dutch and Arabic."""

import pytest
from django.core.management import call_command

from tests.browser.test_guides import no_layout_problems
from wijkkracht.accounts.models import User
from wijkkracht.impact.models import ChangeStory, Questionnaire, Response
from wijkkracht.organisations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_a_group_measures_and_shows_its_effects(phone_factory, locale):
    call_command("load_places")
    call_command("load_demo")
    call_command("load_demo_impact")
    samira = User.objects.get(email="samira.demo@example.org")
    organisation = Membership.objects.get(user=samira).organisation
    phone = phone_factory(locale)
    phone.sign_in_as(samira)
    page = phone.page
    base = f"/organisaties/{organisation.slug}/effecten/"
    phone.goto(base)
    no_layout_problems(phone, "impact overview")

    # The change story, with one effect.
    phone.goto(f"{base}verhaal/nieuw/")
    no_layout_problems(phone, "story editor")
    page.locator("#id_problem").fill("Vrouwen in de buurt zijn vaak alleen.")
    page.locator("#id_target_groups").fill("Vrouwen uit Laak")
    page.locator("#id_activities").fill("Taalcafé\nNaailes")
    page.locator("#id_effect-0-text").fill("Vrouwen voelen zich minder alleen")
    page.locator("#id_effect-0-level").select_option("person")
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("load")
    phone.check()
    story = ChangeStory.objects.get(organisation=organisation)
    assert story.effects.get().text == "Vrouwen voelen zich minder alleen"

    # A questionnaire from the templates.
    phone.goto(f"{base}vragenlijsten/nieuw/")
    page.locator("#id_title").fill("Vragenlijst voorjaar")
    page.locator("input[name=templates][value=verbondenheid]").check()
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("load")
    phone.check()
    no_layout_problems(phone, "questionnaire")
    questionnaire = Questionnaire.objects.get(organisation=organisation)
    link = page.locator("#answer-link").input_value()

    # Six neighbours answer on their phones, without an account.
    for n in range(6):
        neighbour = phone_factory(locale)
        neighbour.goto(link[link.index("/vragenlijst/") :])
        if n == 0:
            no_layout_problems(neighbour, "answer form")
        fields = neighbour.page.locator("fieldset.question")
        for i in range(fields.count()):
            fields.nth(i).locator("input[type=radio]").nth(3 if n % 2 else 4).check()
        neighbour.page.locator("form[method=post] button[type=submit]").last.click()
        neighbour.page.wait_for_load_state("load")
        neighbour.check()
        neighbour.close()
    assert Response.objects.filter(questionnaire=questionnaire).count() == 6

    # A paper form keyed in with the keyboard alone.
    phone.goto(f"{base}vragenlijsten/{questionnaire.pk}/papier/")
    no_layout_problems(phone, "paper entry")
    for _question in questionnaire.questions.all():
        page.keyboard.type("2")
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    phone.check()
    assert Response.objects.filter(questionnaire=questionnaire).count() == 7

    phone.goto(f"{base}vragenlijsten/{questionnaire.pk}/resultaten/")
    no_layout_problems(phone, "results")
    first = page.locator(".result .share").first.inner_text()
    assert "86%" in first  # 6 of 7 agree
    phone.screenshot(f"impact-results-{locale}-360")
    # Only published results reach the factsheet: the admin publishes them first.
    phone.goto(f"{base}vragenlijsten/{questionnaire.pk}/")
    with page.expect_navigation():
        page.locator(f"form[action$='/vragenlijsten/{questionnaire.pk}/openbaar/'] button").click()
    phone.check()
    questionnaire.refresh_from_db()
    assert questionnaire.results_public
    phone.goto(f"{base}verhaal/{story.pk}/factsheet/")
    no_layout_problems(phone, "factsheet")
    assert "86%" in page.locator("article.factsheet").inner_text()
    phone.goto(f"{base}tellingen/")
    no_layout_problems(phone, "outputs")

    # The demo factsheet of Het Badhuis is public.
    badhuis = ChangeStory.objects.get(organisation__slug="het-badhuis-demo")
    visitor = phone_factory(locale)
    visitor.goto(f"/factsheet/{badhuis.factsheet_token}/")
    no_layout_problems(visitor, "public factsheet")
    visitor.screenshot(f"impact-factsheet-{locale}-360")
