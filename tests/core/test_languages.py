"""Five languages: every UI string translated, chosen from the browser, remembered."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE = settings.BASE_DIR / "wijkkracht" / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code: str):
    with open(LOCALE / code / "LC_MESSAGES" / "django.po", "rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_ui_string_is_translated(code):
    missing = [
        m.id
        for m in catalogue(code)
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code):
    pattern = re.compile(r"%\(\w+\)s|<\w+>")
    for message in catalogue(code):
        if message.id and isinstance(message.id, str):
            assert sorted(pattern.findall(message.id)) == sorted(pattern.findall(message.string)), (
                f"{code}: {message.id!r}"
            )


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalogue_says_it_awaits_review(code):
    header = (LOCALE / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "X-Translation-Status: machine-drafted, needs review" in header


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext to extract")
def test_no_ui_string_is_missing_from_the_catalogues(tmp_path):
    """Extract the strings from the code now and compare: a new string without a
    translation fails here."""
    source = settings.BASE_DIR / "wijkkracht"
    work = tmp_path / "wijkkracht"
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (work / "locale").mkdir()
    subprocess.run(
        [
            str(Path(settings.BASE_DIR) / ".venv" / "bin" / "django-admin"),
            "makemessages",
            "-l",
            "en",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    with open(work / "locale" / "en" / "LC_MESSAGES" / "django.po", "rb") as fh:
        extracted = {m.id for m in read_po(fh) if m.id}
    known = {m.id for m in catalogue("en") if m.id}
    missing = extracted - known
    assert not missing, f"not in the catalogues yet (run make messages): {missing}"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("ar,en;q=0.5", "ar"),
        ("tr-TR", "tr"),
        ("bg", "bg"),
        ("en-GB", "en"),
        ("fr", "nl"),
    ],
)
def test_the_first_visit_follows_the_browser(client, db, accept, expected):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{expected}"' in page


def test_arabic_reads_right_to_left_with_translated_navigation(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page
    assert ">Organisaties<" not in page


@pytest.mark.parametrize("code", ["nl", "en", "ar", "tr", "bg"])
def test_the_switch_is_remembered(client, db, code):
    response = client.post("/taal/", {"language": code, "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'<html lang="{code}"' in page


def test_the_switch_is_saved_on_her_account(client, member):
    client.force_login(member)
    client.post("/taal/", {"language": "bg", "next": "/"})
    member.refresh_from_db()
    assert member.language == "bg"


def test_an_unknown_language_is_ignored(client, member):
    client.force_login(member)
    client.post("/taal/", {"language": "xx", "next": "/"})
    member.refresh_from_db()
    assert member.language == ""
