"""What a place costs a group: rent and the costs around it, per month and per year.

For a subsidy application or a talk with a landlord: know the costs before you ask.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .matching import euros

CENT = Decimal("0.01")
MONTHS = 12


@dataclass
class CostLine:
    label: str
    per_month: Decimal
    per_year: Decimal
    note: str = ""


@dataclass
class CostOverview:
    """Running costs count every month; one-off costs (renovation, furniture, a deposit)
    count once in the year and show per month as a twelfth."""

    title: str = ""
    rent_per_session: Decimal = Decimal(0)
    sessions_per_month: Decimal = Decimal(0)
    rent_per_month: Decimal | None = None  # known monthly rent, e.g. from a search match
    insurance_per_year: Decimal = Decimal(0)
    energy_per_month: Decimal = Decimal(0)
    other_per_month: Decimal = Decimal(0)
    one_off: Decimal = Decimal(0)

    @property
    def rent(self) -> Decimal:
        if self.rent_per_month is not None:
            return self.rent_per_month
        return self.rent_per_session * self.sessions_per_month

    def lines(self) -> list[CostLine]:
        rent_note = (
            ""
            if self.rent_per_month is not None
            else _("€ %(price)s per keer × %(times)s keer per maand")
            % {"price": _money(self.rent_per_session), "times": _number(self.sessions_per_month)}
        )
        return [
            _monthly(_("Huur"), self.rent, rent_note),
            CostLine(
                _("Verzekering"),
                _round(self.insurance_per_year / MONTHS),
                _round(self.insurance_per_year),
            ),
            _monthly(_("Energie en water"), self.energy_per_month),
            _monthly(_("Andere vaste kosten"), self.other_per_month),
            CostLine(
                _("Verbouwing en andere eenmalige kosten"),
                _round(self.one_off / MONTHS),
                _round(self.one_off),
                _("eenmalig, per maand verdeeld over een jaar"),
            ),
        ]

    @property
    def per_year(self) -> Decimal:
        return sum((line.per_year for line in self.lines()), Decimal(0))

    @property
    def per_month(self) -> Decimal:
        return _round(self.per_year / MONTHS)


def _monthly(label: str, per_month: Decimal, note: str = "") -> CostLine:
    return CostLine(label, _round(per_month), _round(per_month * MONTHS), note)


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _money(amount: Decimal) -> str:
    return euros(_round(amount))


def _number(amount: Decimal) -> str:
    return number_format(amount.normalize(), use_l10n=True)
