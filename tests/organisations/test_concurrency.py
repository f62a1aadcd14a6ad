"""Membership rules hold when people act at the same moment: real threads, real database."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.threads import run_together
from wijkkracht.organisations import services
from wijkkracht.organisations.models import Invitation, Membership

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_an_invitation_by_mail_is_used_once_even_at_the_same_moment(attempt):
    """She clicks four times at once (only her account may use it): she joins once."""
    organisation = OrganisationFactory()
    invitation = InvitationFactory(organisation=organisation, email="x@example.org")
    person = UserFactory(email="x@example.org")
    results = run_together(
        *[
            (lambda: services.accept(Invitation.objects.get(pk=invitation.pk), person))
            for _ in range(4)
        ]
    )
    assert not any(isinstance(r, Exception) for r in results), results
    assert organisation.memberships.count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == person


@pytest.mark.parametrize("attempt", range(3))
def test_two_admins_leaving_at_once_leave_one_behind(attempt):
    organisation = OrganisationFactory()
    admins = [MembershipFactory(organisation=organisation, role="admin") for _ in range(2)]
    MembershipFactory(organisation=organisation)
    results = run_together(
        *[(lambda m=m: services.leave(Membership.objects.get(pk=m.pk))) for m in admins]
    )
    assert organisation.memberships.filter(role="admin").count() == 1, results
    assert sum(isinstance(r, services.LastAdminError) for r in results) == 1


def post_as(user, url, data=None):
    """A request from her own browser, in its own thread and database connection."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.post(url, data or {}).status_code


@pytest.mark.parametrize("attempt", range(3))
def test_two_admins_removing_each_other_at_once_leave_one_admin(attempt):
    organisation = OrganisationFactory()
    amina, dilara = [MembershipFactory(organisation=organisation, role="admin") for _ in range(2)]
    MembershipFactory(organisation=organisation)

    def remove(actor, target):
        return lambda: post_as(
            actor.user, reverse("organisations:remove_member", args=[organisation.slug, target.pk])
        )

    results = run_together(remove(amina, dilara), remove(dilara, amina))
    assert organisation.memberships.filter(role="admin").count() == 1, results
    assert organisation.memberships.count() == 2


@pytest.mark.parametrize("attempt", range(3))
def test_two_admins_leaving_through_the_page_at_once_get_a_message_not_a_500(attempt):
    organisation = OrganisationFactory()
    admins = [MembershipFactory(organisation=organisation, role="admin") for _ in range(2)]
    MembershipFactory(organisation=organisation)
    url = reverse("organisations:leave", args=[organisation.slug])
    results = run_together(*[(lambda m=m: post_as(m.user, url)) for m in admins])
    assert sorted(results, key=str) == [302, 400], results
    assert organisation.memberships.filter(role="admin").count() == 1
