"""What each app holds about a person, and what happens to it when she deletes her account.

Apps fill this registry in their AppConfig.ready(), so the account pages in `accounts`
need to know no other app: her data export is every app's part together, and deleting
her account runs every app's step. Each field that points at the user is either named by
the part that exports it or declared not personal, with the reason
(tests/accounts/test_own_data.py fails on a field that is neither).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Export = Callable[[Any], dict]
Erase = Callable[[Any, Mapping[str, str]], None]


@dataclass(frozen=True)
class HandOver:
    """Something she alone holds and must hand over before her account goes: a form field
    with the people who could take over, or, when nobody can, a notice of what goes too."""

    field: str
    label: str
    choices: list[tuple[str, str]]
    notice: str = ""


class HandOverFailed(Exception):
    """The hand-over she chose is no longer possible (someone left meanwhile): nothing was
    deleted, and she chooses again."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Part:
    """One app's part of a person's data.

    `fields` names each "app_label.Model.field" that points at her (or holds her address),
    `export` gives plain data under its own keys, `erase` runs in the transaction that
    deletes her account, before her row goes (fields set to NULL or deleted by the foreign
    key itself need no step), `hand_overs` asks what must be handed over first.
    """

    name: str
    fields: tuple[str, ...]
    export: Export
    erase: Erase | None = None
    hand_overs: Callable[[Any], list[HandOver]] | None = None


_parts: dict[str, Part] = {}
_not_personal: dict[str, str] = {}


def register(
    name: str,
    *,
    fields: tuple[str, ...],
    export: Export,
    erase: Erase | None = None,
    hand_overs: Callable[[Any], list[HandOver]] | None = None,
) -> None:
    """Add an app's part; registering the same name again replaces it (ready() may run
    twice in tests)."""
    _parts[name] = Part(name, tuple(fields), export, erase, hand_overs)


def not_personal(field_label: str, why: str) -> None:
    """Declare a field pointing at the user that the export leaves out on purpose."""
    _not_personal[field_label] = why


def parts() -> list[Part]:
    return list(_parts.values())


def accounted_for() -> dict[str, str]:
    """Every declared field, with the part that exports it or why it is left out."""
    found = {label: f"left out: {why}" for label, why in _not_personal.items()}
    for part in _parts.values():
        for label in part.fields:
            found[label] = part.name
    return found


def export_for(user) -> dict:
    """Everything every app holds about her, as plain data."""
    data: dict = {}
    for part in _parts.values():
        exported = part.export(user)
        clash = data.keys() & exported.keys()
        if clash:
            raise ValueError(f"{part.name} exports keys another part has: {sorted(clash)}")
        data.update(exported)
    return data


def hand_overs_for(user) -> list[HandOver]:
    return [h for part in _parts.values() if part.hand_overs for h in part.hand_overs(user)]


def erase(user, choices: Mapping[str, str]) -> None:
    """Run every app's step for her deletion; call inside the deleting transaction."""
    for part in _parts.values():
        if part.erase:
            part.erase(user, choices)


def plain(rows, *fields: str) -> list[dict]:
    """Rows as plain data for an export: `rows.values(*fields)` with dates as ISO text."""
    return [
        {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row}
        for row in (row.items() for row in rows.values(*fields))
    ]
