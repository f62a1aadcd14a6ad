import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import InvitationFactory, UserFactory
from wijkkracht.organisations.models import Membership, Organisation


def test_she_sets_up_her_organisation_and_becomes_its_admin(client, outsider, db):
    client.force_login(outsider)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Vrouwen van Transvaal",
            "legal_form": "informal",
            "description_nl": "Wij koken samen.",
            "is_public": "on",
        },
    )
    organisation = Organisation.objects.get(name="Vrouwen van Transvaal")
    assert response["Location"] == reverse("organisations:invite", args=[organisation.slug])
    assert organisation.memberships.get().user == outsider
    assert organisation.memberships.get().role == "admin"


def test_a_missing_name_is_explained_next_to_the_field(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("organisations:create"), {"legal_form": "informal"})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_two_organisations_with_one_name_get_their_own_address(client, outsider, organisation):
    client.force_login(outsider)
    client.post(
        reverse("organisations:create"),
        {
            "name": organisation.name,
            "legal_form": "informal",
            "description_nl": "Nog een.",
        },
    )
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert slugs == {"moeders-van-moerwijk", "moeders-van-moerwijk-2"}


def test_an_invitation_by_mail_lets_one_person_join(
    client, organisation, admin, outsider, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": "chaima@example.org", "role": "member"},
        )
    assert mail.outbox[0].to == ["chaima@example.org"]
    url = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.force_login(outsider)
    response = client.post(url)
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.memberships.filter(user=outsider, role="member").exists()
    client.force_login(UserFactory())
    assert client.post(url).status_code == 410  # used


def test_a_shared_link_lets_several_people_join(client, organisation, admin):
    invitation = InvitationFactory(organisation=organisation, created_by=admin)
    for _ in range(3):
        client.force_login(UserFactory())
        assert client.post(invitation.get_absolute_url()).status_code == 302
    assert organisation.memberships.count() == 4


def test_an_expired_invitation_is_refused(client, organisation, outsider):
    invitation = InvitationFactory(
        organisation=organisation, expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(outsider)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not organisation.memberships.filter(user=outsider).exists()


def test_a_revoked_invitation_is_refused(client, organisation, admin, outsider):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(admin)
    client.post(reverse("organisations:revoke", args=[organisation.slug, invitation.pk]))
    client.force_login(outsider)
    assert client.post(invitation.get_absolute_url()).status_code == 410


def test_someone_signed_out_is_asked_to_sign_in_first(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Moeders van Moerwijk" in page
    assert reverse("accounts:login") + "?next=" in page


def test_a_member_can_leave(client, organisation, admin, member):
    client.force_login(member)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert response.status_code == 302
    assert not organisation.memberships.filter(user=member).exists()


def test_the_last_admin_cannot_leave_without_naming_another(client, organisation, admin, member):
    client.force_login(admin)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert response.status_code == 400
    assert "nieuwe beheerder" in response.content.decode()
    assert organisation.memberships.filter(user=admin, role="admin").exists()


def test_the_last_admin_leaves_after_naming_a_successor(client, organisation, admin, member):
    client.force_login(admin)
    successor = member.memberships.get()
    client.post(
        reverse("organisations:leave", args=[organisation.slug]), {"successor": successor.pk}
    )
    assert not organisation.memberships.filter(user=admin).exists()
    successor.refresh_from_db()
    assert successor.role == "admin"


def test_the_only_member_cannot_leave(client, organisation, admin):
    client.force_login(admin)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert "enige lid" in response.content.decode()
    assert organisation.memberships.filter(user=admin).exists()


def test_an_admin_can_leave_when_another_admin_stays(client, organisation, admin, member):
    Membership.objects.filter(user=member).update(role="admin")
    client.force_login(admin)
    client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert not organisation.memberships.filter(user=admin).exists()


def test_the_last_admin_cannot_be_made_a_plain_member(client, organisation, admin, member):
    Membership.objects.filter(user=member).update(role="admin")
    client.force_login(admin)
    other = member.memberships.get()
    client.post(
        reverse("organisations:change_role", args=[organisation.slug, other.pk]), {"role": "member"}
    )
    mine = admin.memberships.get()
    response = client.post(
        reverse("organisations:change_role", args=[organisation.slug, mine.pk]),
        {"role": "member"},
        follow=True,
    )
    assert "minstens één beheerder" in response.content.decode()
    assert organisation.admins().count() == 1


def test_an_admin_removes_a_member(client, organisation, admin, member):
    client.force_login(admin)
    client.post(
        reverse(
            "organisations:remove_member", args=[organisation.slug, member.memberships.get().pk]
        )
    )
    assert not organisation.memberships.filter(user=member).exists()


def test_an_admin_edits_the_profile_and_a_translation(client, organisation, admin):
    client.force_login(admin)
    client.post(
        reverse("organisations:edit", args=[organisation.slug]),
        {
            "name": "Moeders van Moerwijk",
            "legal_form": "foundation",
            "description_nl": "Nederlandse tekst.",
            "description_en": "English text.",
        },
    )
    organisation.refresh_from_db()
    assert organisation.legal_form == "foundation"
    assert organisation.description_en == "English text."


def test_the_description_falls_back_to_dutch(client, organisation, admin):
    organisation.description_nl = "Wij koken samen."
    organisation.description_tr = ""
    organisation.description_en = "We cook together."
    organisation.save()
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    assert "We cook together." in client.get(organisation.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "tr"
    assert "Wij koken samen." in client.get(organisation.get_absolute_url()).content.decode()


def test_an_admin_deletes_the_organisation(client, organisation, admin, member):
    client.force_login(admin)
    client.post(reverse("organisations:delete", args=[organisation.slug]))
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert member.__class__.objects.filter(pk=member.pk).exists()


def test_invitations_by_mail_are_rate_limited(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    url = reverse("organisations:invite", args=[organisation.slug])
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(50):
            client.post(url, {"email": f"p{n}@example.org", "role": "member"})
        response = client.post(url, {"email": "p99@example.org", "role": "member"})
    assert response.status_code == 429
    assert len(mail.outbox) == 50
