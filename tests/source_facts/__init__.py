"""Facts from the Dutch source documents that the tests check against (facts.json, made
by extract.py where the sources are), so the tests need nothing outside the repository."""

import json
from functools import cache
from pathlib import Path


@cache
def facts(part: str) -> dict:
    path = Path(__file__).resolve().parent / "facts.json"
    return json.loads(path.read_text(encoding="utf-8"))[part]
