import pytest
from django.core.management import call_command

from wijkkracht.core.content import ContentError
from wijkkracht.places.loading import load_areas
from wijkkracht.places.models import Area


def test_the_hague_loads_with_its_eight_districts(db):
    call_command("load_places")
    den_haag = Area.objects.get(slug="den-haag")
    assert den_haag.cbs_code == "GM0518"
    districts = set(den_haag.children.values_list("name", flat=True))
    assert districts == {
        "Centrum",
        "Escamp",
        "Haagse Hout",
        "Laak",
        "Leidschenveen-Ypenburg",
        "Loosduinen",
        "Scheveningen",
        "Segbroek",
    }
    for wijk in ["Moerwijk", "Schilderswijk", "Transvaal", "Laakkwartier en Spoorwijk"]:
        assert Area.objects.get(name=wijk, kind="wijk").parent.parent == den_haag


def test_loading_twice_changes_nothing(db):
    call_command("load_places")
    before = list(Area.objects.order_by("slug").values_list("slug", "name", "parent__slug"))
    call_command("load_places")
    after = list(Area.objects.order_by("slug").values_list("slug", "name", "parent__slug"))
    assert before == after


def test_a_broken_file_loads_nothing_and_says_why(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "- kind: municipality\n  name: Rijswijk\n  children:\n    - {kind: buurt, name: Te Werve}\n"
    )
    with pytest.raises(ContentError, match="Te Werve.*buurt must lie in a wijk"):
        load_areas(path)
    assert not Area.objects.exists()


def test_invalid_yaml_names_the_file(db, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- kind: [")
    with pytest.raises(ContentError, match="bad.yaml"):
        load_areas(path)
