"""The library against the inventory itself: every theme of its index and every level
returns exactly the projects the source lists, and stemming works on both databases."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import QueryDict
from pypdf import PdfReader

from wijkkracht.practices import library
from wijkkracht.practices.models import Level, Practice

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "sources" / \
    "inventarisatie-wervingsaanpakken-allochtone-vrouwen.txt"
CODE = r"(?:L-H\d|[LMHI]\d)"
PREFIX_LEVEL = [("L-H", "laag-hoog"), ("L", "laag"), ("M", "midden"), ("H", "hoog"),
                ("I", "innovatief")]

pytestmark = pytest.mark.django_db


def index_section() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    start = text.index("Zoeksleutel")
    end = text.index("Boschveld buurten met de buren, Huisbezoeken", start)
    return text[start:end].splitlines()


def theme_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Themes → codes, and countries → codes, read from the source's 'Zoeksleutel'."""
    themes: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    label = None
    in_countries = in_note = False
    for raw in index_section()[1:]:
        line = raw.strip()
        if in_note:  # the rest of a label's explanation in brackets
            in_note = ")" not in line
            continue
        codes = re.findall(CODE, line)
        if not line or line.startswith(("In aanvulling", "van de", "De keuze", "Als project",
                                         "dat zeg", "zeggen", "De methode", "niveau van",
                                         "laag-hoog en", "verwezen", "regierol")):
            continue
        if in_countries and ":" in line and codes:
            country, _sep, rest = line.partition(":")
            label = country.strip()
            countries[label] = set(re.findall(CODE, rest))
        elif codes and re.fullmatch(rf"[\s,]*(?:{CODE}[\s,]*)+", line):
            (countries if in_countries else themes)[label] |= set(codes)
        elif not codes:
            in_countries = line.startswith("Land van herkomst")
            if not in_countries:
                label = line.split("(")[0].strip()
                themes[label] = set()
                in_note = "(" in line and ")" not in line
    return ({k: v for k, v in themes.items() if v},
            {k: v for k, v in countries.items() if v})


def table_of_contents() -> set[str]:
    text = SOURCE.read_text(encoding="utf-8")
    contents = text[:text.index("Zoeksleutel")]
    return set(re.findall(rf"^\s*({CODE})\s+\S", contents, flags=re.M))


@pytest.fixture
def library_loaded(db):
    call_command("load_practices")


def codes_for(**params) -> set[str]:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, [value])
    return {p.code for p in library.find(library.Filters.from_query(query)).practices}


def test_the_source_index_reads_as_expected():
    themes, countries = theme_index()
    assert len(themes) == 13 and themes["Koran"] == {"I4"}
    assert themes["Sociale activering"] >= {"L1", "L-H6", "I4"}
    assert countries["Irak"] == {"L8"}
    assert len(table_of_contents()) == 29


def test_every_theme_of_the_index_gives_exactly_its_projects(library_loaded):
    themes, _countries = theme_index()
    for label, codes in themes.items():
        assert codes_for(theme=label) == codes, label


def test_every_country_of_the_index_gives_exactly_its_projects(library_loaded):
    _themes, countries = theme_index()
    for country, codes in countries.items():
        # The index's long phrase for 'many nationalities' is shortened in the facet.
        label = country.removesuffix(" nemen deel aan één project")
        assert codes_for(country=label) == codes, country


def test_every_level_gives_exactly_its_projects(library_loaded):
    codes = table_of_contents()
    assert {p.code for p in Practice.objects.filter(kind=Practice.Kind.PROJECT)} == codes
    for prefix, level in PREFIX_LEVEL:
        expected = {c for c in codes if c.startswith(prefix) and (
            prefix == "L-H" or not c.startswith("L-H"))}
        assert codes_for(level=level) == expected, level


def test_stemming_finds_home_visits_and_women(library_loaded):
    assert "L1" in codes_for(q="huisbezoek")
    named_women = {p.code for p in Practice.objects.published()
                   if re.search(r"\bvrouwen\b", p.name, flags=re.I)}
    assert named_women and named_women <= codes_for(q="vrouw")


def test_the_magazine_initiatives_are_in_the_library(library_loaded):
    names = set(Practice.objects.filter(kind=Practice.Kind.INITIATIVE)
                .values_list("name", flat=True))
    assert {"Het Badhuis", "De Sleutel", "Buurttuin Kempenaar"} <= names


def test_no_contact_data_of_people(library_loaded):
    for practice in Practice.objects.all():
        text = f"{practice.name} {practice.search_text}"
        assert "@" not in text and not re.search(r"\b0\d{2,3}[ -]?\d{6,7}\b", text), \
            practice.code


def test_each_levels_summary_is_one_printed_page(client, library_loaded):
    for level in Level.objects.all():
        response = client.get(f"/praktijken/niveaus/{level.key}/samenvatting/",
                              {"format": "pdf"})
        pages = PdfReader(BytesIO(response.content)).pages
        assert len(pages) == 1, level.key
        assert level.label in pages[0].extract_text()
