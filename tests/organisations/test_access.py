"""Every private page, tried by an outsider, a member and an admin."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, MembershipFactory

# (url name, lowest role that may open it)
PAGES = [
    ("organisations:detail", "member"),
    ("organisations:members", "member"),
    ("organisations:leave", "member"),
    ("organisations:edit", "admin"),
    ("organisations:invite", "admin"),
    ("organisations:delete", "admin"),
]
ACTIONS = ["organisations:change_role", "organisations:remove_member", "organisations:revoke"]


def action_url(name, organisation, target):
    if name == "organisations:revoke":
        invitation = InvitationFactory(organisation=organisation)
        return reverse(name, args=[organisation.slug, invitation.pk])
    return reverse(name, args=[organisation.slug, target.pk])


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_an_outsider_gets_404(client, organisation, admin, outsider, name, role):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[organisation.slug])).status_code == 404


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_a_member_may_open_member_pages_only(client, organisation, admin, member, name, role):
    client.force_login(member)
    expected = 200 if role == "member" else 403
    assert client.get(reverse(name, args=[organisation.slug])).status_code == expected


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_an_admin_may_open_every_page(client, organisation, admin, name, role):
    client.force_login(admin)
    assert client.get(reverse(name, args=[organisation.slug])).status_code == 200


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_someone_signed_out_is_sent_to_sign_in_or_gets_404(client, organisation, name, role):
    response = client.get(reverse(name, args=[organisation.slug]))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ACTIONS)
def test_an_outsider_cannot_act(client, organisation, admin, member, outsider, name):
    client.force_login(outsider)
    membership = member.memberships.get()
    assert client.post(action_url(name, organisation, membership)).status_code == 404
    assert member.memberships.get().role == "member"


@pytest.mark.parametrize("name", ACTIONS)
def test_a_member_cannot_act(client, organisation, admin, member, name):
    client.force_login(member)
    membership = admin.memberships.get()
    assert client.post(action_url(name, organisation, membership)).status_code == 403
    assert admin.memberships.get().role == "admin"


def test_an_admin_cannot_act_on_another_organisations_member(client, organisation, admin):
    other = MembershipFactory()
    client.force_login(admin)
    url = reverse("organisations:remove_member", args=[organisation.slug, other.pk])
    assert client.post(url).status_code == 404
    assert other.__class__.objects.filter(pk=other.pk).exists()


def test_a_public_profile_is_open_to_everyone(client, organisation):
    organisation.is_public = True
    organisation.save()
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Moeders van Moerwijk" in response.content.decode()
    members_url = reverse("organisations:members", args=[organisation.slug])
    assert members_url not in response.content.decode()


def test_a_private_profile_is_not_listed(client, organisation):
    directory = client.get(reverse("organisations:directory")).content.decode()
    assert "Moeders van Moerwijk" not in directory
    assert "Moeders van Moerwijk" not in client.get("/").content.decode()
