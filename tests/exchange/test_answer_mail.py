"""Someone who asks hears at once when her question is answered (she can switch it off),
by a mail that links straight to the answer; the daily digest then leaves it out."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from wijkkracht.exchange import services
from wijkkracht.exchange.models import Challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(organisation, admin):
    return Challenge.objects.create(
        author=admin, organisation=organisation, title="Waar vinden we vrijwilligers?",
        description="Voor de inloop op woensdag.",
    )  # fmt: skip


@pytest.fixture
def answer(client, django_capture_on_commit_callbacks):
    """Answer as this person through the page; the outbox sends once the request committed."""

    def post(user, question, text="Vraag het buurthuis."):
        MembershipFactory(user=user)
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("exchange:challenge", args=[question.pk]), {"text": text})

    return post


def test_the_asker_gets_a_mail_with_a_link_to_the_answer(answer, question, admin, outsider):
    response = answer(outsider, question)
    assert response.status_code == 302
    [sent] = mail.outbox
    given = question.answers.get()
    assert sent.to == [admin.email]
    assert sent.subject == "Nieuw antwoord op je vraag: Waar vinden we vrijwilligers?"
    assert f"/uitwisseling/{question.pk}/#answer-{given.pk}" in sent.body
    assert reverse("exchange:index") in sent.body


def test_the_mail_is_in_the_askers_own_language(answer, question, admin, outsider):
    admin.language = "ar"
    admin.save()
    answer(outsider, question)
    assert "إجابة جديدة على سؤالكِ" in mail.outbox[0].subject


def test_no_mail_for_answering_your_own_question(answer, question, admin):
    answer(admin, question, "Gevonden!")
    assert question.answers.count() == 1 and not mail.outbox


def test_she_can_switch_it_off_and_on_again(client, answer, question, admin, outsider):
    client.force_login(admin)
    page = client.get(reverse("exchange:index")).content.decode()
    assert "Geen mail meer als iemand mijn vraag beantwoordt" in page
    client.post(reverse("exchange:answer_mail"), {"active": "0"})
    assert "Krijg meteen een mail" in client.get(reverse("exchange:index")).content.decode()
    answer(outsider, question)
    assert not mail.outbox
    client.force_login(admin)
    client.post(reverse("exchange:answer_mail"), {"active": "1"})
    answer(UserFactory(), question, "Nog een idee.")
    assert len(mail.outbox) == 1


def test_a_bad_switch_is_refused_without_a_change(client, admin):
    client.force_login(admin)
    assert client.post(reverse("exchange:answer_mail"), {"active": "misschien"}).status_code == 400
    assert services.wants_answer_mail(admin)


def test_the_digest_leaves_out_answers_she_already_had_by_mail(
    answer, question, admin, outsider, django_capture_on_commit_callbacks
):
    services.subscribe(admin, True)
    answer(outsider, question)
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_digests()
    assert not mail.outbox  # the only news was the answer, mailed at once
