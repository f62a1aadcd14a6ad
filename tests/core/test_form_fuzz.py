"""Whatever people type into a form, they get the form back with a message, never a crash."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
anything = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "a" * 5000, "<script>"])


@FUZZ
@given(email=anything, next_url=anything)
def test_sign_in_form(client, db, email, next_url):
    response = client.post(reverse("accounts:login"), {"email": email, "next": next_url})
    assert response.status_code in (200, 400, 429)


@FUZZ
@given(
    name=anything, legal_form=anything, description=anything, areas=st.lists(anything, max_size=3)
)
def test_organisation_form(client, outsider, name, legal_form, description, areas):
    client.force_login(outsider)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": name,
            "legal_form": legal_form,
            "description_nl": description,
            "areas": areas,
        },
    )
    assert response.status_code in (302, 400, 429)


@FUZZ
@given(email=anything, role=anything)
def test_invitation_form(client, organisation, admin, email, role):
    client.force_login(admin)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]), {"email": email, "role": role}
    )
    assert response.status_code in (302, 400, 429)


@FUZZ
@given(name=anything, language=anything)
def test_account_form(client, member, name, language):
    client.force_login(member)
    response = client.post(reverse("accounts:account"), {"name": name, "language": language})
    assert response.status_code in (302, 400, 429)


@FUZZ
@given(token=anything, name=anything)
def test_sign_in_links(client, db, token, name):
    for view in ("accounts:link", "accounts:welcome"):
        assert client.post(reverse(view), {"t": token, "name": name}).status_code == 400
        # A link of thousands of characters is refused as too long (414) before the view.
        assert client.get(reverse(view), {"t": token}).status_code in (400, 414)


@FUZZ
@given(successor=anything)
def test_leave_form(client, organisation, admin, member, successor):
    # Each try starts over, with a browser of its own: a try that names the right
    # successor really leaves, and the next would otherwise find her gone (404), since
    # hypothesis shares the fixtures.
    with transaction.atomic():
        client = Client()
        client.force_login(admin)
        response = client.post(
            reverse("organisations:leave", args=[organisation.slug]), {"successor": successor}
        )
        assert response.status_code in (302, 400)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "path",
    [
        "/organisaties/%00/",
        "/uitnodiging/%00/",
        "/organisaties/?page=%00",
        "/organisaties/?page=-1",
    ],
)
def test_odd_addresses_get_a_page_not_a_crash(client, db, path):
    assert client.get(path).status_code in (200, 400, 404)
