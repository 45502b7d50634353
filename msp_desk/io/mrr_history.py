"""The ``mrr-history`` import format: ``client,month,mrr`` rows, validated as a whole file; the
MRR read in the shop's locale (``1.250,50`` for a German shop; plain ``1250.50`` anywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from msp_desk.domain.money import NotANumber, parse_money
from msp_desk.domain.values import Month
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import is_missing, raise_all, read_rows

HEADER = ("client", "month", "mrr")


@dataclass(frozen=True)
class MrrRow:
    row: int
    client: str
    month: Month
    mrr_cents: int


def parse_mrr_history(data: bytes, locale: str = "en_US", currency: str = "USD") -> list[MrrRow]:
    """Every row of the file (money read as ``locale`` writes ``currency``), or a
    ValidationError(s) naming each bad row and column."""
    rows: list[MrrRow] = []
    errors: list[ValidationError] = []
    seen: dict[tuple[str, Month], int] = {}
    for number, values in read_rows(data, HEADER):
        name = values["client"]
        if is_missing(name):  # empty, ? or NULL
            errors.append(ValidationError("client", "the client name is empty", row=number))
            continue
        try:
            month = Month.parse(values["month"])
        except ValueError:
            errors.append(
                ValidationError("month", f"{values['month']!r} is not a month like 2026-03", row=number)
            )
            continue
        try:
            cents = parse_money(values["mrr"], locale, currency)
        except NotANumber as exc:
            errors.append(ValidationError("mrr", str(exc), row=number))
            continue
        key = (" ".join(name.split()).casefold(), month)
        if key in seen:
            errors.append(
                ValidationError("month", f"{name} already has {month} on row {seen[key]}", row=number)
            )
            continue
        seen[key] = number
        rows.append(MrrRow(number, name, month, cents))
    raise_all(errors)
    if not rows:
        raise ValidationError("client", "the file has a header but no rows", row=2)
    return rows
