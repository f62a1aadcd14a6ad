"""Reading content files under content/: one place that turns a bad file into a clear error."""

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import CommandError

CONTENT_DIR = settings.BASE_DIR / "content"


class ContentError(CommandError):
    """A content file that cannot be loaded; the message names the file and the reason."""


def read_yaml(path: Path | str):
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise ContentError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc


def unwrap(value) -> str:
    """Text as written in a content file, with the file's line wrapping undone: a single
    line break joins, an empty line starts a new paragraph."""
    if value in (None, ""):
        return ""
    return re.sub(r"(?<!\n)\n(?!\n)", " ", str(value).strip())
