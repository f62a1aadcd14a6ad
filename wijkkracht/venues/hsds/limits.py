"""Our database's limits: a value that would not fit is a bad field, never a cut-off one."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext as _

from .report import Report

CENTS = Decimal("0.01")
COORDINATE = Decimal("0.00001")


def fitting(
    report: Report, where: str, field: str, value: str, model: type[models.Model], model_field: str
) -> str:
    """value, after telling report when it is longer than model_field may hold."""
    limit = model._meta.get_field(model_field).max_length
    if limit and len(value) > limit:
        report.add(
            where,
            field,
            _("te lang: %(length)d tekens, hoogstens %(limit)d")
            % {"length": len(value), "limit": limit},
        )
    return value


def coordinate(value) -> Decimal | None:
    """A checked latitude or longitude, rounded to the five decimals we keep (about 1 m)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(COORDINATE, rounding=ROUND_HALF_UP)


def money(report: Report, where: str, field: str, value) -> Decimal | None:
    """An amount in euros with at most two decimals; schema.json has checked its range."""
    if value is None:
        return None
    amount = Decimal(str(value))
    if amount != amount.quantize(CENTS):
        report.add(where, field, _("geen geldig bedrag: hoogstens twee cijfers na de punt"))
    return amount.quantize(CENTS)
