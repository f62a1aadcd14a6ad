"""The library against the inventory itself: every theme of its index and every level
returns exactly the projects the source lists, and stemming works on both databases."""

import re
from io import BytesIO

import pytest
from django.core.management import call_command
from django.http import QueryDict
from pypdf import PdfReader

from tests.source_facts import facts as source_facts
from wijkkracht.practices import library
from wijkkracht.practices.models import Level, Practice

PREFIX_LEVEL = [
    ("L-H", "laag-hoog"),
    ("L", "laag"),
    ("M", "midden"),
    ("H", "hoog"),
    ("I", "innovatief"),
]

pytestmark = pytest.mark.django_db


def theme_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Themes → codes, and countries → codes, as the source's 'Zoeksleutel' lists them."""
    source = source_facts("inventory")
    return (
        {label: set(codes) for label, codes in source["themes"].items()},
        {label: set(codes) for label, codes in source["countries"].items()},
    )


def table_of_contents() -> set[str]:
    return set(source_facts("inventory")["contents"])


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
        expected = {
            c
            for c in codes
            if c.startswith(prefix) and (prefix == "L-H" or not c.startswith("L-H"))
        }
        assert codes_for(level=level) == expected, level


def test_stemming_finds_home_visits_and_women(library_loaded):
    assert "L1" in codes_for(q="huisbezoek")
    named_women = {
        p.code
        for p in Practice.objects.published()
        if re.search(r"\bvrouwen\b", p.name, flags=re.I)
    }
    assert named_women and named_women <= codes_for(q="vrouw")


def test_the_magazine_initiatives_are_in_the_library(library_loaded):
    names = set(
        Practice.objects.filter(kind=Practice.Kind.INITIATIVE).values_list("name", flat=True)
    )
    assert {"Het Badhuis", "De Sleutel", "Buurttuin Kempenaar"} <= names


def test_no_contact_data_of_people(library_loaded):
    for practice in Practice.objects.all():
        text = f"{practice.name} {practice.search_text}"
        assert "@" not in text and not re.search(r"\b0\d{2,3}[ -]?\d{6,7}\b", text), practice.code


def test_each_levels_summary_is_one_printed_page(client, library_loaded):
    for level in Level.objects.all():
        response = client.get(f"/praktijken/niveaus/{level.key}/samenvatting/", {"format": "pdf"})
        pages = PdfReader(BytesIO(response.content)).pages
        assert len(pages) == 1, level.key
        assert level.label in pages[0].extract_text()


# --- The practices said no more than the source (issue 11, items 19–22) -------------------


def described_in_part_b() -> set[str]:
    """Codes whose own description is in the source; the text stops in the middle of L-H1,
    so the later ones are not."""
    return set(source_facts("inventory")["described"])


def facts_on_page(client, code: str) -> dict[str, str]:
    html = client.get(Practice.objects.get(code=code).get_absolute_url()).content.decode()
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, flags=re.S)
    return {label: value for label, value in pairs}


def test_tamtam_shows_130_as_the_reach_of_the_cooking_not_of_the_festival(client, library_loaded):
    assert source_facts("inventory")["L2_reach_of_the_cooking"] == 130
    facts = facts_on_page(client, "L2")
    assert [label for label, value in facts.items() if "130" in value] == [
        "Bereik van het proeflokaal (koken)"
    ]
    html = client.get(Practice.objects.get(code="L2").get_absolute_url()).content.decode()
    assert "130 mensen bereikt" not in html
    assert Practice.objects.get(code="L2").reach_number is None  # not the festival's reach


def test_medina_shows_who_applied_and_who_was_admitted(client, library_loaded):
    assert source_facts("inventory")["H3_applied_and_admitted"] == [80, 12]
    facts = facts_on_page(client, "H3")
    assert facts["Aanmeldingen voor de eerste cursus"] == "80 vrouwen"
    assert facts["Toegelaten tot de eerste cursus"] == "12 vrouwen"


def test_every_reach_number_stands_with_what_it_counts(client, library_loaded):
    numbers = set(source_facts("inventory")["numbers"])
    for practice in Practice.objects.filter(reach_number__isnull=False):
        counted = [
            label
            for label, value in facts_on_page(client, practice.code).items()
            if str(practice.reach_number) in value
        ]
        assert counted, practice.code  # a label says what the number counts
        assert practice.reach_number in numbers, practice.code
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "mensen bereikt</strong>" not in html, practice.code  # never a bare number


def test_haschiba_keeps_its_two_groups_apart(library_loaded):
    assert source_facts("inventory")["M3_groups"] == ["werkzoekenden", "doorstromers"]
    occasion = re.sub(r"\s+", " ", Practice.objects.get(code="M3").occasion)
    assert "niet alleen bedoeld voor werkzoekenden en voor banen aan de onderkant" in occasion
    assert "ook bedoeld voor doorstromers" in occasion


def test_nothing_is_guessed_for_the_practices_the_source_does_not_describe(library_loaded):
    missing = table_of_contents() - described_in_part_b()
    assert {"L-H2", "L-H4", "L-H5", "I3", "I5"} <= missing and "L1" not in missing
    for practice in Practice.objects.filter(code__in=missing):
        text = practice.search_text.lower()
        assert not practice.what_did_not and not practice.what_worked, practice.code
        assert "gezien de naam" not in text and "waarschijnlijk" not in text, practice.code


def test_practices_without_their_description_name_their_real_source(client, library_loaded):
    missing = table_of_contents() - described_in_part_b()
    for practice in Practice.objects.filter(kind=Practice.Kind.PROJECT):
        html = client.get(practice.get_absolute_url()).content.decode()
        says_unavailable = "De volledige beschrijving van dit project" in html
        if practice.code in missing:
            assert "deel B" not in practice.source, practice.code
            assert says_unavailable, practice.code
        else:
            assert "deel B" in practice.source and not says_unavailable, practice.code


def test_loading_twice_changes_nothing(library_loaded):
    def rows():
        return [
            {k: v for k, v in row.items() if k != "updated_at"}
            for row in Practice.objects.order_by("code").values()
        ]

    before = rows()
    call_command("load_practices")
    assert rows() == before
