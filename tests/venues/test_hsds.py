"""Open Referral HSDS 3.0 import and export of venues."""

import csv
import io
import json
import time as clock
import uuid
import zipfile
from datetime import date, time
from decimal import Decimal

import jsonschema_rs
import pytest
from django.core.management import CommandError, call_command

from wijkkracht.places.models import Area
from wijkkracht.venues.hsds.export import build_export, venues_to_export
from wijkkracht.venues.hsds.ids import location_id
from wijkkracht.venues.hsds.importing import import_hsds
from wijkkracht.venues.hsds.spec import SCHEMA_FILE, columns, definition
from wijkkracht.venues.hsds.writing import json_document
from wijkkracht.venues.models import Closure, OpeningHours, Room, Venue

from .factories import (
    BookingFactory,
    ClosureFactory,
    OpeningHoursFactory,
    RoomFactory,
    VenueFactory,
)

SCHILDERSWIJK = "den-haag-centrum-schilderswijk"
FILES = {
    "organization": "organizations.csv",
    "location": "locations.csv",
    "address": "addresses.csv",
    "accessibility": "accessibility.csv",
    "schedule": "schedules.csv",
    "contact": "contacts.csv",
}
WIJK_NAMES = ["Schilderswijk", "Transvaal", "Moerwijk", "Bezuidenhout", "Laakkwartier en Spoorwijk"]


@pytest.fixture
def wijken(db):
    call_command("load_places")


def make_venue(key: str = "buurthuis-de-linde", **fields) -> Venue:
    """A venue with everything a venue can hold: rooms, prices, rules, hours, closures."""
    venue = VenueFactory(
        **{
            "key": key,
            "name": f"Buurthuis {key}",
            "kind": Venue.Kind.COMMUNITY_CENTRE,
            "managed_by": "Stichting Buurtwerk",
            "address": "Lindestraat 4",
            "postcode": "2525 AB",
            "area": Area.objects.get(slug=SCHILDERSWIJK),
            "latitude": Decimal("52.07050"),
            "longitude": Decimal("4.31600"),
            "contact_email": "verhuur@linde.example",
            "contact_url": "https://linde.example/huren",
            "cooking": True,
            "own_key": True,
            "children_welcome": False,
            "house_rules_text": "Na afloop de vloer vegen.",
            "public_transport": "Tram 11, halte Lindeplein",
            "bike_parking": True,
            "step_free": True,
            "hearing_loop": True,
            "accessibility_text": "Drempel bij de zij-ingang.",
            **fields,
        }
    )
    for day in range(5):
        OpeningHoursFactory(venue=venue, day=day, opens=time(9), closes=time(22))
    OpeningHoursFactory(venue=venue, day=5, opens=time(10), closes=time(16))
    ClosureFactory(
        venue=venue, start=date(2026, 12, 24), end=date(2027, 1, 2), reason="Kerstvakantie"
    )
    RoomFactory(
        venue=venue,
        name="Grote zaal",
        capacity_seated=60,
        size_m2=90,
        facilities=["projector", "kitchen"],
        price_hour=Decimal("35.00"),
        price_daypart=Decimal("90.00"),
        social_discount_percent=50,
        one_off_costs=Decimal("25.00"),
        buffer_minutes=30,
    )
    RoomFactory(venue=venue, name="Leslokaal", capacity_seated=20, price_month=Decimal("240.00"))
    return venue


def snapshot() -> list:
    """Everything we keep of every venue, without database ids and timestamps."""

    def fields(model, leave_out):
        return [f.attname for f in model._meta.concrete_fields if f.name not in leave_out]

    return [
        list(Venue.objects.order_by("key").values(*fields(Venue, {"id", "updated_at"}))),
        sorted(OpeningHours.objects.values_list("venue__key", "day", "opens", "closes")),
        sorted(Closure.objects.values_list("venue__key", "start", "end", "reason")),
        sorted(Room.objects.values_list("venue__key", *fields(Room, {"id", "venue"})), key=repr),
    ]


def export_to(path, form: str = "json", as_zip: bool = False):
    call_command(
        "export_hsds",
        str(path),
        "--format",
        form,
        *(["--zip"] if as_zip else []),
        stdout=io.StringIO(),
    )
    return path


def write_tables(folder, tables: dict[str, list[dict]], extension: dict | None = None):
    """A tabular package as another system might write it: only the columns it fills."""
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, rows in tables.items():
        header = list(dict.fromkeys(column for row in rows for column in row))
        with (folder / FILES[name]).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        resources.append({"name": name, "path": FILES[name]})
    if extension is not None:
        (folder / "wijkkracht-extension.json").write_text(json.dumps(extension))
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}))
    return folder


def ids(prefix: str, number: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/{prefix}/{number}"))


def foreign_tables(count: int) -> dict[str, list[dict]]:
    """count locations of another system: no extension, the wijk named in the address."""
    tables = {
        name: [] for name in ("organization", "location", "address", "accessibility", "schedule")
    }
    for n in range(max(1, count // 50)):
        tables["organization"].append(
            {
                "id": ids("org", n),
                "name": f"Stichting Wijkwerk {n}",
                "description": "Welzijn in de wijk",
                "email": f"zalen@wijkwerk{n}.example",
            }
        )
    for n in range(count):
        location = ids("loc", n)
        tables["location"].append(
            {
                "id": location,
                "location_type": "physical",
                "organization_id": ids("org", n // 50),
                "name": f"Buurtkamer {n}",
                "latitude": "52.07",
                "longitude": "4.30",
                "transportation": "Bus 25",
            }
        )
        tables["address"].append(
            {
                "id": ids("address", n),
                "location_id": location,
                "address_1": f"Wijkstraat {n}",
                "city": "Den Haag",
                "region": WIJK_NAMES[n % len(WIJK_NAMES)],
                "state_province": "Zuid-Holland",
                "postal_code": "2500 AA",
                "country": "NL",
                "address_type": "physical",
            }
        )
        tables["accessibility"].append(
            {"id": ids("access", n), "location_id": location, "description": "Gelijkvloers"}
        )
        tables["schedule"] += [
            {
                "id": ids("week", n),
                "location_id": location,
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "17:00",
            },
            {
                "id": ids("saturday", n),
                "location_id": location,
                "freq": "WEEKLY",
                "byday": "SA",
                "opens_at": "10:00:00",
                "closes_at": "14:00:00",
            },
        ]
    return tables


def import_tables(tmp_path, tables: dict[str, list[dict]]):
    return import_hsds(write_tables(tmp_path / "foreign", tables))


def problems(report) -> list[tuple[str, str]]:
    return [(problem.where, problem.field) for problem in report.problems]


# --- the export --------------------------------------------------------------------------


def test_exported_json_validates_against_our_hsds_schema(wijken, tmp_path):
    make_venue()
    make_venue(
        "wijkcentrum-zonder-beheerder",
        managed_by="",
        contact_url="",
        latitude=None,
        accessibility_text="",
    )
    schema = json.loads(SCHEMA_FILE.read_text())
    assert jsonschema_rs.meta.is_valid(schema)
    document = json.loads(export_to(tmp_path / "venues.json").read_text())
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    assert [error.message for error in validator.iter_errors(document)] == []
    location = document["locations"][0]
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["region"] == "Schilderswijk"
    assert location["addresses"][0]["city"] == "Den Haag"
    assert {
        "byday": "MO,TU,WE,TH,FR",
        "opens_at": "09:00",
        "closes_at": "22:00",
    }.items() <= location["schedules"][0].items()
    assert location["accessibility"][0]["details"] == "Drempel bij de zij-ingang."
    assert document["organizations"][0]["name"] == "Stichting Buurtwerk"


def test_schema_knows_our_kinds_rules_and_facilities():
    place = definition("wijkkracht_location")["properties"]
    assert place["kind"]["enum"] == Venue.Kind.values
    assert list(place["house_rules"]["properties"]) == Venue.HOUSE_RULES
    assert list(place["accessibility"]["properties"]) == Venue.ACCESSIBILITY
    facilities = definition("wijkkracht_room")["properties"]["facilities"]["items"]["enum"]
    assert facilities == list(Room.FACILITIES)


def test_exporting_twice_gives_the_same_ids_and_bytes(wijken, tmp_path):
    venue = make_venue()
    first = export_to(tmp_path / "one.zip", "tabular", as_zip=True).read_bytes()
    second = export_to(tmp_path / "two.zip", "tabular", as_zip=True).read_bytes()
    assert first == second
    document = json_document(build_export(venues_to_export()))
    assert document["locations"][0]["id"] == location_id(venue.key)


def test_tabular_export_describes_each_file_and_its_foreign_keys(wijken, tmp_path):
    make_venue()
    folder = export_to(tmp_path / "package", "tabular")
    descriptor = json.loads((folder / "datapackage.json").read_text())
    tables = {r["name"]: r for r in descriptor["resources"] if r["profile"] != "data-resource"}
    assert set(tables) == set(FILES)
    for name, resource in tables.items():
        with (folder / resource["path"]).open(newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        assert header == list(columns(name))
    assert tables["address"]["schema"]["foreignKeys"] == [
        {"fields": "location_id", "reference": {"resource": "location", "fields": "id"}}
    ]
    assert tables["location"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "organization"
    assert "wijkkracht_extension" in {r["name"] for r in descriptor["resources"]}
    extension = json.loads((folder / "wijkkracht-extension.json").read_text())
    assert (
        extension["locations"][location_id("buurthuis-de-linde")]["rooms"][0]["price_hour"]
        == "35.00"
    )


def test_demo_and_unpublished_venues_are_not_exported(wijken):
    make_venue("echt")
    make_venue("verborgen", is_published=False)
    make_venue("demo", is_demo=True)
    assert [row["name"] for row in build_export(venues_to_export()).rows["location"]] == [
        "Buurthuis echt"
    ]


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form,as_zip,name",
    [
        ("json", False, "venues.json"),
        ("tabular", False, "package"),
        ("tabular", True, "venues.zip"),
    ],
)
def test_export_then_import_gives_the_same_data(wijken, tmp_path, form, as_zip, name):
    make_venue()
    make_venue("buurtkamer-zonder-beheerder", managed_by="", contact_email="", latitude=None)
    before = snapshot()
    path = export_to(tmp_path / name, form, as_zip)
    Venue.objects.all().delete()
    report = import_hsds(path)
    assert report.ok, report.problems
    assert (report.created, report.updated) == (2, 0)
    assert snapshot() == before


def test_import_restores_rooms_prices_rules_hours_and_closures(wijken, tmp_path):
    venue = make_venue()
    before = snapshot()
    path = export_to(tmp_path / "venues.json")
    Venue.objects.filter(pk=venue.pk).update(name="Anders", cooking=False, kind="school")
    venue.rooms.filter(name="Leslokaal").delete()
    venue.rooms.filter(name="Grote zaal").update(price_hour=Decimal("99.00"))
    RoomFactory(venue=venue, name="Nieuwe zaal", capacity_seated=5)
    venue.opening_hours.filter(day=5).delete()
    venue.closures.all().delete()
    report = import_hsds(path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert snapshot() == before


def test_importing_the_same_package_twice_changes_nothing(wijken, tmp_path):
    make_venue()
    path = write_tables(tmp_path / "foreign", foreign_tables(3))
    import_hsds(path)
    before = snapshot()
    report = import_hsds(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_import_keeps_a_room_that_has_bookings(wijken, tmp_path, organisation):
    venue = make_venue()
    path = export_to(tmp_path / "venues.json")
    room = RoomFactory(venue=venue, name="Geboekte zaal", capacity_seated=8)
    BookingFactory(room=room, organisation=organisation)
    assert import_hsds(path).ok
    assert venue.rooms.filter(name="Geboekte zaal").exists()


# --- the 5,000-venue package -------------------------------------------------------------

BAD_ROW = 2500  # the location in CSV row 2502: header is row 1, the first location row 2


@pytest.fixture(scope="module")
def big_packages(tmp_path_factory):
    tables = foreign_tables(5000)
    good = write_tables(tmp_path_factory.mktemp("good"), tables)
    tables["location"][BAD_ROW]["latitude"] = "52,07"
    return good, write_tables(tmp_path_factory.mktemp("bad"), tables)


def test_5000_venue_package_with_one_bad_row_imports_nothing_and_names_it(wijken, big_packages):
    report = import_hsds(big_packages[1])
    assert problems(report) == [(f"locations.csv rij {BAD_ROW + 2}", "latitude")]
    assert "getal" in report.problems[0].reason
    assert not Venue.objects.exists()


def test_5000_venue_package_arrives_whole_and_fast(wijken, big_packages):
    started = clock.perf_counter()
    report = import_hsds(big_packages[0])
    seconds = clock.perf_counter() - started
    print(f"\nimported 5,000 venues in {seconds:.1f} s")
    assert report.ok and report.created == 5000
    assert Venue.objects.count() == 5000
    assert OpeningHours.objects.count() == 5000 * 6
    assert seconds < 30


def test_5000_venues_exported_and_imported_again_stay_the_same(wijken, big_packages, tmp_path):
    assert import_hsds(big_packages[0]).ok
    before = snapshot()
    report = import_hsds(export_to(tmp_path / "all.zip", "tabular", as_zip=True))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5000)
    assert snapshot() == before


# --- another system's package ------------------------------------------------------------


def test_package_without_extension_finds_the_wijk_in_the_address(wijken, tmp_path):
    tables = foreign_tables(2)
    tables["address"][1]["region"] = ""
    tables["address"][1]["address_2"] = "moerwijk"
    tables["location"].append(
        {"id": ids("loc", 99), "location_type": "virtual", "name": "Online spreekuur"}
    )
    report = import_tables(tmp_path, tables)
    assert report.ok, report.problems
    assert (report.created, report.skipped) == (2, 1)
    first, second = Venue.objects.order_by("name")
    assert (first.area.name, second.area.name) == ("Schilderswijk", "Moerwijk")
    assert first.kind == Venue.Kind.OTHER and not first.rooms.exists()
    assert first.is_published and not first.is_demo
    assert first.managed_by == "Stichting Wijkwerk 0"
    assert first.contact_email == "zalen@wijkwerk0.example"
    assert first.accessibility_text == "Gelijkvloers"
    assert first.opening_hours.get(day=5).opens == time(10)


def test_location_whose_wijk_is_unknown_is_a_bad_row(wijken, tmp_path):
    tables = foreign_tables(3)
    tables["address"][2].update(region="Atlantis", city="Oceanië")
    report = import_tables(tmp_path, tables)
    assert problems(report) == [("addresses.csv rij 4", "region")]
    assert "Atlantis" in report.problems[0].reason
    assert not Venue.objects.exists()


def test_a_package_of_ours_without_its_extension_leaves_rooms_and_rules_alone(wijken, tmp_path):
    make_venue()
    path = export_to(tmp_path / "venues.json")
    document = json.loads(path.read_text())
    del document["wijkkracht_extension"]
    document["locations"][0]["name"] = "Buurthuis De Linde"
    path.write_text(json.dumps(document))
    report = import_hsds(path)
    assert (report.created, report.updated) == (0, 1)
    venue = Venue.objects.get()
    assert venue.name == "Buurthuis De Linde"
    assert venue.kind == Venue.Kind.COMMUNITY_CENTRE and venue.cooking
    assert venue.rooms.count() == 2 and venue.closures.count() == 1


# --- bad rows ----------------------------------------------------------------------------


def test_link_to_a_location_that_is_not_there_is_a_bad_row(wijken, tmp_path):
    tables = foreign_tables(2)
    tables["address"][1]["location_id"] = ids("loc", 404)
    report = import_tables(tmp_path, tables)
    assert ("addresses.csv rij 3", "location_id") in problems(report)
    assert not Venue.objects.exists()


def test_missing_required_field_and_column_are_named(wijken, tmp_path):
    tables = foreign_tables(2)
    tables["address"][0]["postal_code"] = ""
    report = import_hsds(write_tables(tmp_path / "one", tables))
    assert problems(report) == [("addresses.csv rij 2", "postal_code")]
    for row in tables["address"]:
        del row["postal_code"]
    report = import_hsds(write_tables(tmp_path / "two", tables))
    assert problems(report) == [("addresses.csv rij 1", "postal_code")]


def test_duplicate_ids_are_bad_rows(wijken, tmp_path):
    tables = foreign_tables(3)
    tables["schedule"][3]["id"] = tables["schedule"][0]["id"]
    report = import_tables(tmp_path, tables)
    assert problems(report) == [("schedules.csv rij 5", "id")]
    assert "schedules.csv rij 2" in report.problems[0].reason


def test_nul_bytes_and_over_long_values_never_reach_the_database(wijken, tmp_path):
    tables = foreign_tables(3)
    tables["location"][0]["name"] = "Buurt\x00kamer"
    tables["location"][1]["name"] = "x" * 151
    tables["address"][2]["postal_code"] = "2500 AA 1234"
    report = import_tables(tmp_path, tables)
    assert sorted(problems(report)) == [
        ("addresses.csv rij 4", "postal_code"),
        ("locations.csv rij 2", "name"),
        ("locations.csv rij 3", "name"),
    ]
    assert not Venue.objects.exists()


def test_bad_times_and_numbers_are_bad_rows(wijken, tmp_path):
    tables = foreign_tables(5)
    tables["schedule"][0]["opens_at"] = "9 uur"
    tables["schedule"][2].update(opens_at="18:00", closes_at="09:00")
    tables["schedule"][4]["opens_at"] = "09:00+01:00"
    tables["schedule"][6]["byday"] = "2MO"
    tables["location"][4]["longitude"] = "200"
    report = import_tables(tmp_path, tables)
    assert sorted(problems(report)) == [
        ("locations.csv rij 6", "longitude"),
        ("schedules.csv rij 2", "opens_at"),
        ("schedules.csv rij 4", "closes_at"),
        ("schedules.csv rij 6", "opens_at"),
        ("schedules.csv rij 8", "byday"),
    ]


def test_bad_extension_entry_is_named_by_its_json_path(wijken, tmp_path):
    make_venue()
    path = export_to(tmp_path / "venues.json")
    document = json.loads(path.read_text())
    entry = document["wijkkracht_extension"]["locations"][location_id("buurthuis-de-linde")]
    entry["rooms"][0]["price_hour"] = "35,00"
    document["locations"][0]["latitude"] = "noord"
    path.write_text(json.dumps(document))
    Venue.objects.all().delete()
    report = import_hsds(path)
    where = f"$.wijkkracht_extension.locations.{location_id('buurthuis-de-linde')}"
    assert sorted(problems(report)) == sorted(
        [("$.locations[0]", "latitude"), (f"{where}.rooms[0]", "price_hour")]
    )
    assert not Venue.objects.exists()


def test_unreadable_package_says_why(wijken, tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    assert "JSON" in import_hsds(tmp_path / "broken.json").problems[0].reason
    (tmp_path / "empty").mkdir()
    assert problems(import_hsds(tmp_path / "empty")) == [("datapackage.json", "")]


# --- the commands ------------------------------------------------------------------------


def test_commands_export_and_import_a_zip(wijken, tmp_path, capsys):
    make_venue()
    before = snapshot()
    call_command("export_hsds", str(tmp_path / "venues.zip"), "--zip")
    with zipfile.ZipFile(tmp_path / "venues.zip") as archive:
        assert "datapackage.json" in archive.namelist()
    Venue.objects.all().delete()
    call_command("import_hsds", str(tmp_path / "venues.zip"), "--dry-run")
    assert not Venue.objects.exists()
    call_command("import_hsds", str(tmp_path / "venues.zip"))
    assert snapshot() == before
    assert "1 nieuw" in capsys.readouterr().out


def test_import_command_prints_the_bad_rows_and_fails(wijken, tmp_path, capsys):
    tables = foreign_tables(2)
    tables["location"][1]["location_type"] = "gebouw"
    path = write_tables(tmp_path / "foreign", tables)
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_hsds", str(path))
    assert "locations.csv rij 3: location_type: onbekende waarde gebouw" in capsys.readouterr().out
    assert not Venue.objects.exists()


# --- odd files and spreadsheet formulas (issue 11) -------------------------------------


def test_a_json_file_nested_100000_deep_is_refused_with_a_reason(wijken, tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text('{"locations": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "te diep genest" in import_hsds(path).problems[0].reason
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_hsds", str(path))
    assert "te diep genest" in capsys.readouterr().out


def test_brackets_inside_names_do_not_count_as_nesting(wijken, tmp_path):
    make_venue(name='Zaal "[[[[{{{{" ' * 8)
    path = export_to(tmp_path / "venues.json")
    Venue.objects.all().delete()
    assert import_hsds(path).ok


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("https://evil.example","klik")', "-1+2", "@SUM(A1)", "+31 70", "\t=1"]
)
def test_the_tabular_export_guards_cells_a_spreadsheet_would_run(wijken, tmp_path, name):
    make_venue(name=name)
    folder = export_to(tmp_path / "package", "tabular")
    with (folder / "locations.csv").open(newline="", encoding="utf-8") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    assert names == [f"'{name}"]
    Venue.objects.all().delete()
    assert import_hsds(folder).ok
    assert Venue.objects.get().name == name  # our own guard comes off again on import
