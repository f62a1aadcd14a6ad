from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, StringConstraints

from .forms import LINE_BREAKS


class ErrorOut(Schema):
    """Every API error: a message in the caller's language, and details where useful."""

    detail: str
    errors: list | None = None


def _refuse_bad_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text holds a NUL character")
    return value


def _refuse_line_breaks(value: str) -> str:
    if any(mark in value for mark in LINE_BREAKS):
        raise ValueError("write this on one line")
    return value


# The same rules as patterns, so the OpenAPI document tells clients (and the API fuzzer)
# what is refused, instead of refusing input the document calls valid.
ONE_LINE_PATTERN = "^[^\x00" + "".join(LINE_BREAKS) + "]*$"
NO_NUL_PATTERN = "^[^\x00]*$"


def single_line(max_length: int = 200):
    """A schema field for a name or title: one line, no NUL, at most max_length (422 beyond,
    never a silent cut)."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=ONE_LINE_PATTERN),
        AfterValidator(_refuse_bad_text),
        AfterValidator(_refuse_line_breaks),
    ]


def text(max_length: int = 20_000):
    """A schema field for longer text: line breaks allowed, no NUL, at most max_length."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=NO_NUL_PATTERN),
        AfterValidator(_refuse_bad_text),
    ]
