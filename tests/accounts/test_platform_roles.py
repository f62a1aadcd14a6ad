from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from wijkkracht.accounts import roles
from wijkkracht.accounts.models import RoleGrant, User


def staff(db):
    return UserFactory(email="staf@example.org", is_staff=True, is_superuser=True)


def test_staff_grant_a_platform_role_in_the_admin(client, member):
    boss = staff(None)
    client.force_login(boss)
    url = reverse("admin:accounts_user_change", args=[member.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "email": member.email,
            "name": member.name,
            "language": "",
            "is_active": "on",
            "role_grants-TOTAL_FORMS": "1",
            "role_grants-INITIAL_FORMS": "0",
            "role_grants-MIN_NUM_FORMS": "0",
            "role_grants-MAX_NUM_FORMS": "1000",
            "role_grants-0-role": "venue_manager",
            "role_grants-0-user": member.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = RoleGrant.objects.get(user=member)
    assert grant.role == "venue_manager"
    assert grant.granted_by == boss
    assert member.has_platform_role("venue_manager")
    assert not member.has_platform_role("facilitator")


def test_members_cannot_open_the_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302


def test_staff_can_add_a_person_without_a_password(client, db):
    client.force_login(staff(db))
    client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nieuw@example.org",
            "name": "N",
            "role_grants-TOTAL_FORMS": "0",
            "role_grants-INITIAL_FORMS": "0",
        },
    )
    assert not User.objects.get(email="nieuw@example.org").has_usable_password()


@pytest.mark.parametrize(
    ("role", "staff", "reviewer"),
    [
        (None, False, False),
        ("facilitator", False, True),
        ("professional", False, True),
        ("venue_manager", False, False),
        (None, True, True),  # staff count as facilitators everywhere
    ],
)
@pytest.mark.django_db
def test_who_reviews_the_venue_directory(role, staff, reviewer):
    user = UserFactory(is_staff=staff)
    if role:
        RoleGrant.objects.create(user=user, role=role)
    assert roles.is_reviewer(user) is reviewer
    assert roles.is_facilitator(user) is (role == "facilitator" or staff)


def test_only_the_roles_module_reads_platform_roles():
    """One module holds the rules on platform roles; the apps ask it."""
    package = Path(__file__).resolve().parents[2] / "wijkkracht"
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "migrations" not in path.parts and "role_grants" in path.read_text()
    )
    assert readers == ["accounts/admin.py", "accounts/api.py", "accounts/models.py",
                       "accounts/roles.py", "accounts/services.py"]  # fmt: skip
