import json

from django.core.management import call_command
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.venues.factories import at, make_room
from wijkkracht.accounts.models import RoleGrant, User
from wijkkracht.guides.models import Guide
from wijkkracht.guides.services import workbooks
from wijkkracht.organisations.models import Organisation
from wijkkracht.venues.services import bookings as venues


def test_the_export_holds_her_account_and_memberships(client, organisation, member):
    RoleGrant.objects.create(user=member, role=RoleGrant.Role.FACILITATOR)
    client.force_login(member)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "bea@example.org"
    assert data["memberships"] == [
        {
            "organisation": "Moeders van Moerwijk",
            "organisation_slug": "moeders-van-moerwijk",
            "role": "member",
            "joined_at": member.memberships.get().joined_at.isoformat(),
        }
    ]
    assert data["platform_roles"][0]["role"] == "facilitator"


def test_the_export_is_only_her_own(client, organisation, admin, member):
    client.force_login(member)
    data = client.get(reverse("accounts:export")).content.decode()
    assert "amina@example.org" not in data


def test_deleting_removes_the_person_and_keeps_the_organisation(
    client, organisation, admin, member
):
    client.force_login(member)
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="bea@example.org").exists()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert organisation.memberships.get().user == admin


def test_the_last_admin_names_who_takes_over_before_deleting(client, organisation, admin, member):
    client.force_login(admin)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Wie wordt beheerder van Moeders van Moerwijk?" in page
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 400  # refused: nobody named
    assert User.objects.filter(pk=admin.pk).exists()
    successor = member.memberships.get()
    client.post(
        reverse("accounts:delete"),
        {
            "confirm": "on",
            f"successor_{organisation.pk}": successor.pk,
        },
    )
    assert not User.objects.filter(pk=admin.pk).exists()
    successor.refresh_from_db()
    assert successor.role == "admin"
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_organisation_with_no_one_else_goes_with_its_only_member(client, organisation, admin):
    client.force_login(admin)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "enige lid van Moeders van Moerwijk" in page
    client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_deleting_needs_the_tick(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 400
    assert 'id="id_confirm_error"' in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_other_organisations_are_not_touched(client, organisation, member):
    other = MembershipFactory(role="admin").organisation
    client.force_login(member)
    client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert Organisation.objects.filter(pk=other.pk).exists()


def test_she_changes_her_name_and_language(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:account"), {"name": "Bea B.", "language": "tr"})
    member.refresh_from_db()
    assert (member.name, member.language) == ("Bea B.", "tr")
    assert response.cookies["django_language"].value == "tr"


def test_she_may_choose_a_password(client, member):
    client.force_login(member)
    client.post(
        reverse("accounts:password"),
        {
            "new_password1": "fietsen in de duinen",
            "new_password2": "fietsen in de duinen",
        },
    )
    member.refresh_from_db()
    assert member.check_password("fietsen in de duinen")


def test_private_account_pages_need_sign_in(client, db):
    for name in ["accounts:account", "accounts:password", "accounts:export", "accounts:delete"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_export_holds_what_she_wrote_in_workbooks_and_her_bookings(
    client, organisation, member
):
    call_command("load_guides")
    book = workbooks.start(organisation, Guide.objects.get(slug="een-locatie-vinden"), member)
    workbooks.save_answer(book, "lift", "Ja, graag", 0, member)
    venues.request_booking(make_room(), organisation, member, at(7, 10), at(7, 12), "Taal", 9)
    client.force_login(member)
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["workbook_texts"][0]["text"] == "Ja, graag"
    assert data["bookings_requested"][0]["purpose"] == "Taal"


def test_her_name_with_a_line_break_is_refused(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("accounts:account"), {"name": "Chaima\nBcc: x", "language": ""})
    assert response.status_code == 400
    assert "op één regel" in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.name == "Chaima"
