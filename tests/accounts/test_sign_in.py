import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.urls import reverse

from wijkkracht.accounts.models import User

LOGIN = "/inloggen/"
# Sign-in mails leave once the request commits (core.mail.send_after_commit): the tests
# run without a wrapping transaction, as the site does.
pytestmark = pytest.mark.django_db(transaction=True)


def link_from_mail(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def token_from(url: str) -> str:
    return parse_qs(urlparse(url).query)["t"][0]


def request_link(client, email, **extra):
    return client.post(LOGIN, {"email": email, **extra})


def test_known_address_gets_a_sign_in_link(client, member):
    response = request_link(client, "Bea@Example.org ")
    assert response.status_code == 200
    assert "Kijk in je mail" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bea@example.org"]
    assert "/inloggen/link/?t=" in link_from_mail(mail.outbox[0])


def test_the_page_does_not_tell_whether_an_address_has_an_account(client, member):
    known = request_link(client, "bea@example.org").content.decode()
    unknown = request_link(client, "nobody@example.org").content.decode()
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    known = csrf.sub("", known.replace("bea@example.org", "ADDRESS"))
    unknown = csrf.sub("", unknown.replace("nobody@example.org", "ADDRESS"))
    assert known == unknown
    assert len(mail.outbox) == 2


def test_opening_the_link_asks_for_a_click_then_signs_in(client, member):
    request_link(client, "bea@example.org")
    url = link_from_mail(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert "bea@example.org" in page.content.decode()
    assert "_auth_user_id" not in client.session  # a mail scanner opening it signs nobody in
    token = token_from(url)
    response = client.post(reverse("accounts:link"), {"t": token})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_a_used_link_is_refused_with_a_clear_message(client, member):
    request_link(client, "bea@example.org")
    token = token_from(link_from_mail(mail.outbox[0]))
    client.post(reverse("accounts:link"), {"t": token})
    client.logout()
    response = client.post(reverse("accounts:link"), {"t": token})
    assert response.status_code == 400
    assert "Deze link werkt niet meer" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_link_is_refused_with_a_clear_message(client, member, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 16 * 60)
    request_link(client, "bea@example.org")
    monkeypatch.setattr(time, "time", real_time)
    url = link_from_mail(mail.outbox[0])
    response = client.get(url)
    assert response.status_code == 400
    assert "15 minuten geldig" in response.content.decode()


def test_a_link_still_works_just_before_fifteen_minutes(client, member, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 14 * 60)
    request_link(client, "bea@example.org")
    monkeypatch.setattr(time, "time", real_time)
    assert client.get(link_from_mail(mail.outbox[0])).status_code == 200


def test_a_new_address_gets_a_link_that_creates_the_account(client, db):
    request_link(client, "nieuw@example.org")
    url = link_from_mail(mail.outbox[0])
    assert "/inloggen/welkom/" in url
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert client.get(url).status_code == 200
    token = token_from(url)
    response = client.post(reverse("accounts:welcome"), {"t": token, "name": "Nieuw"})
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.name == "Nieuw"
    assert not user.has_usable_password()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_sign_up_link_works_once(client, db):
    request_link(client, "nieuw@example.org")
    token = token_from(link_from_mail(mail.outbox[0]))
    client.post(reverse("accounts:welcome"), {"t": token})
    client.logout()
    response = client.post(reverse("accounts:welcome"), {"t": token})
    assert response.status_code == 400
    assert User.objects.filter(email="nieuw@example.org").count() == 1


def test_an_expired_sign_up_link_is_refused(client, db, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 16 * 60)
    request_link(client, "nieuw@example.org")
    monkeypatch.setattr(time, "time", real_time)
    response = client.get(link_from_mail(mail.outbox[0]))
    assert response.status_code == 400
    assert "Deze link werkt niet meer" in response.content.decode()


def test_a_forged_token_is_refused(client, db):
    assert client.get(reverse("accounts:link") + "?t=abc").status_code == 400
    assert client.get(reverse("accounts:welcome") + "?t=abc").status_code == 400
    assert client.get(reverse("accounts:link")).status_code == 400


def test_the_link_leads_back_to_the_page_she_came_from(client, member):
    request_link(client, "bea@example.org", next="/organisaties/")
    token = token_from(link_from_mail(mail.outbox[0]))
    response = client.post(reverse("accounts:link"), {"t": token, "next": "/organisaties/"})
    assert response["Location"] == "/organisaties/"


def test_the_link_never_leads_to_another_site(client, member):
    request_link(client, "bea@example.org")
    token = token_from(link_from_mail(mail.outbox[0]))
    response = client.post(reverse("accounts:link"), {"t": token, "next": "https://evil.example"})
    assert response["Location"] == "/"


def test_links_for_one_address_are_rate_limited(client, member):
    for _ in range(5):
        assert request_link(client, "bea@example.org").status_code == 200
    response = request_link(client, "BEA@example.org")
    assert response.status_code == 429
    assert "Wacht een uur" in response.content.decode()
    assert len(mail.outbox) == 5


def test_links_from_one_client_are_rate_limited(client, db):
    for n in range(20):
        assert request_link(client, f"p{n}@example.org").status_code == 200
    assert request_link(client, "p99@example.org").status_code == 429


def test_a_bad_address_gets_a_message_next_to_the_field(client, db):
    response = client.post(LOGIN, {"email": "geen-adres"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert "geldig e-mailadres" in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize("language", ["en", "ar", "tr", "bg"])
def test_the_mail_is_in_the_language_of_her_account(client, member, language):
    member.language = language
    member.save()
    request_link(client, "bea@example.org")
    assert "Wijkkracht" in mail.outbox[0].subject
    assert "Open deze link" not in mail.outbox[0].body


@pytest.mark.parametrize("language", ["en", "ar", "tr", "bg"])
def test_a_new_address_gets_the_mail_in_the_language_of_the_page(client, db, language):
    client.cookies["django_language"] = language
    request_link(client, "nieuw@example.org")
    assert "Open deze link" not in mail.outbox[0].body


def test_she_can_sign_in_with_a_password_she_chose(client, member):
    member.set_password("een lang wachtwoord 42")
    member.save()
    response = client.post(
        reverse("accounts:password_login"),
        {"username": "bea@example.org", "password": "een lang wachtwoord 42"},
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_a_wrong_password_gets_a_message(client, member):
    response = client.post(
        reverse("accounts:password_login"), {"username": "bea@example.org", "password": "fout"}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_password_guessing_is_rate_limited(client, member):
    url = reverse("accounts:password_login")
    for _ in range(10):
        client.post(url, {"username": "bea@example.org", "password": "fout"})
    assert client.post(url, {"username": "bea@example.org", "password": "x"}).status_code == 429


def test_her_language_follows_her_when_she_signs_in(client, member):
    member.language = "ar"
    member.save()
    request_link(client, "bea@example.org")
    token = token_from(link_from_mail(mail.outbox[0]))
    response = client.post(reverse("accounts:link"), {"t": token})
    assert response.cookies["django_language"].value == "ar"
    assert 'dir="rtl"' in client.get("/").content.decode()


def test_sign_out(client, member):
    client.force_login(member)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_someone_signed_in_skips_the_sign_in_page(client, member):
    client.force_login(member)
    response = client.get(LOGIN + "?next=/organisaties/")
    assert response["Location"] == "/organisaties/"
