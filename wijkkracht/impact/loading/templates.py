"""Questionnaire templates from content/impact/templates.yaml: statements linked to
effects, with their text in the five languages; and the answer scales."""

from functools import cache

from django.utils.translation import gettext as _

from wijkkracht.core.content import CONTENT_DIR, read_yaml

TEMPLATES_FILE = CONTENT_DIR / "impact" / "templates.yaml"


@cache
def catalogue() -> dict:
    return read_yaml(TEMPLATES_FILE) or {}


def templates() -> list[dict]:
    return catalogue().get("templates", [])


def label(texts: dict | str, language: str, name: str = "") -> str:
    """A text in the language asked for, else Dutch; {naam} becomes the organisation."""
    text = texts if isinstance(texts, str) else texts.get(language) or texts.get("nl", "")
    return text.replace("{naam}", name)


def scale_labels() -> list[tuple[str, str]]:
    return [
        ("1", _("Helemaal oneens")),
        ("2", _("Oneens")),
        ("3", _("Niet eens, niet oneens")),
        ("4", _("Eens")),
        ("5", _("Helemaal eens")),
        ("dk", _("Weet niet")),
    ]


def yes_no_labels() -> list[tuple[str, str]]:
    return [("yes", _("Ja")), ("no", _("Nee"))]
