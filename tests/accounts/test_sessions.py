"""How long she stays signed in, and signing out on every device at once."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.accounts.test_sign_in import link_from_mail, request_link, token_from
from tests.accounts.test_sign_in_code import code_from
from wijkkracht.accounts import services
from wijkkracht.accounts.backends import user_cache_key
from wijkkracht.accounts.models import User

SIXTY_DAYS = 60 * 24 * 60 * 60
pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(response):
    return response.cookies[settings.SESSION_COOKIE_NAME]


def sign_in_by_link(client, email, **extra):
    request_link(client, email)
    token = token_from(link_from_mail(mail.outbox[-1]))
    return client.post(reverse("accounts:link"), {"t": token, **extra})


def signed_in(client) -> bool:
    return client.get(reverse("accounts:account")).status_code == 200


def test_keep_signed_in_gives_sixty_days(client, member):
    response = sign_in_by_link(client, "bea@example.org", keep_signed_in="on")
    assert client.session.get_expiry_age() == SIXTY_DAYS
    assert not client.session.get_expire_at_browser_close()
    assert session_cookie(response)["max-age"] == SIXTY_DAYS


def test_without_it_the_session_ends_when_the_browser_closes(client, member):
    response = sign_in_by_link(client, "bea@example.org")
    assert client.session.get_expire_at_browser_close()
    assert session_cookie(response)["max-age"] == ""
    assert session_cookie(response)["expires"] == ""


def test_the_link_page_offers_the_choice(client, member):
    request_link(client, "bea@example.org")
    page = client.get(link_from_mail(mail.outbox[0])).content.decode()
    assert "Ingelogd blijven op dit apparaat" in page


def test_keep_signed_in_with_the_code(client, member):
    request_link(client, "bea@example.org")
    client.post("/inloggen/code/", {"code": code_from(mail.outbox[0]), "keep_signed_in": "on"})
    assert client.session.get_expiry_age() == SIXTY_DAYS


def test_the_code_without_it_ends_with_the_browser(client, member):
    request_link(client, "bea@example.org")
    client.post("/inloggen/code/", {"code": code_from(mail.outbox[0])})
    assert client.session.get_expire_at_browser_close()


def test_keep_signed_in_with_a_password(client, member):
    member.set_password("een lang wachtwoord 42")
    member.save()
    login = {"username": "bea@example.org", "password": "een lang wachtwoord 42"}
    client.post(reverse("accounts:password_login"), {**login, "keep_signed_in": "on"})
    assert client.session.get_expiry_age() == SIXTY_DAYS
    client.logout()
    client.post(reverse("accounts:password_login"), login)
    assert client.session.get_expire_at_browser_close()


def test_a_new_person_who_ticked_it_on_the_code_form_finds_it_ticked(client, db):
    request_link(client, "nieuw@example.org")
    code = code_from(mail.outbox[0])
    welcome = client.post("/inloggen/code/", {"code": code, "keep_signed_in": "on"})["Location"]
    page = client.get(welcome).content.decode()
    assert re.search(r'<input type="checkbox" name="keep_signed_in"[^>]* checked>', page)
    client.post(reverse("accounts:welcome"), {"t": token_from(welcome), "keep_signed_in": "on"})
    assert client.session.get_expiry_age() == SIXTY_DAYS


def test_sign_out_everywhere_ends_her_session_on_another_phone(client, member):
    phone = Client()
    sign_in_by_link(phone, "bea@example.org", keep_signed_in="on")
    client.force_login(member)
    assert signed_in(phone)  # her row is in the cache now
    response = client.post(reverse("accounts:logout_everywhere"))
    assert response.status_code == 302
    assert "overal uitgelogd" in client.get(response["Location"]).content.decode()
    assert not signed_in(phone)
    assert not signed_in(client)


def test_the_account_page_offers_it(client, member):
    client.force_login(member)
    page = client.get(reverse("accounts:account")).content.decode()
    assert 'action="/uitloggen/overal/"' in page


def test_it_takes_a_button_not_a_link(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:logout_everywhere")).status_code == 405
    assert signed_in(client)


def test_she_can_sign_in_again_afterwards(client, member):
    client.force_login(member)
    client.post(reverse("accounts:logout_everywhere"))
    sign_in_by_link(client, "bea@example.org")
    assert signed_in(client)


def test_another_person_stays_signed_in(client, member, outsider):
    other = Client()
    other.force_login(outsider)
    client.force_login(member)
    client.post(reverse("accounts:logout_everywhere"))
    assert signed_in(other)


def test_a_copy_cached_before_the_commit_is_dropped_after_it(member):
    """A request that read her row while the change was not yet committed would cache
    the old session version; the copy goes again once the change is committed."""
    stale = User.objects.get(pk=member.pk)
    with transaction.atomic():
        services.sign_out_everywhere(member)
        cache.set(user_cache_key(member.pk), stale)
    assert cache.get(user_cache_key(member.pk)) is None
    with transaction.atomic():
        member.save()
        cache.set(user_cache_key(member.pk), stale)
    assert cache.get(user_cache_key(member.pk)) is None
