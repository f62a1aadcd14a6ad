import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from tests.source_facts import facts
from tests.source_facts.extract import question_sentences
from wijkkracht.core.content import ContentError
from wijkkracht.guides.loading import GUIDES_DIR, export_guide, load_library
from wijkkracht.guides.models import Guide, HelpQuestion, Step

FIVE = [
    "een-locatie-vinden",
    "wel-of-geen-stichting-worden",
    "voorkomen-van-interne-wrijvingen",
    "balans-tussen-geven-en-nemen",
    "generaties-dichter-bij-elkaar",
]


def test_the_five_guides_load_in_the_cops_order(guides):
    assert list(Guide.objects.values_list("slug", flat=True)) == FIVE
    assert Guide.objects.published().count() == 5


def test_loading_twice_changes_nothing(guides):
    before = list(HelpQuestion.objects.order_by("pk").values_list("pk", "key", "text_nl"))
    call_command("load_guides")
    assert list(HelpQuestion.objects.order_by("pk").values_list("pk", "key", "text_nl")) == before


@pytest.mark.parametrize("slug", FIVE)
def test_every_guide_has_every_part_filled(guides, slug):
    guide = Guide.objects.get(slug=slug)
    parts = guide.parts()
    assert guide.title_nl and guide.question_nl and guide.summary_nl and guide.challenge_nl
    for kind in ("situation", "experience", "do", "dont"):
        assert parts[kind], kind
        assert all(item.text_nl for item in parts[kind])
    assert guide.question_groups.count() >= 1
    assert guide.questions.count() >= 5
    assert guide.steps.count() >= 4
    assert all(step.title_nl and step.text_nl for step in guide.steps.all())
    assert guide.author_list and guide.last_reviewed


@pytest.mark.parametrize("slug", ["een-locatie-vinden", "voorkomen-van-interne-wrijvingen"])
def test_the_source_guides_are_in_all_five_languages(guides, slug):
    guide = Guide.objects.get(slug=slug)
    for code in ("nl", "en", "ar", "tr", "bg"):
        assert getattr(guide, f"title_{code}")
        assert all(getattr(q, f"text_{code}") for q in guide.questions.all())
        assert all(getattr(s, f"text_{code}") for s in guide.steps.all())
    assert sorted(guide.draft_languages) == ["ar", "bg", "en", "tr"]


@pytest.mark.parametrize("slug", FIVE[1:2] + FIVE[3:])
def test_the_written_guides_carry_the_concept_label(guides, slug):
    assert Guide.objects.get(slug=slug).concept


def _question_sentences(slug):
    return sum(
        len(question_sentences(q.text_nl)) for q in HelpQuestion.objects.filter(guide__slug=slug)
    )


def test_the_location_guide_has_every_help_question_and_step_of_the_source(guides):
    source = facts("booklets")
    assert _question_sentences("een-locatie-vinden") == source["location_questions"]
    assert (
        Step.objects.filter(guide__slug="een-locatie-vinden").count()
        == source["location_steps"]
        == 5
    )


def test_the_friction_guide_has_every_help_question_and_step_of_the_source(guides):
    slug = "voorkomen-van-interne-wrijvingen"
    source = facts("booklets")
    assert _question_sentences(slug) == source["friction_questions"] == 14
    assert HelpQuestion.objects.filter(guide__slug=slug).count() == 14
    assert Step.objects.filter(guide__slug=slug).count() == source["friction_steps"] == 7


def test_the_how_many_people_question_has_a_machine_key(guides):
    question = HelpQuestion.objects.get(
        guide__slug="een-locatie-vinden", profile_key="people_expected"
    )
    assert "Hoeveel mensen" in question.text_nl


@pytest.fixture
def library_copy(tmp_path):
    target = tmp_path / "guides"
    shutil.copytree(GUIDES_DIR, target)
    return target


def _edit(path: Path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_broken_file_loads_nothing_and_names_file_and_field(db, library_copy):
    broken = library_copy / "generaties-dichter-bij-elkaar" / "nl.yaml"
    _edit(broken, lambda d: d["steps"][1].pop("title"))
    with pytest.raises(ContentError) as error:
        load_library(library_copy)
    assert "generaties-dichter-bij-elkaar/nl.yaml" in str(error.value)
    assert "steps.1.title" in str(error.value)
    assert not Guide.objects.exists()  # not even the good guides before it


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(status="klaar"), "status"),
        (lambda d: d.update(situations=["één"]), "situations"),
        (
            lambda d: d["help_question_groups"][0]["questions"][0].update(key="Hoeveel Mensen"),
            "help_question_groups.0.questions.0.key",
        ),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d.update(last_reviewed="gisteren"), "last_reviewed"),
    ],
)
def test_each_rule_names_its_field(db, library_copy, change, field):
    _edit(library_copy / "een-locatie-vinden" / "nl.yaml", change)
    with pytest.raises(ContentError, match=f"nl.yaml: {field}"):
        load_library(library_copy)


def test_a_translation_with_other_keys_is_refused(db, library_copy):
    _edit(library_copy / "een-locatie-vinden" / "tr.yaml", lambda d: d["steps"].reverse())
    with pytest.raises(ContentError, match="tr.yaml: steps: keys differ"):
        load_library(library_copy)


def test_a_new_version_marks_what_is_new_and_keeps_the_rest(guides, library_copy):
    old = set(
        HelpQuestion.objects.filter(guide__slug="een-locatie-vinden").values_list("pk", flat=True)
    )

    def add_question(data):
        data["version"] = 2
        data["help_question_groups"][0]["questions"].append(
            {
                "key": "opening_hours",
                "text": "Op welke dagen en tijden hebben jullie de ruimte nodig?",
            }
        )

    for path in (library_copy / "een-locatie-vinden").glob("*.yaml"):
        _edit(path, add_question)
    load_library(library_copy)
    guide = Guide.objects.get(slug="een-locatie-vinden")
    assert guide.version == 2
    assert guide.questions.get(key="opening_hours").added_in_version == 2
    assert set(guide.questions.exclude(key="opening_hours").values_list("pk", flat=True)) == old
    assert not guide.questions.exclude(key="opening_hours").filter(added_in_version=2).exists()


def test_an_edit_in_the_admin_exports_back_to_a_file_that_loads_the_same(guides, tmp_path):
    guide = Guide.objects.get(slug="een-locatie-vinden")
    step = guide.steps.first()
    step.title_nl = "Maak eerst een heel duidelijk zoekprofiel"
    step.save()
    target = tmp_path / "guides"
    target.mkdir()
    for other in Guide.objects.all():
        export_guide(other, target)
    (target / "index.yaml").write_text(yaml.safe_dump(FIVE))
    exported = yaml.safe_load((target / "een-locatie-vinden" / "nl.yaml").read_text())
    assert exported["steps"][0]["title"] == "Maak eerst een heel duidelijk zoekprofiel"
    before = {g.slug: (g.title_ar, g.questions.count()) for g in Guide.objects.all()}
    load_library(target)
    assert {g.slug: (g.title_ar, g.questions.count()) for g in Guide.objects.all()} == before
