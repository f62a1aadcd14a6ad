"""An invitation lets in whom it was meant for, with no more rights than a link can give."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import InvitationFactory, UserFactory
from wijkkracht.organisations import services
from wijkkracht.organisations.models import Invitation, Membership


class BrokenMailServer:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_mailed_invitation_is_not_for_whoever_has_the_link(client, organisation, admin, outsider):
    invitation = InvitationFactory(
        organisation=organisation, email="dilara@example.org", role="admin", created_by=admin
    )
    client.force_login(outsider)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "dilara@example.org" in page
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 403
    assert "dilara@example.org" in response.content.decode()
    assert not organisation.memberships.filter(user=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # still there for Dilara
    client.force_login(UserFactory(email="Dilara@Example.org"))
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert organisation.memberships.filter(
        user__email__iexact="dilara@example.org", role="admin"
    ).exists()


def test_a_shared_link_with_the_admin_role_cannot_be_made(client, organisation, admin):
    client.force_login(admin)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]), {"email": "", "role": "admin"}
    )
    assert response.status_code == 400
    assert "Een link kan iedereen doorsturen" in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(services.ValidationError):
        services.create_invitation(organisation, admin, role="admin")


def test_a_link_never_makes_anyone_admin(client, organisation, admin, outsider):
    # An old link made before the rule, or a row edited by hand.
    invitation = InvitationFactory(organisation=organisation, role="admin")
    client.force_login(outsider)
    client.post(invitation.get_absolute_url())
    assert organisation.memberships.get(user=outsider).role == Membership.Role.MEMBER


def test_a_mailed_invitation_still_lets_its_person_in_as_admin(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": "dilara@example.org", "role": "admin"},
        )
    assert Invitation.objects.get().role == "admin"
    assert mail.outbox[0].to == ["dilara@example.org"]


@override_settings(EMAIL_BACKEND="tests.organisations.test_invitations.BrokenMailServer")
def test_a_broken_mail_server_does_not_break_the_invitation(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": "dilara@example.org", "role": "member"},
        )
    assert callbacks  # the mail was really tried
    assert response.status_code == 302
    assert Invitation.objects.filter(email="dilara@example.org").exists()


def test_a_name_with_a_line_break_is_refused_and_nothing_is_stored(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Vrouwen van\r\nTransvaal",
            "legal_form": "informal",
            "description_nl": "Wij koken samen.",
        },
    )
    assert response.status_code == 400
    assert "op één regel" in response.content.decode()
    assert not Membership.objects.exists()
