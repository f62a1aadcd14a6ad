"""The facet index in memory (facets.py) gives what the database holds: after every kind
of change, after a rollback, and for any combination of words and facets."""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.practices.factories import (
    LevelFactory,
    PracticeFactory,
    RecruitmentMethodFactory,
    ThemeFactory,
)
from wijkkracht.practices import facets, library, search
from wijkkracht.practices.models import Country, LibraryVersion, Practice

pytestmark = pytest.mark.django_db

WORDS = ["fiets", "tuin", "kaas", "lamp", "brug"]  # each its own stem, none a stopword
TOWNS = ["Delft", "Gouda", "Leiden"]


def find(**params) -> library.Found:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return library.find(library.Filters.from_query(query))


def counts(found: library.Found, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in found.facets[facet]}


@pytest.fixture
def basics(db):
    levels = [LevelFactory(key=f"n{i}", label=f"Niveau {i}", position=i) for i in range(3)]
    themes = [ThemeFactory(slug=f"t{i}", label=f"Thema {i}", position=i) for i in range(3)]
    methods = [
        RecruitmentMethodFactory(key=f"m{i}", label=f"Methode {i}", position=i) for i in range(2)
    ]
    countries = [Country.objects.create(name=name) for name in ("Marokko", "Turkije")]
    return levels, themes, methods, countries


def add(code: str, level=None, themes=(), text="", published=True, municipality="Delft"):
    practice = PracticeFactory(
        code=code,
        name=f"Praktijk {code}",
        level=level,
        municipality=municipality,
        working_method=text,
        status=Practice.Status.PUBLISHED if published else Practice.Status.DRAFT,
    )
    practice.themes.set(themes)
    return practice


def test_a_new_link_to_a_theme_is_counted_on_the_next_search(basics):
    levels, themes, *_ = basics
    practice = add("A1", levels[0], [themes[0]])
    assert counts(find(), "theme") == {"t0": 1}
    practice.themes.add(themes[1])
    assert counts(find(), "theme") == {"t0": 1, "t1": 1}
    practice.themes.remove(themes[0])
    assert counts(find(theme="t0"), "theme") == {"t0": 0, "t1": 1}


def test_a_practice_taken_back_through_a_bulk_update_is_no_longer_found(basics):
    levels, *_ = basics
    add("A1", levels[0])
    add("A2", levels[0])
    assert len(find().practices) == 2
    Practice.objects.filter(code="A2").update(status=Practice.Status.DRAFT)
    found = find()
    assert [p.code for p in found.practices] == ["A1"]
    assert counts(found, "level") == {"n0": 1}


def test_a_renamed_level_and_a_deleted_practice_show_at_once(basics):
    levels, *_ = basics
    add("A1", levels[0])
    gone = add("A2", levels[1])
    find()
    levels[0].label = "Laag"
    levels[0].save()
    gone.delete()
    found = find()
    assert [(v.value, v.label, v.count) for v in found.facets["level"]] == [("n0", "Laag", 1)]
    assert [p.code for p in found.practices] == ["A1"]
    assert find(level="laag").facets["level"][0].selected  # the new label is known too


def test_a_change_that_is_rolled_back_leaves_nothing_behind(basics):
    levels, themes, *_ = basics
    add("A1", levels[0], [themes[0]])
    before = counts(find(), "theme")
    with transaction.atomic():
        add("A2", levels[0], [themes[1]])
        assert counts(find(), "theme") == {"t0": 1, "t1": 1}  # seen inside its transaction
        transaction.set_rollback(True)
    assert counts(find(), "theme") == before
    assert len(find().practices) == 1


def test_without_its_version_row_the_index_is_built_for_every_search(basics):
    levels, *_ = basics
    LibraryVersion.objects.all().delete()
    add("A1", levels[0])  # bumping makes the row again
    LibraryVersion.objects.all().delete()
    Practice.objects.filter(code="A1").update(municipality="Gouda")
    LibraryVersion.objects.all().delete()
    assert counts(find(), "municipality") == {"Gouda": 1}


def test_a_search_with_nothing_changed_does_not_read_the_facets_again(
    basics, django_assert_max_num_queries
):
    levels, themes, *_ = basics
    for n in range(30):
        add(f"A{n}", levels[n % 3], [themes[n % 3]], text="fiets")
    assert len(find(q="fiets", level="n1").practices[:20]) == 10
    # the version, the text index's hits, the page of ids, its practices, their themes
    with django_assert_max_num_queries(5):
        found = find(q="fiets", level="n1")
        assert len(found.practices[:20]) == 10


# --- The same answers as the database gives, for any library and any question ---------

practice_shapes = st.lists(
    st.fixed_dictionaries(
        {
            "level": st.none() | st.integers(0, 2),
            "themes": st.sets(st.integers(0, 2)),
            "methods": st.sets(st.integers(0, 1)),
            "countries": st.sets(st.integers(0, 1)),
            "town": st.sampled_from(TOWNS + [""]),
            "words": st.sets(st.sampled_from(WORDS), max_size=3),
            "published": st.booleans(),
        }
    ),
    max_size=12,
)
questions = st.fixed_dictionaries(
    {
        "q": st.lists(st.sampled_from(WORDS), max_size=2).map(" ".join),
        "level": st.lists(st.sampled_from(["n0", "n1", "n2", "Niveau 1", "onbekend"]), max_size=2),
        "theme": st.lists(st.sampled_from(["t0", "t1", "t2"]), max_size=2),
        "method": st.lists(st.sampled_from(["m0", "m1"]), max_size=1),
        "municipality": st.lists(st.sampled_from(TOWNS + ["Nergens"]), max_size=2),
        "country": st.lists(st.sampled_from(["Marokko", "Turkije"]), max_size=1),
    }
)


def _values(shape: dict, levels, themes, methods, countries) -> dict[str, set[str]]:
    return {
        "level": {levels[shape["level"]].key} if shape["level"] is not None else set(),
        "theme": {themes[i].slug for i in shape["themes"]},
        "method": {methods[i].key for i in shape["methods"]},
        "municipality": {shape["town"]} if shape["town"] else set(),
        "country": {countries[i].name for i in shape["countries"]},
    }


def _chosen(question: dict) -> dict[str, set[str]]:
    """The facets asked for, as the page understands them: a label is its key, and an
    unknown value is dropped (alone, it leaves a facet that nothing has)."""
    return {
        name: {"n1" if v == "Niveau 1" else v for v in values} - {"onbekend"}
        for name, values in question.items()
        if name != "q" and values
    }


def _expected(library_rows: list[tuple[str, dict, set, bool]], question: dict):
    """The plain meaning: every word, and one of the values of each facet asked for;
    each facet counted with the others as they are, a chosen value shown even at 0."""
    chosen, words = _chosen(question), set(question["q"].split())

    def passes(values, skip=None):
        return all(values[name] & wanted for name, wanted in chosen.items() if name != skip)

    scope = [values for values, text, published in library_rows if published and words <= text]
    found = sum(1 for values in scope if passes(values))
    facet_counts = {}
    for name in library.FACETS:
        tally = dict.fromkeys(chosen.get(name, set()), 0)
        for values in scope:
            if passes(values, skip=name):
                for value in values[name]:
                    tally[value] = tally.get(value, 0) + 1
        facet_counts[name] = tally
    return found, facet_counts


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shapes=practice_shapes, question=questions)
def test_every_search_gives_what_the_database_holds(basics, shapes, question):
    levels, themes, methods, countries = basics
    with transaction.atomic():
        rows, codes = [], {}
        for n, shape in enumerate(shapes):
            practice = add(
                f"P{n}",
                levels[shape["level"]] if shape["level"] is not None else None,
                [themes[i] for i in shape["themes"]],
                text=" ".join(sorted(shape["words"])),
                published=shape["published"],
                municipality=shape["town"],
            )
            practice.methods.set([methods[i] for i in shape["methods"]])
            practice.countries.set([countries[i] for i in shape["countries"]])
            values = _values(shape, levels, themes, methods, countries)
            rows.append((values, shape["words"], shape["published"]))
            codes[practice.code] = (values, shape["words"], shape["published"])
        found = find(**question)
        expected_count, expected_counts = _expected(rows, question)
        listed = [p.code for p in found.practices]
        assert len(listed) == len(set(listed)) == len(found.practices) == expected_count
        assert _expected([codes[code] for code in listed], question)[0] == expected_count
        for name in library.FACETS:
            assert counts(found, name) == expected_counts[name], name
        transaction.set_rollback(True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL ranks in SQL")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS + ["ochtend"]), max_size=3),
            st.lists(st.sampled_from(WORDS + ["ochtend", "wijk"]), max_size=12),
        ),
        min_size=1,
        max_size=15,
    ),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=2),
)
def test_the_few_are_ranked_as_the_text_index_ranks_them(basics, texts, query):
    """SQLite: the score computed for a few practices in Python is FTS5's bm25."""
    with transaction.atomic():
        for name, body in texts:
            PracticeFactory(
                name=" ".join(name) or "x",
                working_method=" ".join(body),
                status=Practice.Status.PUBLISHED,
            )
        words = " ".join(query)
        index = facets.current()
        by_index = search.ranked_ids(words, None, 0, 100, index)  # FTS5 ranks all it finds
        mine = search.bm25_order(search.dutch_stems(words), by_index, index)
        with connection.cursor() as cursor:
            cursor.execute(
                # the weights of search._FTS_RANKED, the ranking the site uses
                "SELECT rowid, bm25(practices_fts, 5.0, 1.0) FROM practices_fts "
                "WHERE practices_fts MATCH %s",
                [search._expression(search.dutch_stems(words))],
            )
            score = dict(cursor.fetchall())
        assert sorted(mine) == sorted(by_index)
        # Best first by FTS5's own score. Two texts can score exactly the same on paper
        # (say once in 5 words and twice in 13), where FTS5's rounding tells them apart in
        # the last bit: the Python order then goes by code, so equal means within 1e-9.
        for better, worse in zip(mine, mine[1:], strict=False):
            assert score[better] <= score[worse] + 1e-9 * abs(score[worse]), (mine, score)
        transaction.set_rollback(True)
