"""The home page a member sees, and that what it keeps in the cache never goes stale."""

from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from wijkkracht.organisations.models import Invitation


def test_a_visitor_sees_what_wijkkracht_is_and_the_public_organisations(client, db):
    OrganisationFactory(name="Open Groep", is_public=True)
    page = client.get("/").content.decode()
    assert "Wijkkracht helpt kleine organisaties" in page
    assert "Open Groep" in page
    assert reverse("accounts:login") in page


def test_a_member_sees_her_organisations_and_what_to_do_next(client, organisation, admin):
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert "Hallo Amina" in page
    assert "Moeders van Moerwijk" in page
    assert reverse("organisations:invite", args=[organisation.slug]) in page


def test_someone_without_an_organisation_is_told_how_to_start(client, outsider):
    client.force_login(outsider)
    page = client.get("/").content.decode()
    assert "nog geen lid van een organisatie" in page
    assert reverse("organisations:create") in page


def test_joining_shows_at_once(client, outsider, organisation):
    client.force_login(outsider)
    assert "Moeders van Moerwijk" not in client.get("/").content.decode()
    invitation = Invitation.objects.create(organisation=organisation)
    client.post(invitation.get_absolute_url())
    assert "Moeders van Moerwijk" in client.get("/").content.decode()


def test_leaving_shows_at_once(client, organisation, admin, member):
    client.force_login(member)
    assert organisation.get_absolute_url() in client.get("/").content.decode()
    client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert organisation.get_absolute_url() not in client.get("/").content.decode()


def test_a_new_name_shows_at_once(client, organisation, member):
    client.force_login(member)
    client.get("/")
    organisation.name = "Moeders van Moerwijk-Oost"
    organisation.save()
    assert "Moeders van Moerwijk-Oost" in client.get("/").content.decode()


def test_a_new_role_shows_at_once(client, organisation, admin, member):
    client.force_login(member)
    invite_url = reverse("organisations:invite", args=[organisation.slug])
    assert invite_url not in client.get("/").content.decode()
    client.force_login(admin)
    client.post(
        reverse("organisations:change_role", args=[organisation.slug, member.memberships.get().pk]),
        {"role": "admin"},
    )
    client.force_login(member)
    assert invite_url in client.get("/").content.decode()


def test_each_language_gets_its_own_page(client, organisation, member):
    client.force_login(member)
    client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert "Hallo Bea" not in page and "Bea" in page
    assert ">Organisaties<" not in page


def test_a_new_name_for_her_shows_at_once(client, member):
    client.force_login(member)
    client.get("/")
    client.post(reverse("accounts:account"), {"name": "Beatrix", "language": ""})
    assert "Hallo Beatrix" in client.get("/").content.decode()


def test_a_blocked_account_is_signed_out_at_once(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:account")).status_code == 200
    member.is_active = False
    member.save()
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302


def test_a_deleted_account_is_signed_out_at_once(client, member):
    client.force_login(member)
    client.get("/")
    member.delete()
    assert client.get(reverse("accounts:account")).status_code == 302


def test_two_members_never_see_each_others_list(client, organisation, admin, member):
    MembershipFactory(user=admin, organisation=OrganisationFactory(name="Alleen Amina"))
    client.force_login(admin)
    assert "Alleen Amina" in client.get("/").content.decode()
    client.force_login(member)
    assert "Alleen Amina" not in client.get("/").content.decode()


def test_what_waits_for_a_venue_manager_links_to_where_she_decides(client, db):
    from tests.venues.factories import BookingFactory, make_room

    manager = UserFactory(email="beheer@example.org")
    room = make_room()
    room.venue.managers.add(manager)
    BookingFactory(room=room)
    BookingFactory(room=room, start=BookingFactory.build(room=room).start.replace(hour=14))
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "Voor jou" in page
    assert "2 aanvragen wachten op je besluit" in page
    assert reverse("venues:manage") in page


def test_what_waits_for_a_facilitator_and_for_a_member_who_asked(client, organisation, member):
    from tests.practices.factories import PracticeFactory
    from wijkkracht.accounts.models import RoleGrant
    from wijkkracht.exchange.models import Answer, Challenge, Report

    facilitator = UserFactory(email="begeleider@example.org")
    RoleGrant.objects.create(user=facilitator, role=RoleGrant.Role.FACILITATOR)
    PracticeFactory()
    question = Challenge.objects.create(
        author=member, organisation=organisation, title="Waar vinden we een zaal?",
        description="Voor 20 vrouwen op dinsdag.",
    )  # fmt: skip
    answer = Answer.objects.create(
        author=facilitator, organisation=organisation, challenge=question, text="Buurthuis."
    )
    Report.objects.create(reporter=member, challenge=question, reason="Dubbel")
    client.force_login(facilitator)
    page = client.get("/").content.decode()
    assert "1 melding om te bekijken" in page and reverse("exchange:reports") in page
    assert "1 ingestuurde praktijk om te publiceren" in page
    client.force_login(member)
    page = client.get("/").content.decode()
    assert "1 nieuw antwoord op je vragen" in page
    assert f"#answer-{answer.pk}" in page
    assert "melding" not in page and "praktijk om te publiceren" not in page


def test_nothing_waits_for_a_new_member(client, member):
    client.force_login(member)
    assert "Voor jou" not in client.get("/").content.decode()


def test_what_waits_is_gone_once_she_has_decided(client, db, django_capture_on_commit_callbacks):
    from tests.venues.factories import BookingFactory, make_room
    from wijkkracht.venues.services import bookings

    manager = UserFactory(email="beheer@example.org")
    room = make_room()
    room.venue.managers.add(manager)
    booking = BookingFactory(room=room)
    client.force_login(manager)
    assert "1 aanvraag wacht op je besluit" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        bookings.decide(booking, manager, approve=True)
    assert "aanvraag wacht" not in client.get("/").content.decode()
