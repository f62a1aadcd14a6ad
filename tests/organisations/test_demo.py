from django.core.management import call_command

from wijkkracht.accounts.models import User
from wijkkracht.organisations.models import Membership, Organisation

PARTNERS = {
    "VrouwenBuurtLab Laak",
    "ReVa Moeders",
    "Stichting Jemeniyaat",
    "Coöperatie Eva",
    "Amal Coaching",
    "Stichting Joury",
    "Bulgaarse Club Laak",
    "Moerwijk Moeders",
    "Laak Ladies United",
}


def load():
    call_command("load_places")
    call_command("load_demo")


def test_the_nine_partners_load_as_public_demo_profiles(db):
    load()
    assert set(Organisation.objects.values_list("name", flat=True)) == PARTNERS
    assert not Organisation.objects.filter(is_public=False).exists()
    assert all(o.areas.exists() for o in Organisation.objects.all())
    assert Organisation.objects.get(name="Moerwijk Moeders").areas.get().name == "Moerwijk"


def test_demo_members_have_example_org_addresses_and_each_group_an_admin(db):
    load()
    assert all(u.email.endswith("@example.org") for u in User.objects.all())
    for organisation in Organisation.objects.all():
        assert organisation.memberships.filter(role=Membership.Role.ADMIN).count() == 1


def test_loading_the_demo_twice_changes_nothing(db):
    load()

    def counts():
        return Organisation.objects.count(), User.objects.count(), Membership.objects.count()

    before = counts()
    load()
    assert counts() == before


def test_the_home_page_shows_the_demo_organisations(client, db):
    load()
    page = client.get("/").content.decode()
    assert "Bulgaarse Club Laak" in page and "Moerwijk Moeders" in page


def test_each_platform_role_has_a_demo_account_to_try(db):
    from wijkkracht.accounts import roles
    from wijkkracht.venues.models import Venue

    load()
    call_command("load_demo_venues")
    call_command("load_demo")  # again: nothing doubles
    facilitator = User.objects.get(email="gerda.demo@example.org")
    professional = User.objects.get(email="karim.demo@example.org")
    manager = User.objects.get(email="wim.demo@example.org")
    assert roles.is_facilitator(facilitator) and not roles.is_professional(facilitator)
    assert roles.is_professional(professional) and roles.is_reviewer(professional)
    assert roles.is_venue_manager(manager) and not roles.is_reviewer(manager)
    assert manager.name == "Wim (demo)"
    assert list(manager.managed_venues.values_list("key", flat=True)) == ["wijkcentrum-de-kantklos"]
    assert manager.role_grants.count() == 1
    assert Venue.objects.get(key="wijkcentrum-de-kantklos").managers.count() == 1
