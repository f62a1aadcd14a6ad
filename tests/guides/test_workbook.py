import io
import threading

import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import UserFactory
from wijkkracht.guides.models import Answer, Guide, Workbook
from wijkkracht.guides.services import workbooks

SLUG = "een-locatie-vinden"


@pytest.fixture
def book(guides, organisation, admin):
    return workbooks.start(organisation, Guide.objects.get(slug=SLUG), admin)


def url(book, name, *args):
    return reverse(f"guides:{name}", args=[book.organisation.slug, book.guide.slug, *args])


def save(client, book, key, text, revision, **extra):
    return client.post(
        url(book, "answer", key), {f"text:{key}": text, f"revision:{key}": revision}, **extra
    )


def test_a_member_starts_the_workbook_from_the_guide(client, guides, organisation, member):
    client.force_login(member)
    page = client.get(f"/gidsen/{SLUG}/").content.decode()
    assert "Werk dit stappenplan door met je groep" in page
    response = client.post(
        reverse("guides:start", args=[SLUG]), {"organisation": organisation.slug}
    )
    book = Workbook.objects.get(organisation=organisation, guide__slug=SLUG)
    assert response["Location"] == book.get_absolute_url()
    # Starting again opens the same workbook.
    client.post(reverse("guides:start", args=[SLUG]), {"organisation": organisation.slug})
    assert Workbook.objects.count() == 1


def test_an_outsider_cannot_start_a_workbook_for_someone_elses_group(
    client, guides, organisation, outsider
):
    client.force_login(outsider)
    response = client.post(
        reverse("guides:start", args=[SLUG]), {"organisation": organisation.slug}
    )
    assert response.status_code == 404
    assert not Workbook.objects.exists()


def test_answers_are_saved_with_who_and_when(client, book, member):
    client.force_login(member)
    response = save(
        client, book, "people_expected", "Ongeveer 25 moeders", 0, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Opgeslagen" in response.content.decode()
    assert 'name="revision:people_expected" value="1"' in response.content.decode()
    answer = book.answers.get(key="people_expected")
    assert (answer.text, answer.revision, answer.updated_by) == ("Ongeveer 25 moeders", 1, member)
    page = client.get(book.get_absolute_url()).content.decode()
    assert "Ongeveer 25 moeders" in page


def test_a_save_from_a_stale_copy_is_refused_and_both_texts_survive(client, book, admin, member):
    client.force_login(admin)
    save(client, book, "activities", "Taalles op dinsdag", 0)
    client.force_login(member)  # Bea still has the empty page open (revision 0)
    response = save(client, book, "activities", "Naailes op vrijdag", 0, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    body = response.content.decode()
    assert "Taalles op dinsdag" in body and "Naailes op vrijdag" in body
    assert book.answers.get(key="activities").text == "Taalles op dinsdag"
    # She merges the two and saves on top of what she has now seen.
    client.post(
        url(book, "answer", "activities"),
        {
            "text:activities": "Taalles op dinsdag, naailes op vrijdag",
            "revision:activities": "-1",
            "resolve:activities": "1",
        },
    )
    answer = book.answers.get(key="activities")
    assert answer.text == "Taalles op dinsdag, naailes op vrijdag"
    assert [v.text for v in answer.versions.all()] == [
        "Taalles op dinsdag, naailes op vrijdag",
        "Taalles op dinsdag",
    ]


def test_without_javascript_a_stale_save_shows_the_page_with_both_texts(client, book, admin):
    save(client.__class__(), book, "activities", "", 0)  # nothing: signed out
    client.force_login(admin)
    save(client, book, "activities", "Eerste", 0)
    response = save(client, book, "activities", "Tweede", 0)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Eerste" in page and "Tweede" in page and "<h1>" in page


@pytest.mark.django_db(transaction=True)
def test_saves_at_the_same_moment_never_overwrite_each_other(guides_tx):
    """Four members save from the same revision at once, ten times over: each time exactly
    one text is stored and the others are refused."""
    organisation, users, book = guides_tx
    base = workbooks.save_answer(book, "activities", "Begin", 0, users[0]).revision
    for attempt in range(10):
        barrier = threading.Barrier(len(users))
        results = []

        def write(user, text, base=base, barrier=barrier, results=results):
            barrier.wait()
            try:
                results.append(workbooks.save_answer(book, "activities", text, base, user).text)
            except workbooks.StaleAnswer:
                results.append("refused")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=write, args=(user, f"Tekst {attempt}-{n}"))
            for n, user in enumerate(users)
        ]
        [t.start() for t in threads]
        [t.join(30) for t in threads]
        assert results.count("refused") == len(users) - 1, results
        answer = Answer.objects.get(workbook=book, key="activities")
        assert answer.revision == base + 1 and answer.text in results
        assert answer.versions.count() == answer.revision
        base = answer.revision


@pytest.fixture
def guides_tx(transactional_db):
    from django.core.management import call_command

    from tests.factories import MembershipFactory

    call_command("load_guides")
    first = MembershipFactory(role="admin")
    others = [MembershipFactory(organisation=first.organisation).user for _ in range(3)]
    book = workbooks.start(first.organisation, Guide.objects.get(slug=SLUG), first.user)
    return first.organisation, [first.user, *others], book


def test_history_shows_who_wrote_what_and_restores_an_earlier_text(client, book, admin, member):
    client.force_login(admin)
    save(client, book, "equipment", "Een beamer", 0)
    client.force_login(member)
    save(client, book, "equipment", "Niets", 1)
    page = client.get(url(book, "history", "equipment")).content.decode()
    assert "Een beamer" in page and "Niets" in page and "Amina" in page and "Bea" in page
    client.post(url(book, "restore", "equipment", 1))
    answer = book.answers.get(key="equipment")
    assert (answer.text, answer.revision) == ("Een beamer", 3)
    assert answer.versions.first().restored_from == 1


def test_steps_are_ticked_with_date_and_who(client, book, member):
    client.force_login(member)
    step = book.guide.steps.first()
    response = client.post(
        url(book, "tick", step.key), {f"done:{step.key}": "on"}, HTTP_HX_REQUEST="true"
    )
    assert "Bea" in response.content.decode()
    tick = book.ticks.get(step_key=step.key)
    assert tick.ticked_by == member and tick.ticked_at
    client.post(url(book, "tick", step.key), {})
    assert not book.ticks.exists()


def test_notes_per_step(client, book, member):
    client.force_login(member)
    step = book.guide.steps.first()
    save(client, book, f"note:{step.key}", "Gebeld met de wijkmanager", 0)
    assert book.answers.get(key=f"note:{step.key}").text == "Gebeld met de wijkmanager"
    assert "Gebeld met de wijkmanager" in client.get(book.get_absolute_url()).content.decode()


def test_progress_shows_per_part(client, book, member):
    client.force_login(member)
    group = book.guide.question_groups.first()
    for question in group.questions.all():
        save(client, book, question.key, "ja", 0)
    first = book.guide.steps.first().key
    client.post(url(book, "tick", first), {f"done:{first}": "on"})
    view = workbooks.workbook_view(book)
    assert view.progress[0].done == view.progress[0].total == group.questions.count()
    assert view.progress[-1].done == 1
    assert view.progress[1].done == 0


@pytest.mark.parametrize("name", ["workbook", "workbook_pdf"])
def test_a_non_member_gets_404(client, book, outsider, name):
    client.force_login(outsider)
    assert client.get(url(book, name)).status_code == 404


def test_a_non_member_cannot_read_write_or_tick(client, book, outsider):
    client.force_login(outsider)
    key = "activities"
    assert client.get(url(book, "history", key)).status_code == 404
    assert save(client, book, key, "inbraak", 0).status_code == 404
    first = book.guide.steps.first().key
    assert client.post(url(book, "tick", first), {f"done:{first}": "on"}).status_code == 404
    assert client.get(reverse("guides:workbooks", args=[book.organisation.slug])).status_code == 404
    assert not book.answers.exists() and not book.ticks.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, book):
    response = client.get(book.get_absolute_url())
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


@pytest.mark.parametrize("key", ["bestaat_niet", "note:bestaat_niet"])
def test_unknown_keys_are_404(client, book, member, key):
    client.force_login(member)
    assert save(client, book, key, "x", 0).status_code == 404


@pytest.mark.parametrize("revision", ["", "abc", "-5", "99999999999999999999"])
def test_a_nonsense_revision_is_treated_as_stale(client, book, member, revision):
    client.force_login(member)
    assert save(client, book, "activities", "x", revision).status_code == 409
    assert not book.answers.filter(revision__gt=0).exists()


def test_the_workbook_pdf_holds_her_answers(client, book, member):
    client.force_login(member)
    save(client, book, "people_expected", "Ongeveer 25 moeders", 0)
    response = client.get(url(book, "workbook_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ongeveer 25 moeders" in text and "Moeders van Moerwijk" in text


def test_a_new_guide_version_keeps_answers_and_shows_what_is_new(client, book, member):
    client.force_login(member)
    save(client, book, "activities", "Taalles", 0)
    guide = book.guide
    guide.version = 2
    guide.save()
    group = guide.question_groups.first()
    group.questions.create(
        guide=guide,
        key="opening_hours",
        position=99,
        added_in_version=2,
        text_nl="Op welke dagen hebben jullie de ruimte nodig?",
    )
    page = client.get(book.get_absolute_url()).content.decode()
    assert "Taalles" in page
    assert "Nieuw in versie 2" in page and "Op welke dagen" in page
    client.post(url(book, "seen"))
    assert "Nieuw in versie 2" not in client.get(book.get_absolute_url()).content.decode()


def test_answers_to_removed_questions_are_still_shown(client, book, member):
    client.force_login(member)
    save(client, book, "lift", "Ja, graag", 0)
    book.guide.questions.filter(key="lift").delete()
    assert "Ja, graag" in client.get(book.get_absolute_url()).content.decode()


def test_the_groups_workbooks_page_lists_started_and_others(client, book, member):
    client.force_login(member)
    page = client.get(reverse("guides:workbooks", args=[book.organisation.slug])).content.decode()
    assert book.get_absolute_url() in page
    assert "Nog niet begonnen" in page
    UserFactory()  # unrelated people change nothing


def test_without_javascript_one_button_saves_everything_she_changed(client, book, admin, member):
    client.force_login(admin)
    save(client, book, "lift", "Nee", 0)
    steps = list(book.guide.steps.values_list("key", flat=True))
    client.force_login(member)
    page = client.get(book.get_absolute_url()).content.decode()
    assert "Alles opslaan" in page
    data = {f"text:{q}": "" for q in book.guide.questions.values_list("key", flat=True)}
    data.update({f"revision:{q}": 0 for q in book.guide.questions.values_list("key", flat=True)})
    data.update(
        {
            "text:lift": "Nee",
            "revision:lift": 1,  # untouched
            "text:equipment": "Een beamer",
            "steps": steps,
            f"done:{steps[0]}": "on",
        }
    )
    response = client.post(url(book, "save_all"), data)
    assert response.status_code == 302
    assert book.answers.get(key="equipment").text == "Een beamer"
    assert book.answers.get(key="lift").revision == 1
    assert list(book.ticks.values_list("step_key", flat=True)) == [steps[0]]


def test_without_javascript_a_clash_shows_both_texts_and_keeps_hers(client, book, admin, member):
    client.force_login(admin)
    save(client, book, "lift", "Nee", 0)
    client.force_login(member)
    response = client.post(url(book, "save_all"), {"text:lift": "Ja", "revision:lift": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nee" in page and ">Ja</textarea>" in page
    assert book.answers.get(key="lift").text == "Nee"


def test_the_page_shows_fresh_answers_after_a_save(client, book, admin, member):
    client.force_login(member)
    client.get(book.get_absolute_url())  # fills the page cache
    client.force_login(admin)
    save(client, book, "lift", "Ja, een lift", 0)
    client.force_login(member)
    assert "Ja, een lift" in client.get(book.get_absolute_url()).content.decode()


def test_a_member_who_leaves_loses_the_workbook_at_once(client, book, admin, member):
    client.force_login(member)
    assert client.get(book.get_absolute_url()).status_code == 200  # cached now
    client.force_login(admin)
    client.post(
        reverse(
            "organisations:remove_member",
            args=[book.organisation.slug, member.memberships.get().pk],
        )
    )
    client.force_login(member)
    assert client.get(book.get_absolute_url()).status_code == 404
    assert save(client, book, "lift", "x", 0).status_code == 404
