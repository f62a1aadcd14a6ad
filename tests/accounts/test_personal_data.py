"""Every app registers what it holds about a person (core.personal_data): her export holds
all of it, and deleting her account runs every app's step."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.venues.factories import make_room
from wijkkracht.core import personal_data
from wijkkracht.core.models import OutgoingMail
from wijkkracht.core.outbox import queue
from wijkkracht.exchange.models import Answer, Challenge, DigestSubscription, Report
from wijkkracht.practices.models import Practice
from wijkkracht.venues.models import Venue

pytestmark = pytest.mark.django_db


def _fields_pointing_at_the_user() -> set[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is user_model:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_field_that_points_at_a_person_is_exported_or_declared_not_personal():
    accounted = personal_data.accounted_for()
    missing = sorted(_fields_pointing_at_the_user() - accounted.keys())
    assert not missing, (
        f"{missing}: add them to the app's personal_data.register(fields=...) with an "
        "export, or declare them with personal_data.not_personal(field, why)"
    )


def test_what_is_declared_exists():
    """A renamed or removed field does not stay behind in the registry unnoticed."""
    pointing = _fields_pointing_at_the_user()
    declared = set(personal_data.accounted_for())
    stale = [label for label in declared - pointing if label != "core.OutgoingMail.recipients"]
    assert not stale


def test_no_field_pointing_at_a_person_can_stop_her_account_going():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    blocking = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_one
        and not field.auto_created
        and field.related_model is user_model
        and field.remote_field.on_delete.__name__ in {"PROTECT", "RESTRICT", "DO_NOTHING"}
    ]
    assert not blocking


def _export(client, user) -> dict:
    client.force_login(user)
    return json.loads(client.get(reverse("accounts:export")).content)


def test_the_export_holds_her_part_of_the_exchange(client, organisation, member):
    challenge = Challenge.objects.create(
        author=member, organisation=organisation, title="Waar vinden we vrijwilligers?",
        description="Wij zoeken mensen voor de inloop.",
    )  # fmt: skip
    Answer.objects.create(author=member, organisation=organisation, challenge=challenge,
                          text="Vraag het buurthuis.")  # fmt: skip
    Report.objects.create(reporter=member, challenge=challenge, reason="Dubbel gesteld")
    DigestSubscription.objects.create(user=member, active=False)
    data = _export(client, member)
    assert data["exchange_questions"][0]["title"] == "Waar vinden we vrijwilligers?"
    assert data["exchange_answers"][0]["text"] == "Vraag het buurthuis."
    assert data["exchange_reports"][0]["reason"] == "Dubbel gesteld"
    assert data["digest_subscription"] == {
        "active": False,
        "answer_mail": True,
        "last_sent_at": None,
    }


def test_the_export_holds_her_practices_and_suggested_venues(client, member):
    Practice.objects.create(name="Moederkracht", slug="moederkracht", submitted_by=member)
    room = make_room()
    Venue.objects.filter(pk=room.venue_id).update(added_by=member)
    room.venue.managers.add(member)
    data = _export(client, member)
    assert data["practices_submitted"][0]["name"] == "Moederkracht"
    assert data["venues_suggested"][0]["name"] == room.venue.name
    assert data["venues_managed"][0]["name"] == room.venue.name


def test_the_export_holds_mail_kept_for_her_and_no_one_elses(client, member):
    queue("Voor Bea", "tekst", [member.email])
    queue("Voor een ander", "tekst", ["iemand@example.org"])
    data = _export(client, member)
    assert [m["subject"] for m in data["mail_to_her"]] == ["Voor Bea"]


def test_deleting_her_account_forgets_mail_to_her_and_keeps_mail_to_others(client, member):
    queue("Alleen voor Bea", "tekst", [member.email])
    queue("Voor Bea en Cas", "tekst", [member.email.upper(), "cas@example.org"])
    queue("Voor Cas", "tekst", ["cas@example.org"])
    client.force_login(member)
    client.post(reverse("accounts:delete"), {"confirm": "on"})
    kept = {m.subject: m.recipients for m in OutgoingMail.objects.all()}
    assert kept == {"Voor Bea en Cas": ["cas@example.org"], "Voor Cas": ["cas@example.org"]}


def test_deleting_an_account_runs_every_apps_step(client, member, monkeypatch):
    ran = []
    for part in personal_data.parts():
        step = part.erase or (lambda user, choices: None)
        monkeypatch.setitem(
            personal_data._parts,
            part.name,
            personal_data.Part(
                part.name,
                part.fields,
                part.export,
                lambda user, choices, name=part.name, step=step: (
                    ran.append(name), step(user, choices)
                ),
                part.hand_overs,
            ),
        )  # fmt: skip
    client.force_login(member)
    client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert ran == [part.name for part in personal_data.parts()]
    assert "organisations" in ran and "mail" in ran


def test_a_refused_hand_over_deletes_nothing(client, organisation, admin, member):
    """She named a successor who left meanwhile: her account, her group and her mail stay."""
    queue("Voor Amina", "tekst", [admin.email])
    successor = member.memberships.get()
    MembershipFactory(organisation=organisation, user=UserFactory(email="cas@example.org"))
    client.force_login(admin)
    gone = successor.pk
    successor.delete()
    response = client.post(
        reverse("accounts:delete"), {"confirm": "on", f"successor_{organisation.pk}": gone}
    )
    assert response.status_code == 400
    assert type(admin).objects.filter(pk=admin.pk).exists()
    assert organisation.memberships.filter(user=admin, role="admin").exists()
    assert OutgoingMail.objects.filter(subject="Voor Amina").exists()


def test_a_successor_who_left_after_the_form_was_checked_undoes_the_whole_deletion(
    organisation, admin, member
):
    from wijkkracht.accounts.services import delete_account

    queue("Voor Amina", "tekst", [admin.email])
    MembershipFactory(organisation=organisation, user=UserFactory(email="cas@example.org"))
    choices = {f"successor_{organisation.pk}": str(member.memberships.get().pk)}
    member.memberships.get().delete()  # she left between the check and the deletion
    with pytest.raises(personal_data.HandOverFailed):
        delete_account(admin, choices)
    assert type(admin).objects.filter(pk=admin.pk).exists()
    assert OutgoingMail.objects.filter(subject="Voor Amina").exists()
