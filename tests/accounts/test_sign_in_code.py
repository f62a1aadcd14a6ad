"""The six-digit code in the sign-in mail, for when the link opens in another browser."""

import random
import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.test_sign_in import link_from_mail, request_link, token_from
from wijkkracht.accounts import services
from wijkkracht.accounts.models import SignInCode, User

CODE = "/inloggen/code/"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _never_the_wrong_guess(monkeypatch):
    """The tests guess "000000" as the wrong code: the real one is drawn from the others,
    so no run fails by the one-in-a-million chance of guessing right."""
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: random.randrange(1, n))


def code_from(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.M).group(1)


def type_code(client, code, **extra):
    return client.post(CODE, {"code": code, **extra})


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def signed_in(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def test_the_mail_carries_a_code_and_only_its_hash_is_kept(client, member):
    request_link(client, "bea@example.org")
    code = code_from(mail.outbox[0])
    row = SignInCode.objects.get(email="bea@example.org")
    assert code not in row.code_hash
    assert row.code_hash == services.code_hash("bea@example.org", code)


def test_the_page_where_she_asked_has_a_code_form(client, member):
    page = request_link(client, "bea@example.org").content.decode()
    assert 'action="/inloggen/code/"' in page
    assert 'autocomplete="one-time-code"' in page


def test_the_code_signs_her_in_where_she_asked(client, member):
    request_link(client, "bea@example.org", next="/organisaties/")
    response = type_code(client, code_from(mail.outbox[0]), next="/organisaties/")
    assert response.status_code == 302
    assert response["Location"] == "/organisaties/"
    assert signed_in(client) == member.pk


def test_the_code_may_have_spaces_and_arabic_digits(client, member):
    request_link(client, "bea@example.org")
    code = code_from(mail.outbox[0])
    arabic = "".join(chr(0x0660 + int(d)) for d in code)
    assert type_code(client, f" {arabic[:3]} {arabic[3:]} ").status_code == 302
    assert signed_in(client) == member.pk


def test_the_code_works_once(client, member):
    request_link(client, "bea@example.org")
    code = code_from(mail.outbox[0])
    type_code(client, code)
    client.logout()
    request_link(client, "bea@example.org")  # the form works only after asking
    response = type_code(client, code)
    assert response.status_code == 400
    assert "Deze code klopt niet of werkt niet meer" in response.content.decode()
    assert signed_in(client) is None


def test_using_the_code_spends_the_link(client, member):
    request_link(client, "bea@example.org")
    type_code(client, code_from(mail.outbox[0]))
    client.logout()
    response = client.post(
        reverse("accounts:link"), {"t": token_from(link_from_mail(mail.outbox[0]))}
    )
    assert response.status_code == 400


def test_using_the_link_spends_the_code(client, member):
    request_link(client, "bea@example.org")
    other_browser = Client()
    token = token_from(link_from_mail(mail.outbox[0]))
    other_browser.post(reverse("accounts:link"), {"t": token})
    assert type_code(client, code_from(mail.outbox[0])).status_code == 400
    assert signed_in(client) is None


def test_the_code_ends_with_the_link(client, member, monkeypatch):
    real_time, real_now = time.time, timezone.now
    monkeypatch.setattr(time, "time", lambda: real_time() - 16 * 60)
    monkeypatch.setattr(timezone, "now", lambda: real_now() - timedelta(minutes=16))
    request_link(client, "bea@example.org")
    monkeypatch.setattr(time, "time", real_time)
    monkeypatch.setattr(timezone, "now", real_now)
    assert client.get(link_from_mail(mail.outbox[0])).status_code == 400
    assert type_code(client, code_from(mail.outbox[0])).status_code == 400
    assert signed_in(client) is None


def test_the_code_still_works_just_before_fifteen_minutes(client, member, monkeypatch):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - timedelta(minutes=14))
    request_link(client, "bea@example.org")
    monkeypatch.setattr(timezone, "now", real_now)
    assert type_code(client, code_from(mail.outbox[0])).status_code == 302


def test_a_code_for_one_address_does_not_sign_in_another(client, member, outsider):
    request_link(client, "chaima@example.org")
    chaima_code = code_from(mail.outbox[0])
    request_link(client, "bea@example.org")  # now the page asks for Bea's code
    assert type_code(client, chaima_code).status_code == 400
    assert signed_in(client) is None


def test_a_code_works_only_in_the_browser_where_she_asked(client, member):
    request_link(client, "bea@example.org")
    response = type_code(Client(), code_from(mail.outbox[0]))
    assert response.status_code == 400
    assert "Vraag een nieuwe code aan" in response.content.decode()


def test_a_new_address_is_led_to_the_welcome_step(client, db):
    request_link(client, "nieuw@example.org")
    response = type_code(client, code_from(mail.outbox[0]), next="/organisaties/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/welkom/?t=")
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert "nieuw@example.org" in client.get(response["Location"]).content.decode()
    token = token_from(response["Location"])
    created = client.post(
        reverse("accounts:welcome"), {"t": token, "name": "Nieuw", "next": "/organisaties/"}
    )
    assert created["Location"] == "/organisaties/"
    assert signed_in(client) == User.objects.get(email="nieuw@example.org").pk


def test_the_sign_up_code_works_once(client, db):
    request_link(client, "nieuw@example.org")
    code = code_from(mail.outbox[0])
    type_code(client, code)
    request_link(client, "nieuw@example.org")
    assert type_code(client, code).status_code == 400


def test_a_wrong_code_does_not_tell_whether_an_address_has_an_account(client, member):
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    pages = []
    for email in ["bea@example.org", "nobody@example.org"]:
        request_link(client, email)
        guess = "000000" if code_from(mail.outbox[-1]) != "000000" else "111111"
        page = type_code(client, guess)
        assert page.status_code == 400
        page = csrf.sub("", page.content.decode().replace(email, "ADDRESS"))
        pages.append(page.replace(guess, "GUESS"))
    assert pages[0] == pages[1]


def test_a_code_allows_five_tries_only(client, member):
    request_link(client, "bea@example.org")
    code = code_from(mail.outbox[0])
    for _ in range(5):
        assert type_code(client, wrong(code)).status_code == 400
    assert type_code(client, code).status_code == 400  # right, but too late
    assert signed_in(client) is None


def test_a_code_that_is_not_six_digits_gets_a_message_and_costs_no_try(client, member):
    request_link(client, "bea@example.org")
    response = type_code(client, "12a")
    assert response.status_code == 400
    assert "Typ de 6 cijfers uit de mail." in response.content.decode()
    assert SignInCode.objects.get().attempts == 0


def test_tries_for_one_address_are_rate_limited(client, member):
    browsers = [Client() for _ in range(3)]
    for browser in browsers:
        request_link(browser, "bea@example.org")
    tries = [type_code(browsers[n // 4], "000000").status_code for n in range(10)]
    assert 429 not in tries
    response = type_code(browsers[2], code_from(mail.outbox[2]))
    assert response.status_code == 429
    assert "Er is te vaak een code geprobeerd" in response.content.decode()


def test_tries_from_one_client_are_rate_limited(client, db):
    for n in range(4):
        request_link(client, f"p{n}@example.org")
        for _ in range(5):
            assert type_code(client, "000000").status_code == 400
    assert type_code(client, "000000").status_code == 429


def test_a_locked_out_person_reads_why_in_her_language(client, member):
    client.cookies["django_language"] = "ar"
    request_link(client, "bea@example.org")
    for _ in range(10):
        type_code(client, "000000")
    response = type_code(client, "000000")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "Er is te vaak een code geprobeerd" not in page


def test_old_codes_are_forgotten(client, member, monkeypatch):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - timedelta(hours=2))
    request_link(client, "bea@example.org")
    monkeypatch.setattr(timezone, "now", real_now)
    request_link(client, "bea@example.org")
    assert services.forget_old_codes() == 1
    assert SignInCode.objects.count() == 1


def test_deleting_her_account_forgets_her_codes(client, member):
    request_link(client, "bea@example.org")
    client.force_login(member)
    client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert not SignInCode.objects.exists()
