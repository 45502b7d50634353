"""What every import kind shares: the options of a run, the record a row becomes, and the
readers of plain cells (one-line text, whole numbers, yes/no, choices) that collect a
``row N, column X: reason`` for each bad cell instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from msp_desk.domain import rules
from msp_desk.domain.money import NotANumber, parse_money, parse_whole
from msp_desk.errors import ValidationError
from msp_desk.io.imports.cells import NotAValue, parse_verdict
from msp_desk.io.imports.dates import DateOrder, NotADate, parse_date, parse_datetime
from msp_desk.io.imports.mapping import Cell

T = TypeVar("T")


@dataclass(frozen=True)
class ImportOptions:
    """How a file is read: ``dates`` settles day-month order, ``locale`` reads numbers and
    ``currency`` amounts (the shop's), ``client`` puts every row on that client (a per-client
    export)."""

    dates: DateOrder | None = None
    locale: str = "en_US"
    client: str | None = None
    currency: str = "USD"


@dataclass
class ImportRecord:
    """One row (or, for an event log, one ticket's last row) as canonical values. ``values``
    holds only the fields the row gives (an empty cell changes nothing on a matched record);
    ``columns`` names the file's column of each field, for messages."""

    row: int
    values: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def error(self, name: str, reason: str) -> ValidationError:
        return ValidationError(self.column(name), reason, row=self.row)


class RowReader:
    """Reads the cells of one row into an ``ImportRecord``, collecting every fault in ``errors``."""

    def __init__(self, row: int, cells: dict[str, Cell], errors: list[ValidationError]) -> None:
        self.record = ImportRecord(row, {}, {name: cell.column for name, cell in cells.items()})
        self.cells = cells
        self.errors = errors

    def has(self, name: str) -> bool:
        return name in self.cells and bool(self.cells[name].text)

    def fail(self, name: str, reason: str) -> None:
        self.errors.append(self.record.error(name, reason))

    def take(self, name: str, parse: Callable[[str], T]) -> T | None:
        """The field parsed, stored in the record; None when empty or bad (then reported)."""
        if not self.has(name):
            return None
        try:
            value = parse(self.cells[name].text)
        except (ValidationError, NotADate, NotAValue, NotANumber, ValueError) as exc:
            self.fail(name, exc.reason if isinstance(exc, ValidationError) else str(exc))
            return None
        self.record.values[name] = value
        return value

    def text(
        self, name: str, max_len: int = rules.NAME_MAX, *, required: bool = False, said: str = ""
    ) -> str | None:
        if required and not self.has(name):
            self.fail(name, f"the {said or name.replace('_', ' ')} is empty")
            return None

        def one_line(text: str) -> str:
            rules.one_line(text, name, max_len)
            return text

        return self.take(name, one_line)

    def note(self, name: str) -> str | None:
        def checked(text: str) -> str:
            rules.note(text, name)
            return text

        return self.take(name, checked)

    def whole(self, name: str, locale: str) -> int | None:
        return self.take(name, lambda text: parse_whole(text, locale))

    def money(self, name: str, options: ImportOptions) -> int | None:
        """An amount in cents, read in the shop's locale and currency (never negative)."""
        return self.take(name, lambda text: int(parse_money(text, options.locale, options.currency)))

    def verdict(self, name: str) -> bool | None:
        return self.take(name, parse_verdict)

    def choice(self, name: str, choices: type[StrEnum]) -> str | None:
        allowed = {member.value: member.value for member in choices}

        def known(text: str) -> str:
            value = text.strip().lower()
            if value not in allowed:
                raise NotAValue(f"{text!r} is not one of {', '.join(allowed)}")
            return value

        return self.take(name, known)

    def day(self, name: str, order: DateOrder | None) -> dt.date | None:
        return self.take(name, lambda text: parse_date(text, order))

    def moment(self, name: str, order: DateOrder | None) -> dt.datetime | None:
        return self.take(name, lambda text: parse_datetime(text, order))


def date_cells(rows: Sequence[dict[str, Cell]], names: Sequence[str]) -> list[str]:
    """The texts of the date fields ``names`` over every row (to find the file's day order)."""
    return [cells[name].text for cells in rows for name in names if name in cells]
