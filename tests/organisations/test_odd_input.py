"""Odd input on the organisation pages gets a page or a message, never a 500."""

import pytest
from django.urls import reverse

from wijkkracht.organisations.models import Membership


def test_a_role_that_does_not_exist_gets_a_message(client, organisation, admin, member):
    client.force_login(admin)
    bea = organisation.memberships.get(user=member)
    response = client.post(reverse("organisations:change_role", args=[organisation.slug, bea.pk]),
                           {"role": "eigenaar"}, follow=True)
    assert response.status_code == 400
    assert "Kies een rol uit de lijst" in response.content.decode()
    bea.refresh_from_db()
    assert bea.role == Membership.Role.MEMBER


@pytest.mark.parametrize("page", ["²", "9" * 40, "-1", "abc"])
def test_an_odd_page_number_in_the_directory_shows_a_page(client, db, page):
    response = client.get(reverse("organisations:directory"), {"page": page})
    assert response.status_code == 200
    assert "Organisaties" in response.content.decode()
