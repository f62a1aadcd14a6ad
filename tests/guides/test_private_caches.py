"""Cached private data never outlives its owner, nor reaches whoever takes over a name."""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.urls import reverse

from tests.factories import UserFactory
from wijkkracht.guides.services import workbooks
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.services import HOME_FRAGMENT, memberships_of

SLUG = "een-locatie-vinden"
KEY = "people_expected"
OLD = "Ongeveer 25 moeders van het oude bestuur"


def create_slug_reuse(client) -> Organisation:
    client.post(
        reverse("organisations:create"),
        {
            "name": "Slug Reuse",
            "legal_form": "informal",
            "description_nl": "Wij koken samen.",
        },
    )
    return Organisation.objects.get(name="Slug Reuse")


def start_and_answer(client, organisation, text, revision=0):
    response = client.post(
        reverse("guides:start", args=[SLUG]), {"organisation": organisation.slug}
    )
    book_url = response["Location"]
    page = client.get(book_url)
    assert page.status_code == 200
    saved = client.post(
        f"{book_url}antwoord/{KEY}/",
        {f"text:{KEY}": text, f"revision:{KEY}": revision},
        HTTP_HX_REQUEST="true",
    )
    assert text in client.get(book_url).content.decode()  # the page, as cached now
    return page.content.decode(), saved


def the_next_group_gets_a_clean_workbook(client):
    client.force_login(UserFactory(name="Dilara"))
    organisation = create_slug_reuse(client)
    assert organisation.slug == "slug-reuse"  # the freed name was handed on
    page, saved = start_and_answer(client, organisation, "Wij verwachten 10 buren")
    assert OLD not in page
    assert saved.status_code == 200, saved.content.decode()
    assert organisation.workbooks.get().answers.get(key=KEY).text == "Wij verwachten 10 buren"
    home = client.get("/").content.decode()
    assert home.count("Slug Reuse") == 1


def test_a_deleted_organisations_workbook_never_reaches_the_next_with_its_name(client, guides):
    client.force_login(UserFactory(name="Esra"))
    organisation = create_slug_reuse(client)
    _page, saved = start_and_answer(client, organisation, OLD)
    assert saved.status_code == 200
    client.get("/")  # her home page, with the group on it, is cached too
    client.post(reverse("organisations:delete", args=[organisation.slug]))
    assert not Organisation.objects.exists()
    the_next_group_gets_a_clean_workbook(client)


def test_an_organisation_that_goes_with_its_only_members_account_leaves_nothing(client, guides):
    client.force_login(UserFactory(name="Esra"))
    organisation = create_slug_reuse(client)
    start_and_answer(client, organisation, OLD)
    client.get("/")
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not Organisation.objects.exists()
    the_next_group_gets_a_clean_workbook(client)


def test_deleting_an_organisation_drops_every_cached_copy_of_its_workbook(client, guides):
    client.force_login(UserFactory(name="Esra"))
    organisation = create_slug_reuse(client)
    start_and_answer(client, organisation, OLD)
    book = organisation.workbooks.get()
    keys = [workbooks.workbook_cache_key(organisation.pk, book.guide_id)] + [
        make_template_fragment_key(name, [workbooks.fragment_stamps(book)[part], "nl"])
        for name, part in workbooks.FRAGMENTS.items()
    ]
    assert all(cache.get(key) is not None for key in keys)  # the page filled them
    assert OLD in cache.get(keys[2])
    client.post(reverse("organisations:delete", args=[organisation.slug]))
    assert [cache.get(key) for key in keys] == [None, None, None]


def test_her_cached_home_page_goes_with_her_organisation(client, db):
    esra = UserFactory(name="Esra")
    client.force_login(esra)
    organisation = create_slug_reuse(client)
    assert "Slug Reuse" in client.get("/").content.decode()
    stamp = memberships_of(esra).stamp
    fragment = make_template_fragment_key(HOME_FRAGMENT, ["nl", stamp])
    assert "Slug Reuse" in cache.get(fragment)
    client.post(reverse("organisations:delete", args=[organisation.slug]))
    assert cache.get(fragment) is None
    client.get("/")  # the message that it was deleted
    assert 'href="/organisaties/slug-reuse/"' not in client.get("/").content.decode()
