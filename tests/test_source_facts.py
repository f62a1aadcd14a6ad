"""facts.json still says what the sources say, where the sources are (this workplace);
a fresh clone elsewhere has only facts.json, and the other tests need no more."""

import json

import pytest

from tests.source_facts import extract


def test_the_facts_file_matches_the_sources():
    if not extract.SOURCES.is_dir():
        pytest.skip("the sources are not beside this clone; facts.json stands for them")
    stored = json.loads(extract.FACTS_FILE.read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(extract.extract()))
