"""What an import found: the bad rows with their reasons, or what it created and updated."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Problem:
    where: str  # file and row ("locations.csv rij 5") or JSON path ("$.locations[4]")
    field: str
    reason: str

    def __str__(self) -> str:
        if self.field:
            return f"{self.where}: {self.field}: {self.reason}"
        return f"{self.where}: {self.reason}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    dry_run: bool = False
    _seen: set[Problem] = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, where: str, field_name: str, reason: str) -> None:
        problem = Problem(where, field_name, reason)
        # One organisation's bad name would otherwise be told once for each of its venues.
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def summary(self) -> str:
        if not self.ok:
            return ngettext(
                "Niets geïmporteerd: %(count)d probleem.",
                "Niets geïmporteerd: %(count)d problemen.",
                len(self.problems),
            ) % {"count": len(self.problems)}
        counts = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        text = (
            _(
                "%(created)d nieuw, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd, "
                "%(skipped)d overgeslagen (geen gebouw)."
            )
            % counts
        )
        if self.dry_run:
            return _("Proef, niets opgeslagen: %(text)s") % {"text": text}
        return _("Geïmporteerd: %(text)s") % {"text": text}
