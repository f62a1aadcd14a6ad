"""An invitation link comes with the share block on the invite page; mailed invitations
have no link to share, and the page stays closed to people outside the group."""

import pytest
from django.urls import reverse

from tests.core.test_share import share_blocks, shared_urls
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _invite_page(client, user, organisation) -> str:
    client.force_login(user)
    return client.get(reverse("organisations:invite", args=[organisation.slug])).content.decode()


def test_each_open_link_invitation_can_be_shared(client, admin, organisation):
    first = InvitationFactory(organisation=organisation)
    second = InvitationFactory(organisation=organisation, role="admin")
    html = _invite_page(client, admin, organisation)
    expected = {
        "http://testserver" + reverse("organisations:accept", args=[i.token])
        for i in (first, second)
    }
    assert set(shared_urls(html)) == expected
    ids = [block["field"]["id"] for block in share_blocks(html)]
    assert sorted(ids) == sorted([f"link-{first.pk}", f"link-{second.pk}"])
    assert all(organisation.name in block["whatsapp"] for block in share_blocks(html))


def test_a_mailed_invitation_has_no_link_to_share(client, admin, organisation):
    InvitationFactory(organisation=organisation, email="nieuw@example.org")
    assert share_blocks(_invite_page(client, admin, organisation)) == []


def test_a_link_made_on_the_page_is_ready_to_share(client, admin, organisation):
    client.force_login(admin)
    url = reverse("organisations:invite", args=[organisation.slug])
    html = client.post(url, {"email": "", "role": "member"}, follow=True).content.decode()
    invitation = organisation.invitations.get()
    assert shared_urls(html) == [
        "http://testserver" + reverse("organisations:accept", args=[invitation.token])
    ]


def test_outsiders_get_404_for_the_invite_page(client, outsider, organisation):
    InvitationFactory(organisation=organisation)
    client.force_login(outsider)
    url = reverse("organisations:invite", args=[organisation.slug])
    assert client.get(url).status_code == 404
