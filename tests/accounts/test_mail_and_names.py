"""A name with a line break never reaches a mail, and a broken mail server never a 500."""

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse

from wijkkracht.accounts.models import User
from wijkkracht.accounts.services import SIGN_UP_SALT

pytestmark = pytest.mark.django_db(transaction=True)


class BrokenMailServer:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@override_settings(EMAIL_BACKEND="tests.accounts.test_mail_and_names.BrokenMailServer")
def test_a_broken_mail_server_does_not_break_the_sign_in_page(client, member):
    client.raise_request_exception = False
    response = client.post(reverse("accounts:login"), {"email": "bea@example.org"})
    assert response.status_code == 200
    assert "Kijk in je mail" in response.content.decode()


def test_a_new_name_with_a_line_break_is_refused_and_no_account_made(client):
    token = signing.dumps({"email": "dilara@example.org"}, salt=SIGN_UP_SALT)
    response = client.post(reverse("accounts:welcome"), {"t": token, "name": "Dilara\r\nBcc: x"})
    assert response.status_code == 400
    assert "op één regel" in response.content.decode()
    assert not User.objects.filter(email="dilara@example.org").exists()
    assert not mail.outbox
