"""Full-text search over practices in Dutch, with stemming and relevance ranking.

PostgreSQL uses its own `dutch` text search configuration. SQLite has no Dutch tokenizer,
so an FTS5 table holds the text already stemmed with Snowball's Dutch stemmer (the same
algorithm), and queries are stemmed the same way; signals keep the table in step.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from wijkkracht.guides.search import stems

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


def dutch_stems(text: str) -> list[str]:
    return [s for s in stems(text, "nl") if s not in STOPWORDS]


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


def unindex(practice_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice_id])


def ranked_ids(query: str) -> list[int]:
    """Ids of practices holding every word of the query, most relevant first; a word in
    the name counts more than one in the text."""
    words = dutch_stems(query)
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _postgresql(query)
    expression = " ".join(f'"{word}"' for word in words)  # every stem, as a plain token
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM practices_fts WHERE practices_fts MATCH %s "
                       "ORDER BY bm25(practices_fts, 5.0, 1.0)", [expression])
        return [row[0] for row in cursor.fetchall()]


def _postgresql(query: str) -> list[int]:
    search_query = SearchQuery(query, config="dutch", search_type="websearch")
    return list(Practice.objects.filter(search_vector=search_query)
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "code").values_list("pk", flat=True))
