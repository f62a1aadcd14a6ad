"""Searching practices: Dutch stemming, ranking, facets that combine, drafts kept private."""

import pytest
from django.urls import reverse

from tests.factories import RoleGrantFactory
from tests.practices.factories import (
    LevelFactory,
    PracticeFactory,
    RecruitmentMethodFactory,
    ThemeFactory,
)
from wijkkracht.accounts.models import RoleGrant
from wijkkracht.practices import library
from wijkkracht.practices.models import Country, Practice, RecruitmentMethod

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(db):
    low = LevelFactory(key="laag", label="Laag participatieniveau", position=0)
    high = LevelFactory(key="hoog", label="Hoog participatieniveau", position=2)
    health = ThemeFactory(label="Gezondheid", slug="gezondheid")
    work = ThemeFactory(label="Arbeidsmarkt", slug="arbeidsmarkt")
    visits = RecruitmentMethodFactory(key="huisbezoek", label="Huisbezoeken door sleutelfiguren")
    media = RecruitmentMethodFactory(key="media", label="Media")
    morocco = Country.objects.create(name="Marokko")

    def practice(code, name, level, themes, methods, text="", municipality="Den Haag"):
        p = PracticeFactory(
            code=code,
            name=name,
            level=level,
            municipality=municipality,
            working_method=text,
            status=Practice.Status.PUBLISHED,
        )
        p.themes.set(themes)
        p.methods.set(methods)
        return p

    shelf = {
        "L1": practice(
            "L1",
            "Buurten met de buren",
            low,
            [health],
            [visits],
            "Sleutelfiguren legden huisbezoeken af bij gezinnen.",
        ),
        "L2": practice(
            "L2",
            "Vrouwen in de wijk",
            low,
            [health, work],
            [media],
            "Een krant en folders.",
            municipality="Utrecht",
        ),
        "H1": practice(
            "H1", "Werk voor moeders", high, [work], [media], "Vrouw na vrouw vond werk."
        ),
    }
    shelf["L1"].countries.set([morocco])
    return shelf


def codes(found):
    return [p.code for p in found.practices]


def search(**params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return library.find(library.Filters.from_query(query))


def test_stemming_finds_other_forms_of_a_word(shelf):
    assert codes(search(q="huisbezoek")) == ["L1"]
    assert set(codes(search(q="vrouw"))) == {"L2", "H1"}
    assert codes(search(q="huisbezoeken sleutelfiguur")) == ["L1"]


def test_a_word_in_the_name_ranks_above_one_in_the_text(shelf):
    Practice.objects.filter(code="H1").update(name="Werk voor moeders")
    found = codes(search(q="vrouwen"))
    assert found[0] == "L2"  # in its name; H1 only says it in its text


def test_the_index_follows_changes_and_deletions(shelf):
    practice = shelf["H1"]
    practice.working_method = "Via de moskee en huisbezoeken."
    practice.save()
    assert set(codes(search(q="huisbezoek"))) == {"L1", "H1"}
    practice.delete()
    assert codes(search(q="huisbezoek")) == ["L1"]


def test_facets_combine_and_count_what_a_click_would_give(shelf):
    found = search(level="laag")
    assert set(codes(found)) == {"L1", "L2"}
    themes = {v.label: v.count for v in found.facets["theme"]}
    assert themes == {"Gezondheid": 2, "Arbeidsmarkt": 1}
    levels = {v.value: v.count for v in found.facets["level"]}
    assert levels == {"laag": 2, "hoog": 1}  # other values of a facet widen, so they count
    both = search(level="laag", theme="Arbeidsmarkt")  # by label works too
    assert codes(both) == ["L2"]
    either = search(level=["laag", "hoog"], theme="arbeidsmarkt")
    assert set(codes(either)) == {"L2", "H1"}
    assert codes(search(country="Marokko")) == ["L1"]
    assert codes(search(municipality="Utrecht")) == ["L2"]
    assert codes(search(method="huisbezoek")) == ["L1"]
    assert codes(search(theme="Bestaat niet")) == []  # never: all of them
    assert codes(search(theme="  gezondheid ", level="LAAG")) == ["L1", "L2"]


def test_every_search_has_its_own_address_and_works_without_javascript(client, shelf):
    page = client.get(reverse("practices:index"), {"q": "vrouw", "theme": "arbeidsmarkt"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vrouwen in de wijk" in html and "Werk voor moeders" in html
    assert "Buurten met de buren" not in html
    assert 'value="arbeidsmarkt" checked' in html


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "x" * 3000},
        {"page": "-1"},
        {"q": '"*^'},  # NUL, too long: tests/core
        {"q": "AND OR NOT ("},
        {"country": ""},
    ],
)
def test_odd_input_gets_a_page(client, shelf, params):
    assert client.get(reverse("practices:index"), params).status_code == 200


def test_the_api_returns_codes_levels_and_dutch_theme_labels(client, shelf):
    data = client.get("/api/v1/practices", {"q": "vrouw", "level": "laag"}).json()
    assert data["count"] == 1
    assert data["items"][0] == {
        **data["items"][0],
        "code": "L2",
        "level": "laag",
        "themes": ["Gezondheid", "Arbeidsmarkt"],
    }
    assert {f["label"] for f in data["facets"]["theme"]} == {"Gezondheid", "Arbeidsmarkt"}
    assert client.get("/api/v1/practices", {"page": 0}).status_code == 422


def test_a_submitted_practice_waits_for_a_facilitator(client, member, shelf):
    client.force_login(member)
    response = client.post(
        reverse("practices:submit"),
        {
            "name": "Koffie met de buurvrouw",
            "municipality": "Den Haag",
            "working_method": "Wij gingen langs bij de buren.",
            "what_worked": "Koffie\nGeduld",
            "methods": [RecruitmentMethod.objects.get(key="huisbezoek").pk],
        },
    )
    assert response.status_code == 302
    practice = Practice.objects.get(name="Koffie met de buurvrouw")
    assert practice.status == Practice.Status.DRAFT and practice.what_worked == ["Koffie", "Geduld"]
    assert practice.code not in codes(search(q="buurvrouw"))
    assert client.get(practice.get_absolute_url()).status_code == 200  # her own draft
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404
    facilitator = RoleGrantFactory(role=RoleGrant.Role.FACILITATOR).user
    client.force_login(member)
    assert client.post(reverse("practices:publish", args=[practice.slug])).status_code == 404
    client.force_login(facilitator)
    assert practice.name in client.get(reverse("practices:review")).content.decode()
    client.post(reverse("practices:publish", args=[practice.slug]))
    assert codes(search(q="buurvrouw")) == [practice.code]


def test_a_submission_with_mistakes_is_refused_and_kept(client, member, shelf):
    client.force_login(member)
    response = client.post(reverse("practices:submit"), {"name": "", "goal": "Iets\x00"})
    assert response.status_code == 400
    assert not Practice.objects.filter(status=Practice.Status.DRAFT).exists()


def test_postgresql_keeps_a_stored_weighted_vector_in_step(shelf):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps its stems in the FTS5 table")
    from django.contrib.postgres.search import SearchQuery

    def named(word):
        return set(
            Practice.objects.filter(search_vector=SearchQuery(word, config="dutch")).values_list(
                "code", flat=True
            )
        )

    assert named("huisbezoek") == {"L1"}
    practice = shelf["H1"]
    practice.name = "Huisbezoeken voor moeders"
    practice.save()
    assert named("huisbezoek") == {"L1", "H1"}
    Practice.objects.filter(code="H1").update(name="Werk voor moeders")  # no save() at all
    assert named("huisbezoek") == {"L1"}
    vector = Practice.objects.values_list("search_vector", flat=True).get(code="L2")
    assert "'vrouw':1A" in vector  # the name weighs more than the text


def test_the_api_cuts_pages_in_the_database_and_keeps_the_ranking(client, shelf):
    for n in range(25):
        PracticeFactory(
            code=f"X{n:02}",
            name=f"Vrouwen {n:02}",
            status=Practice.Status.PUBLISHED,
            level=shelf["L1"].level,
        )
    first = client.get("/api/v1/practices", {"q": "vrouw", "level": "laag"}).json()
    second = client.get("/api/v1/practices", {"q": "vrouw", "level": "laag", "page": 2}).json()
    assert first["count"] == second["count"] == 26 and first["pages"] == 2
    codes_shown = [i["code"] for i in first["items"] + second["items"]]
    assert len(codes_shown) == len(set(codes_shown)) == 26
    assert "H1" not in codes_shown  # "vrouw" only in its text, and level hoog
    assert {f["value"]: f["count"] for f in first["facets"]["level"]} == {"laag": 26, "hoog": 1}
