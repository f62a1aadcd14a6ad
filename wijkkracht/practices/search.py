"""Full-text search over practices in Dutch, with stemming and relevance ranking.

PostgreSQL uses its own `dutch` text search configuration. SQLite has no Dutch tokenizer,
so an FTS5 table holds the text already stemmed with Snowball's Dutch stemmer (the same
algorithm), and queries are stemmed the same way; signals keep the table in step.
"""

import json
import math
from functools import lru_cache

from django.db import connection

from wijkkracht.guides.search import WORD, stems

from . import facets
from .models import LibraryVersion, Practice

# Words too common to search on; PostgreSQL's dutch configuration drops them too.
STOPWORDS = frozenset(
    (
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "had",
        "heb",
        "hem",
        "het",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "je",
        "kan",
        "me",
        "men",
        "met",
        "mij",
        "na",
        "naar",
        "niet",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "ook",
        "op",
        "over",
        "te",
        "tot",
        "u",
        "uit",
        "van",
        "voor",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wij",
        "wordt",
        "worden",
        "zal",
        "ze",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zou",
    )
)


@lru_cache(maxsize=100_000)
def _stems(word: str) -> tuple[str, ...]:
    """A word's stems, remembered: a library repeats its words, and stemming is slow."""
    return tuple(stems(word, "nl"))


def dutch_stems(text: str) -> list[str]:
    """The same stems as guides.search.stems(text, "nl"), without the stopwords."""
    return [s for word in WORD.findall(text) for s in _stems(word) if s not in STOPWORDS]


def create_index(schema_editor) -> None:
    """Called from the migration: the FTS5 table exists on SQLite only."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS practices_fts USING fts5(name, body)"
        )


def drop_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS practices_fts")


def index(practice: Practice) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL reads the practice's own columns
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice.pk])
        cursor.execute(
            "INSERT INTO practices_fts (rowid, name, body) VALUES (%s, %s, %s)",
            [
                practice.pk,
                " ".join(dutch_stems(practice.name)),
                " ".join(dutch_stems(practice.search_text)),
            ],
        )


def index_all() -> None:
    """Rebuild SQLite's index from every practice (after a bulk load)."""
    LibraryVersion.bump()
    if connection.vendor != "sqlite":
        return  # PostgreSQL computes the vector itself when a row is written
    rows = Practice.objects.values_list("pk", "name", "search_text").iterator(chunk_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts")
        cursor.executemany(
            "INSERT INTO practices_fts (rowid, name, body) VALUES (%s, %s, %s)",
            (
                (pk, " ".join(dutch_stems(name)), " ".join(dutch_stems(text)))
                for pk, name, text in rows
            ),
        )
        # one b-tree instead of one per batch of inserts: searches read it at half the cost
        cursor.execute("INSERT INTO practices_fts (practices_fts) VALUES ('optimize')")


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
    that reads only the text index and answers with one list of ids, because fetching
    ten thousand rows one by one costs more than finding them."""
    words = dutch_stems(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT CAST(json_agg(id) AS text) FROM practices_practice "
                "WHERE search_vector @@ websearch_to_tsquery('dutch', %s)",
                [query],
            )
        else:
            cursor.execute(
                "SELECT json_group_array(rowid) FROM practices_fts WHERE practices_fts MATCH %s",
                [_expression(words)],
            )
        found = cursor.fetchone()[0]
    return json.loads(found) if found else []  # json: far quicker than int() per id


# SQLite ranks as FTS5's bm25(practices_fts, 5.0, 1.0) does: a word in the name counts
# five times one in the text. For a few hundred practices Python computes the same score
# from their stored text, since FTS5 counts every word of the query across the whole
# library before it ranks even one practice (tests compare the two).
K1, B, WEIGHTS = 1.2, 0.75, (5.0, 1.0)
RANK_IN_PYTHON = 2000


def ranked_ids(query: str, among: list[int] | None, start: int, stop: int, index) -> list[int]:
    """One page of ids, most relevant first, of the published practices holding the
    query's words; only those in `among` when it is given. The facet index (facets.py)
    knows the order by code and keeps what stays the same until the library changes."""
    words = dutch_stems(query)
    if not words or among == []:
        return []
    if connection.vendor == "postgresql":
        where, params = (
            ("id = ANY(%s)", [among])
            if among is not None
            else (
                "status = %s AND search_vector @@ websearch_to_tsquery('dutch', %s)",
                [Practice.Status.PUBLISHED, query],
            )
        )
        sql = (
            f"SELECT id FROM practices_practice WHERE {where} ORDER BY ts_rank("  # noqa: S608
            "search_vector, websearch_to_tsquery('dutch', %s)) DESC, code "
            "LIMIT %s OFFSET %s"
        )
        params += [query, stop - start, start]
    elif among is not None and len(among) <= RANK_IN_PYTHON:
        return bm25_order(words, among, index)[start:stop]
    else:  # many, or all the published: FTS5 ranks them itself
        sql, params = (
            (_FTS_RANKED_AMONG, [json.dumps(among)])
            if among is not None
            else (_FTS_RANKED, [Practice.Status.PUBLISHED])
        )
        params = [_expression(words), *params, stop - start, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


_FTS_RANKED = (
    "SELECT practices_fts.rowid FROM practices_fts JOIN practices_practice p "
    "ON p.id = practices_fts.rowid WHERE practices_fts MATCH %s AND p.status = %s "
    "ORDER BY bm25(practices_fts, 5.0, 1.0), p.code LIMIT %s OFFSET %s"
)
# The ids are read once into a table of their own; "+" keeps SQLite from asking the text
# index for each of them in turn, which is far slower.
_FTS_RANKED_AMONG = (
    "SELECT practices_fts.rowid FROM practices_fts JOIN practices_practice p "
    "ON p.id = practices_fts.rowid WHERE practices_fts MATCH %s "
    "AND +practices_fts.rowid IN (SELECT value FROM json_each(%s)) "
    "ORDER BY bm25(practices_fts, 5.0, 1.0), p.code LIMIT %s OFFSET %s"
)
# How many texts the index holds, and how many words (stems joined by single spaces).
_SIZE = (
    "SELECT count(*), sum(length(name) - length(replace(name, ' ', '')) + (length(name) > 0)"
    " + length(body) - length(replace(body, ' ', '')) + (length(body) > 0)) "
    "FROM practices_fts"
)


def bm25_order(words: list[str], ids: list[int], index) -> list[int]:
    """These published practices by FTS5's bm25 score, best first, then by code."""
    memo, by_code = index.memo, index.by_code
    documents, average = _library_size(memo)
    frequency = memo.setdefault("frequency", {})
    with connection.cursor() as cursor:
        for word in set(words) - set(frequency):
            cursor.execute(
                "SELECT count(*) FROM practices_fts WHERE practices_fts MATCH %s",
                [_expression([word])],
            )
            frequency[word] = cursor.fetchone()[0]
        # FTS5 keeps each text as given in this table of its own (its "content" table)
        cursor.execute(
            "SELECT id, c0, c1 FROM practices_fts_content WHERE id IN "
            "(SELECT value FROM json_each(%s))",
            [json.dumps(ids)],
        )
        rows = cursor.fetchall()
    weights = [(f" {word} ", _idf(documents, frequency[word])) for word in words]
    scored = []
    for pk, name, body in rows:
        # Stems joined by single spaces: words and lengths counted in C, not word by word
        # (two spaces between words, so that " word " can be found twice in a row).
        size = (name.count(" ") + 1 if name else 0) + (body.count(" ") + 1 if body else 0)
        name, body = f" {name.replace(' ', '  ')} ", f" {body.replace(' ', '  ')} "
        length = K1 * (1 - B + B * size / average)
        score = 0.0
        for spaced, idf in weights:
            found = WEIGHTS[0] * name.count(spaced) + WEIGHTS[1] * body.count(spaced)
            score += idf * found * (K1 + 1) / (found + length)
        scored.append((-score, by_code.get(pk, 0), pk))
    return [pk for _score, _code, pk in sorted(scored)]


def _idf(documents: int, holding: int) -> float:
    idf = math.log((documents - holding + 0.5) / (holding + 0.5))
    return idf if idf > 0 else 1e-6  # as FTS5: a word in most practices still counts a bit


def _library_size(memo: dict) -> tuple[int, float]:
    """How many texts the index holds, and their average length in words."""
    if "size" not in memo:
        with connection.cursor() as cursor:
            cursor.execute(_SIZE)
            documents, words = cursor.fetchone()
        memo["size"] = (documents, (words or 0) / documents if documents else 1.0)
    return memo["size"]


# The facets whose labels are translated: a search in another language looks in them too.
TRANSLATED_FACETS = ("level", "theme", "method")


def label_hits(query: str, language: str, index: facets.FacetIndex) -> int:
    """The practices with a level, theme or recruitment method whose label in her language
    holds every word of the query (stemmed in that language): a few dozen labels, read
    from the facet index, so this costs the same for ten practices or a hundred thousand."""
    words = set(stems(query, language))
    if not words:
        return 0
    labels = index.memo.get(("labels", language))
    if labels is None:
        labels = index.memo[("labels", language)] = [
            (frozenset(stems(value.labels[language], language)), value.bits)
            for name in TRANSLATED_FACETS
            for value in index.values[name]
            if language in value.labels
        ]
    found = 0
    for label, members in labels:
        if words <= label:
            found |= members
    return found
