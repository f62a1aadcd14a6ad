"""Search across the guides in the reader's language, with stemming ("vrouw" finds "vrouwen").

The library is a handful of guides, so matching happens in Python on text the database
already gives us; the same results on SQLite and PostgreSQL.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .models import Guide

# Snowball's dutch_porter is the classic algorithm, the one PostgreSQL's "dutch" uses.
STEMMERS = {"nl": "dutch_porter", "en": "english", "ar": "arabic", "tr": "turkish"}
WORD = re.compile(r"\w+", re.UNICODE)
# How much a hit counts, by where it is.
WEIGHTS = {"title": 5, "question": 4, "summary": 3, "situation": 3, "step": 2, "body": 1}


@lru_cache(maxsize=8)
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


def stems(text: str, language: str) -> list[str]:
    words = [w.lower() for w in WORD.findall(text)]
    stemmer = _stemmer(language)
    if stemmer is None:  # Bulgarian: no Snowball stemmer; match on word starts instead
        return [w[:5] for w in words]
    return stemmer.stemWords(words)


@dataclass
class Hit:
    guide: Guide
    score: int
    snippet: str


def _parts(guide: Guide):
    yield "title", guide.title
    yield "question", guide.question
    yield "summary", guide.summary
    yield "body", guide.challenge
    for item in guide.items.all():
        yield ("situation" if item.kind == "situation" else "body"), item.text
    for question in guide.questions.all():
        yield "body", question.text
    for step in guide.steps.all():
        yield "step", f"{step.title} {step.text}"


def search(query: str, language: str, guides=None) -> list[Hit]:
    """Guides that hold every word of the query (as stems), best first."""
    wanted = set(stems(query, language))
    if not wanted:
        return []
    if guides is None:
        guides = Guide.objects.published().prefetch_related("items", "questions", "steps")
    hits = []
    for guide in guides:
        found, score, snippet = set(), 0, ""
        for where, text in _parts(guide):
            matched = wanted & set(stems(text, language))
            if matched:
                found |= matched
                score += WEIGHTS[where] * len(matched)
                snippet = snippet or (text if where not in ("title",) else "")
        if found == wanted:
            hits.append(Hit(guide, score, snippet[:200]))
    return sorted(hits, key=lambda hit: -hit.score)
