"""The knowledge exchange on phones: a challenge, two answers, a draft guide."""

import pytest
from django.core.management import call_command

from tests.browser.test_guides import no_layout_problems
from tests.factories import UserFactory
from wijkkracht.accounts.models import RoleGrant, User
from wijkkracht.exchange.models import Challenge
from wijkkracht.guides.models import Guide, GuideItem
from wijkkracht.organisations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def post_answer(phone, url: str, text: str) -> None:
    phone.goto(url)
    phone.page.locator("#id_text").fill(text)
    phone.page.locator("form[action='#answer-form'] button[type=submit]").click()
    phone.page.wait_for_load_state("load")
    phone.check()


@pytest.mark.parametrize("locale", ["nl-NL", "ar"])
def test_a_challenge_two_answers_and_a_draft_guide(phone_factory, locale):
    call_command("load_places")
    call_command("load_demo")
    samira = User.objects.get(email="samira.demo@example.org")
    others = [m.user for m in Membership.objects.exclude(user=samira).select_related("user")[:2]]
    facilitator = UserFactory(email="begeleider.demo@example.org", name="Begeleider (demo)")
    RoleGrant.objects.create(user=facilitator, role=RoleGrant.Role.FACILITATOR)

    asker = phone_factory(locale)
    asker.sign_in_as(samira)
    asker.goto("/uitwisseling/")
    no_layout_problems(asker, "exchange")
    asker.page.locator("a.button[href='/uitwisseling/nieuw/']").click()
    asker.page.wait_for_load_state("load")
    asker.check()
    asker.page.locator("#id_title").fill("Hoe houden we vrijwilligers vast?")
    asker.page.locator("#id_description").fill("Na een half jaar haken ze af. Wat doen jullie?")
    asker.page.locator("form[method=post] button[type=submit]").last.click()
    asker.page.wait_for_load_state("load")
    asker.check()
    challenge = Challenge.objects.get()
    url = challenge.get_absolute_url()

    for user, text in zip(
        others,
        ["Geef iedereen een vaste taak.", "Vier samen elk half jaar wat jullie deden."],
        strict=True,
    ):
        phone = phone_factory(locale)
        phone.sign_in_as(user)
        post_answer(phone, url, text)
    assert challenge.answers.count() == 2
    asker.goto(url)
    no_layout_problems(asker, "challenge with answers")
    asker.screenshot(f"exchange-challenge-{locale}-360")

    desk = phone_factory(locale)
    desk.sign_in_as(facilitator)
    desk.goto(url)
    desk.page.locator("details.more summary").click()
    desk.page.locator(f"form[action='/uitwisseling/{challenge.pk}/stappenplan/'] button").click()
    desk.page.wait_for_load_state("load")
    desk.check()
    guide = Guide.objects.get(from_challenges=challenge)
    assert guide.status == Guide.Status.DRAFT
    assert guide.challenge_nl == "Na een half jaar haken ze af. Wat doen jullie?"
    assert sorted(
        guide.items.filter(kind=GuideItem.Kind.EXPERIENCE).values_list("text_nl", flat=True)
    ) == sorted(["Geef iedereen een vaste taak.", "Vier samen elk half jaar wat jullie deden."])
