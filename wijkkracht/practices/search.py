"""Full-text search over practices in Dutch, with stemming and relevance ranking.

PostgreSQL uses its own `dutch` text search configuration. SQLite has no Dutch tokenizer,
so an FTS5 table holds the text already stemmed with Snowball's Dutch stemmer (the same
algorithm), and queries are stemmed the same way; signals keep the table in step.
"""

from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from wijkkracht.guides.search import WORD, stems

from .models import Practice

# Words too common to search on; PostgreSQL's dutch configuration drops them too.
STOPWORDS = frozenset((
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door",
    "dus", "een", "en", "er", "had", "heb", "hem", "het", "hij", "hoe", "hun", "ik", "in",
    "is", "je", "kan", "me", "men", "met", "mij", "na", "naar", "niet", "nog", "nu", "of",
    "om", "omdat", "ons", "ook", "op", "over", "te", "tot", "u", "uit", "van", "voor",
    "was", "wat", "we", "wel", "werd", "wie", "wij", "wordt", "worden", "zal", "ze",
    "zich", "zij", "zijn", "zo", "zou",
))


@lru_cache(maxsize=100_000)
def _stems(word: str) -> tuple[str, ...]:
    """A word's stems, remembered: a library repeats its words, and stemming is slow."""
    return tuple(stems(word, "nl"))


def dutch_stems(text: str) -> list[str]:
    """The same stems as guides.search.stems(text, "nl"), without the stopwords."""
    return [s for word in WORD.findall(text) for s in _stems(word)
            if s not in STOPWORDS]


def create_index(schema_editor) -> None:
    """Called from the migration: the FTS5 table exists on SQLite only."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS practices_fts USING fts5(name, body)")


def drop_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS practices_fts")


def index(practice: Practice) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL reads the practice's own columns
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice.pk])
        cursor.execute("INSERT INTO practices_fts (rowid, name, body) VALUES (%s, %s, %s)",
                       [practice.pk, " ".join(dutch_stems(practice.name)),
                        " ".join(dutch_stems(practice.search_text))])


def index_all() -> None:
    """Rebuild SQLite's index from every practice (after a bulk load)."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL computes the vector itself when a row is written
    rows = Practice.objects.values_list("pk", "name", "search_text").iterator(chunk_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts")
        cursor.executemany("INSERT INTO practices_fts (rowid, name, body) VALUES (%s, %s, %s)",
                           ((pk, " ".join(dutch_stems(name)), " ".join(dutch_stems(text)))
                            for pk, name, text in rows))


def indexed() -> int:
    """How many practices the search can find."""
    if connection.vendor != "sqlite":
        return Practice.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM practices_fts")
        return cursor.fetchone()[0]


def unindex(practice_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice_id])


def _expression(words: list[str]) -> str:
    return " ".join(f'"{word}"' for word in words)  # every stem, as a plain token


def matching(practices: QuerySet, query: str) -> QuerySet:
    """The practices holding every word of the query. On SQLite the FTS5 table is joined,
    so the database starts from the few rows it finds instead of testing every practice."""
    words = dutch_stems(query)
    if not words:
        return practices.none()
    if connection.vendor == "postgresql":
        return practices.filter(search_vector=_dutch(query))
    return practices.extra(  # noqa: S610 - Django has no other way to join FTS5
        tables=["practices_fts"],
        where=["practices_fts.rowid = practices_practice.id", "practices_fts MATCH %s"],
        params=[_expression(words)])


def by_relevance(practices: QuerySet, query: str) -> QuerySet:
    """Practices from matching(), most relevant first; a word in the name counts more
    than one in the text."""
    if connection.vendor == "postgresql":
        return practices.annotate(rank=SearchRank(F("search_vector"), _dutch(query))).order_by(
            "-rank", "code")
    return practices.extra(select={"rank": "bm25(practices_fts, 5.0, 1.0)"},  # noqa: S610
                           order_by=["rank", "code"])


def _dutch(query: str) -> SearchQuery:
    return SearchQuery(query, config="dutch", search_type="websearch")
