"""Who may do what inside an organisation: every organisation view follows permissions.ROLE_FOR."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory
from wijkkracht.organisations.models import Membership
from wijkkracht.organisations.permissions import ADMIN, ROLE_FOR


def _member_pk(organisation, admin):
    return organisation.memberships.get(user=admin).pk


def _invitation_pk(organisation, admin):
    return InvitationFactory(organisation=organisation, created_by=admin).pk


# action → [(method, url name, extra arguments(organisation, admin) or None, data)].
# Other apps add their actions' pages here (or in their own table, same test shape).
PAGES = {
    "organisation.edit": [
        ("get", "organisations:edit", None, {}),
        ("post", "organisations:edit", None, {"name": "Ander"}),
    ],
    "organisation.invite": [
        ("get", "organisations:invite", None, {}),
        ("post", "organisations:invite", None, {"role": "member"}),
        ("post", "organisations:revoke", _invitation_pk, {}),
    ],
    "organisation.members": [
        ("post", "organisations:change_role", _member_pk, {"role": "member"}),
        ("post", "organisations:remove_member", _member_pk, {}),
    ],
    "organisation.delete": [
        ("get", "organisations:delete", None, {}),
        ("post", "organisations:delete", None, {}),
    ],
}
CASES = [(action, *page) for action, pages in PAGES.items() for page in pages]


def test_every_organisation_action_in_the_table_has_its_pages_listed():
    assert {a for a in ROLE_FOR if a.startswith("organisation.")} == set(PAGES)


@pytest.mark.parametrize(("action", "method", "name", "extra", "data"), CASES)
def test_a_member_gets_403_where_the_table_says_admin(
    client, organisation, admin, member, action, method, name, extra, data
):
    args = [organisation.slug] + ([extra(organisation, admin)] if extra else [])
    client.force_login(member)
    response = getattr(client, method)(reverse(name, args=args), data)
    if ROLE_FOR[action] == ADMIN:
        assert response.status_code == 403
        assert organisation.memberships.count() == 2
        assert organisation.memberships.get(user=admin).role == Membership.Role.ADMIN
    else:
        assert response.status_code in (200, 302)


@pytest.mark.parametrize(("action", "method", "name", "extra", "data"), CASES)
def test_an_outsider_gets_404_on_every_organisation_action(
    client, organisation, admin, outsider, action, method, name, extra, data
):
    args = [organisation.slug] + ([extra(organisation, admin)] if extra else [])
    client.force_login(outsider)
    assert getattr(client, method)(reverse(name, args=args), data).status_code == 404


@pytest.mark.parametrize(("action", "method", "name", "extra", "data"), CASES)
def test_the_pages_follow_the_table_when_it_changes(
    client, monkeypatch, organisation, admin, member, action, method, name, extra, data
):
    """The pages ask ROLE_FOR, not a role of their own: open an action to members and
    Bea no longer gets 403."""
    monkeypatch.setitem(ROLE_FOR, action, Membership.Role.MEMBER)
    args = [organisation.slug] + ([extra(organisation, admin)] if extra else [])
    client.force_login(member)
    assert getattr(client, method)(reverse(name, args=args), data).status_code not in (403, 404)
