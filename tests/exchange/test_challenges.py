"""The knowledge exchange: challenges, answers, helpful marks, reports and hiding, the
daily digest, and a draft guide made from a challenge."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory, RoleGrantFactory, UserFactory
from wijkkracht.accounts.models import RoleGrant
from wijkkracht.core.models import OutgoingMail
from wijkkracht.exchange import services
from wijkkracht.exchange.models import Answer, Challenge, DigestSubscription, Report
from wijkkracht.guides.models import Guide, GuideItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(db):
    user = UserFactory(email="begeleider@example.org")
    RoleGrantFactory(user=user, role=RoleGrant.Role.FACILITATOR)
    return user


@pytest.fixture
def challenge(organisation, admin):
    return Challenge.objects.create(
        author=admin,
        organisation=organisation,
        title="Hoe houden we vrijwilligers vast?",
        description="Na een half jaar haken ze af.",
    )


def answer(challenge, text, **extra):
    user = extra.pop("author", None) or UserFactory()
    return Answer.objects.create(challenge=challenge, author=user, text=text, **extra)


def test_a_member_posts_a_challenge_and_another_answers(client, organisation, admin, outsider):
    client.force_login(admin)
    response = client.post(
        reverse("exchange:new"),
        {
            "title": "Waar vinden we een goedkope ruimte?",
            "description": "Liefst in Laak.",
            "organisation": organisation.slug,
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and challenge.organisation == organisation
    client.force_login(outsider)
    response = client.post(challenge.get_absolute_url(), {"text": "Vraag de bibliotheek."})
    assert response.status_code == 302
    assert challenge.answers.get().author == outsider
    helper_group = OrganisationFactory(name="Buurtmoeders")
    MembershipFactory(organisation=helper_group, user=outsider)
    client.post(
        challenge.get_absolute_url(),
        {"text": "Wij weten er een.", "organisation": helper_group.slug},
    )
    assert challenge.answers.get(text="Wij weten er een.").organisation == helper_group


def test_posting_for_a_group_she_is_not_in_posts_under_her_own_name(client, admin):
    other = OrganisationFactory()
    client.force_login(admin)
    client.post(
        reverse("exchange:new"),
        {"title": "Vraag", "description": "Tekst", "organisation": other.slug},
    )
    assert Challenge.objects.filter(organisation=other).count() == 0


def test_the_exchange_is_for_signed_in_people(client, challenge):
    for url in (reverse("exchange:index"), challenge.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen" in response["Location"]


def test_bad_input_is_refused_and_kept(client, admin):
    client.force_login(admin)
    response = client.post(reverse("exchange:new"), {"title": "", "description": "x\x00"})
    assert response.status_code == 400 and not Challenge.objects.exists()


def test_only_the_asker_marks_an_answer_helpful(client, challenge, admin, member):
    reply = answer(challenge, "Geef ze een vaste taak.")
    url = reverse("exchange:helpful", args=[challenge.pk, reply.pk])
    client.force_login(member)
    assert client.post(url, {"helpful": "1"}).status_code == 404
    client.force_login(admin)
    client.post(url, {"helpful": "1"})
    assert Answer.objects.get(pk=reply.pk).helpful


def test_user_text_is_sanitised_and_links_are_safe(client, challenge, admin):
    answer(
        challenge,
        "<script>alert(1)</script> Zie https://voorbeeld.nl en "
        '<a href="javascript:alert(2)">klik</a>',
    )
    client.force_login(admin)
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and '<a href="javascript' not in html
    assert "&lt;script&gt;alert(1)" in html  # shown as the text she typed
    assert 'href="https://voorbeeld.nl"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_a_report_reaches_facilitators_who_hide_the_post_with_a_reason(
    client, challenge, member, facilitator, admin
):
    reply = answer(challenge, "Koop onze spullen!")
    client.force_login(member)
    client.post(
        reverse("exchange:report_answer", args=[challenge.pk, reply.pk]), {"reason": "Reclame"}
    )
    assert client.get(reverse("exchange:reports")).status_code == 404
    client.force_login(facilitator)
    assert "Reclame" in client.get(reverse("exchange:reports")).content.decode()
    client.post(
        reverse("exchange:hide_answer", args=[challenge.pk, reply.pk]),
        {"reason": "Reclame hoort hier niet"},
    )
    reply.refresh_from_db()
    assert reply.is_hidden and reply.hidden_reason == "Reclame hoort hier niet"
    assert not reply.reports.filter(handled_at__isnull=True).exists()
    client.force_login(admin)
    assert "Koop onze spullen" not in client.get(challenge.get_absolute_url()).content.decode()
    client.force_login(reply.author)  # she still sees her own post, and why it is hidden
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Koop onze spullen" in page and "Reclame hoort hier niet" in page


def test_hiding_needs_a_reason_and_a_facilitator(client, challenge, member, facilitator):
    url = reverse("exchange:hide", args=[challenge.pk])
    client.force_login(member)
    assert client.post(url, {"reason": "weg"}).status_code == 404
    client.force_login(facilitator)
    client.post(url, {"reason": ""})
    assert not Challenge.objects.get(pk=challenge.pk).is_hidden


def test_a_facilitator_turns_a_challenge_into_a_draft_guide(client, challenge, facilitator, member):
    first = answer(
        challenge, "Maak een rooster.", organisation=OrganisationFactory(name="Moerwijk Moeders")
    )
    second = answer(challenge, "Bedank ze elke maand.", helpful=True)
    answer(challenge, "Spam", hidden_at=timezone.now())
    client.force_login(member)
    assert client.post(reverse("exchange:for_guide", args=[challenge.pk])).status_code == 404
    client.force_login(facilitator)
    client.post(reverse("exchange:for_guide", args=[challenge.pk]), HTTP_ACCEPT_LANGUAGE="ar")
    challenge.refresh_from_db()
    guide = challenge.draft_guide
    assert challenge.status == Challenge.Status.FOR_GUIDE
    assert guide.status == Guide.Status.DRAFT and guide.challenge == challenge.description
    experiences = list(
        guide.items.filter(kind=GuideItem.Kind.EXPERIENCE)
        .order_by("position")
        .values_list("text", flat=True)
    )
    assert experiences == [second.text, first.text]  # helpful first; hidden left out
    assert "Moerwijk Moeders" in guide.author_list
    assert guide not in Guide.objects.published()
    assert guide.challenge_nl == challenge.description  # Dutch first, whatever her screen
    client.post(reverse("exchange:for_guide", args=[challenge.pk]))  # twice: still one
    assert Guide.objects.filter(from_challenges=challenge).count() == 1


def test_the_daily_digest_is_opt_in_and_at_most_daily(
    challenge, admin, member, django_capture_on_commit_callbacks
):
    services.subscribe(member, True)
    services.subscribe(admin, True)
    services.set_answer_mail(admin, False)  # answers then come in the digest only
    answer(challenge, "Probeer een buddy-systeem.")
    now = timezone.now() + timedelta(minutes=1)

    def digests(at):
        with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
            return services.send_digests(at)

    assert digests(now) == 2  # admin: an answer; member: a new challenge
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert challenge.title in bodies[admin.email]
    assert digests(now + timedelta(hours=2)) == 0
    answer(challenge, "Nog een idee.", created_at=now + timedelta(hours=3))
    assert digests(now + timedelta(hours=24)) == 1
    services.subscribe(admin, False)
    answer(challenge, "En nog een.", created_at=now + timedelta(hours=30))
    assert digests(now + timedelta(hours=48)) == 0
    assert len(mail.outbox) == 3
    nobody = UserFactory()
    MembershipFactory(user=nobody)
    assert not DigestSubscription.objects.filter(user=nobody).exists()


def test_the_queue_shows_reports_on_a_question_and_on_an_answer(
    client, challenge, member, facilitator
):
    """A report on a question has no answer: the queue once answered 500 for everyone."""
    reply = answer(challenge, "Koop onze spullen!")
    client.force_login(member)
    client.post(reverse("exchange:report", args=[challenge.pk]), {"reason": "Dubbele vraag"})
    client.post(
        reverse("exchange:report_answer", args=[challenge.pk, reply.pk]), {"reason": "Reclame"}
    )
    client.force_login(facilitator)
    response = client.get(reverse("exchange:reports"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dubbele vraag" in page and "Na een half jaar haken ze af." in page
    assert f'href="{challenge.get_absolute_url()}"' in page
    assert "Reclame" in page and "Koop onze spullen!" in page
    assert f'href="{challenge.get_absolute_url()}#answer-{reply.pk}"' in page


def _exchange_posts(challenge, reply, organisation):
    """Every form of the exchange, filled in as a person would."""
    return [
        (
            reverse("exchange:new"),
            {"title": "Vraag", "description": "Tekst", "organisation": organisation.slug},
        ),
        (challenge.get_absolute_url(), {"text": "Een antwoord", "organisation": ""}),
        (reverse("exchange:report", args=[challenge.pk]), {"reason": "Dubbel"}),
        (reverse("exchange:report_answer", args=[challenge.pk, reply.pk]), {"reason": "Reclame"}),
        (reverse("exchange:hide", args=[challenge.pk]), {"reason": "Dubbel"}),
        (reverse("exchange:hide_answer", args=[challenge.pk, reply.pk]), {"reason": "Reclame"}),
        (reverse("exchange:hide", args=[challenge.pk]), {"action": "show"}),
        (reverse("exchange:helpful", args=[challenge.pk, reply.pk]), {"helpful": "1"}),
        (reverse("exchange:digest"), {"active": "1"}),
    ]


def _says_why(response) -> bool:
    return b'class="error"' in response.content or b"message-error" in response.content


def test_a_nul_in_any_exchange_form_is_refused_with_a_message(client, challenge, admin, settings):
    """PostgreSQL cannot store a NUL: every field of every form refuses it with a 400 and
    words next to the field or at the top, and nothing changes. The forms themselves are
    tested here, without the middleware that stops NUL before any view."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RefuseOddRequests" not in m]
    RoleGrantFactory(user=admin, role=RoleGrant.Role.FACILITATOR)
    reply = answer(challenge, "Koop onze spullen!")
    client.force_login(admin)
    for url, data in _exchange_posts(challenge, reply, challenge.organisation):
        for field in data:
            response = client.post(url, {**data, field: data[field] + "\x00"})
            assert response.status_code == 400, (url, field)
            assert _says_why(response), (url, field)
    assert Challenge.objects.count() == 1 and Answer.objects.count() == 1
    assert not Report.objects.exists() and not DigestSubscription.objects.exists()
    assert not Challenge.objects.get().is_hidden and not Answer.objects.get().helpful


def test_hiding_without_a_reason_says_why_it_did_not_happen(client, challenge, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("exchange:hide", args=[challenge.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Schrijf waarom je dit verbergt." in response.content.decode()
    assert not Challenge.objects.get(pk=challenge.pk).is_hidden


def test_a_too_long_report_is_refused_not_cut(client, challenge, member):
    client.force_login(member)
    response = client.post(reverse("exchange:report", args=[challenge.pk]), {"reason": "x" * 301})
    assert response.status_code == 400 and not Report.objects.exists()


def test_a_report_reason_stays_on_one_line(client, challenge, member):
    client.force_login(member)
    response = client.post(
        reverse("exchange:report", args=[challenge.pk]), {"reason": "Reclame\nKoop nu"}
    )
    assert response.status_code == 400 and not Report.objects.exists()


def test_one_bad_address_does_not_stop_the_digest_for_the_others(
    challenge, admin, member, django_capture_on_commit_callbacks
):
    bad = UserFactory(email="kapot\n@example.org")
    for user in (bad, admin, member):
        services.subscribe(user, True)
    services.set_answer_mail(admin, False)  # the answer then comes in her digest
    answer(challenge, "Probeer een buddy-systeem.")
    now = timezone.now() + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now) == 3  # three queued
    assert sorted(m.to[0] for m in mail.outbox) == [admin.email, member.email]
    refused = OutgoingMail.objects.get(recipients=[bad.email])
    assert refused.sent_at is None and refused.last_error  # tried again later, then staff
    # her day is taken all the same: no second digest within the day
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2
