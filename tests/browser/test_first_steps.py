"""A new volunteer's first steps, on a phone, in Dutch and then in Arabic."""

import re
import time

import pytest
from django.core import mail
from django.core.management import call_command

from wijkkracht.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Interactive things in the header and main part must stay on screen and apart.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page is ${doc.scrollWidth}px wide`);
  const boxes = [...document.querySelectorAll(
      'header a, header summary, header button, main a, main button, main input, main select, h1')]
    .filter(el => el.getClientRects().length && !el.closest('details:not([open]) > :not(summary)'))
    .map(el => [el, el.getBoundingClientRect()]);
  for (const [el, r] of boxes) {
    if (r.left < -1 || r.right > doc.clientWidth + 1)
      problems.push(`cut off: ${el.tagName} "${el.textContent.trim().slice(0, 30)}"`);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2
                 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2;
    const name = el => el.textContent.trim().slice(0, 20);
    if (overlap) problems.push(`overlap: "${name(a)}" and "${name(b)}"`);
  }
  return problems;
}"""


def last_link(to: str) -> str:
    """The link in her newest mail; the stand-in worker sends it just after the answer."""
    for _ in range(50):
        messages = [m for m in mail.outbox if to in m.to]
        if messages:
            return re.search(r"https?://\S+", messages[-1].body).group(0)
        time.sleep(0.1)
    raise AssertionError(f"no mail to {to}")


def sign_in_by_link(phone, email: str, name: str):
    page = phone.page
    page.get_by_label("Je e-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een link").click()
    page.get_by_role("heading", name="Kijk in je mail").wait_for()
    phone.check()
    phone.goto(last_link(email))
    page.get_by_label("Je naam").fill(name)
    page.get_by_role("button", name="Account maken").click()


def test_a_volunteer_sets_up_her_group_and_invites_a_friend(phone_factory):
    call_command("load_places")
    call_command("load_demo")

    amina = phone_factory()
    page = amina.page
    amina.goto("/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("link", name="Inloggen of account maken").click()
    amina.check()
    sign_in_by_link(amina, "amina@example.org", "Amina")
    page.get_by_text("Welkom bij Wijkkracht!").wait_for()
    amina.check()

    page.get_by_role("link", name="Zet jullie organisatie erop").click()
    amina.check()
    page.get_by_label("Naam", exact=True).fill("Vrouwen van Transvaal")
    description = page.get_by_label("Korte beschrijving", exact=True)
    # A pasted link or a long word (200 characters, unbroken) wraps on every page it shows.
    description.fill("Wij koken en praten samen, elke woensdag. " + "Kookworkshop" * 17)
    page.locator("summary", has_text="Wijken").click()
    page.get_by_label("Transvaal").check()
    page.get_by_role("button", name="Organisatie aanmaken").click()
    page.get_by_role("heading", name="Mensen uitnodigen").wait_for()
    amina.check()
    page.get_by_label("E-mailadres (niet verplicht)").fill("bea@example.org")
    page.get_by_role("button", name="Uitnodiging maken").click()
    page.get_by_text("We hebben een uitnodiging gestuurd naar bea@example.org.").wait_for()
    amina.check()

    bea = phone_factory()
    bea.goto(last_link("bea@example.org"))
    bea.page.get_by_role("link", name="Inloggen of account maken").click()
    bea.check()
    sign_in_by_link(bea, "bea@example.org", "Bea")
    bea.page.get_by_role("button", name="Lid worden van Vrouwen van Transvaal").click()
    bea.page.get_by_role("heading", name="Vrouwen van Transvaal").wait_for()
    bea.check()
    assert bea.page.get_by_text("Jouw rol: Lid").is_visible()
    organisation = Organisation.objects.get(name="Vrouwen van Transvaal")
    assert set(organisation.members.values_list("email", flat=True)) == {
        "amina@example.org",
        "bea@example.org",
    }

    # She prefers Arabic.
    bea.page.locator("details.language summary").click()
    bea.page.get_by_role("button", name="العربية").click()
    bea.page.wait_for_load_state("load")
    assert bea.page.locator("html").get_attribute("dir") == "rtl"
    assert bea.page.locator("html").get_attribute("lang") == "ar"
    nav = bea.page.get_by_role("navigation").first.inner_text()
    assert "Organisaties" not in nav and "Start" not in nav
    bea.check()
    bea.screenshot("arabic-organisation-360")
    problems = bea.page.evaluate(LAYOUT_PROBLEMS)
    assert problems == [], problems

    for path in [
        "/",
        "/organisaties/",
        f"/organisaties/{organisation.slug}/leden/",
        "/account/",
        "/privacy/",
        "/toegankelijkheid/",
    ]:
        bea.goto(path)
        assert bea.page.locator("html").get_attribute("dir") == "rtl"
        problems = bea.page.evaluate(LAYOUT_PROBLEMS)
        assert problems == [], (path, problems)
    bea.screenshot("arabic-home-360")
    # The open language menu lies over the page, but entirely on screen.
    bea.page.locator("details.language summary").click()
    for button in bea.page.locator("details.language button").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, button.inner_text()


def test_every_public_page_passes_axe_in_dutch_and_arabic(phone_factory):
    call_command("load_places")
    call_command("load_demo")
    for locale in ["nl-NL", "ar"]:
        phone = phone_factory(locale)
        for path in [
            "/",
            "/organisaties/",
            "/organisaties/moerwijk-moeders/",
            "/inloggen/",
            "/inloggen/wachtwoord/",
            "/privacy/",
            "/toegankelijkheid/",
            "/bestaat-niet/",
        ]:
            phone.goto(path)
            assert phone.page.evaluate(LAYOUT_PROBLEMS) == [], (locale, path)
        phone.screenshot(f"home-{locale}-360")


def test_every_private_page_passes_axe_in_dutch_and_arabic(phone_factory):
    call_command("load_places")
    call_command("load_demo")
    from wijkkracht.accounts.models import User
    from wijkkracht.organisations.models import Invitation

    samira = User.objects.get(email="samira.demo@example.org")
    slug = "vrouwenbuurtlab-laak"
    link = Invitation.objects.create(organisation_id=samira.memberships.get().organisation_id)
    pages = [
        f"/organisaties/{slug}/",
        f"/organisaties/{slug}/leden/",
        f"/organisaties/{slug}/bewerken/",
        f"/organisaties/{slug}/uitnodigen/",
        f"/organisaties/{slug}/verlaten/",
        f"/organisaties/{slug}/verwijderen/",
        "/organisaties/nieuw/",
        "/account/",
        "/account/wachtwoord/",
        "/account/verwijderen/",
        link.get_absolute_url(),
        "/open-data/",
    ]
    for locale in ["nl-NL", "ar"]:
        phone = phone_factory(locale)
        phone.sign_in_as(samira)
        for path in pages:
            phone.goto(path)
            assert phone.page.locator("h1").count() == 1, path
            problems = phone.page.evaluate(LAYOUT_PROBLEMS)
            assert problems == [], (locale, path, problems)
            if path.endswith("/bewerken/"):
                phone.screenshot(f"edit-organisation-{locale}-360")
        # Errors next to the field, in her language, pass axe too.
        phone.goto("/organisaties/nieuw/")
        phone.page.locator("form button[type=submit]").last.click()
        phone.page.locator(".field .error").first.wait_for()
        phone.check()
        phone.screenshot(f"form-errors-{locale}-360")
