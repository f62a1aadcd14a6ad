"""Full-text search over practices in Dutch, with stemming and relevance ranking.

PostgreSQL uses its own `dutch` text search configuration. SQLite has no Dutch tokenizer,
so an FTS5 table holds the text already stemmed with Snowball's Dutch stemmer (the same
algorithm), and queries are stemmed the same way; signals keep the table in step.
"""

import json
from functools import lru_cache

from django.db import connection

from wijkkracht.guides.search import WORD, stems

from .models import LibraryVersion, Practice

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


# Which columns hold a word, not where in them: a third smaller and faster to search, and
# the ranking only needs to know that a word is in the name (see ranked_ids).
FTS_TABLE = "USING fts5(name, body, detail=column)"


def create_index(schema_editor) -> None:
    """Called from the migration: the FTS5 table exists on SQLite only."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS practices_fts {FTS_TABLE}")


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
    LibraryVersion.bump()
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


def hit_ids(query: str) -> list[int]:
    """The ids of all practices (drafts too) holding every word of the query: one query
    that reads only the text index."""
    words = dutch_stems(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id FROM practices_practice WHERE search_vector @@ "
                           "websearch_to_tsquery('dutch', %s)", [query])
        else:
            cursor.execute("SELECT rowid FROM practices_fts WHERE practices_fts MATCH %s",
                           [_expression(words)])
        return [row[0] for row in cursor.fetchall()]


def ranked_ids(query: str, among: list[int] | None, start: int, stop: int) -> list[int]:
    """One page of ids, most relevant first (as by_relevance), of the published practices
    holding the query's words; only those in `among` when it is given."""
    words = dutch_stems(query)
    if not words or among == []:
        return []
    if connection.vendor == "postgresql":
        where, params = ("id = ANY(%s)", [among]) if among is not None else (
            "status = %s AND search_vector @@ websearch_to_tsquery('dutch', %s)",
            [Practice.Status.PUBLISHED, query])
        sql = (f"SELECT id FROM practices_practice WHERE {where} ORDER BY ts_rank("  # noqa: S608
               "search_vector, websearch_to_tsquery('dutch', %s)) DESC, code "
               "LIMIT %s OFFSET %s")
        params += [query, stop - start, start]
    else:
        # The chosen ids are read once into a table of their own; "+" keeps SQLite from
        # asking the text index for each of them in turn, which is far slower.
        condition, extra = ("+practices_fts.rowid IN chosen", []) if among is not None else (
            "p.status = %s", [Practice.Status.PUBLISHED])
        sql = ("WITH chosen(id) AS MATERIALIZED (SELECT value FROM json_each(%s)) "  # noqa: S608
               "SELECT practices_fts.rowid FROM practices_fts JOIN practices_practice p "
               f"ON p.id = practices_fts.rowid WHERE practices_fts MATCH %s AND {condition} "
               "ORDER BY bm25(practices_fts, 5.0, 1.0), p.code LIMIT %s OFFSET %s")
        params = [json.dumps(among or []), _expression(words), *extra, stop - start, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
