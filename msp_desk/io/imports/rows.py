"""What every import kind shares: the options of a run, the record a row becomes, and the
readers of plain cells (one-line text, whole numbers, yes/no, choices) that collect a
``row N, column X: reason`` for each bad cell instead of stopping at the first: row by row
(``RowReader``) or, for big files, a field over every row at once (``ColumnReader``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from typing import Any, TypeVar

from msp_desk.domain import rules
from msp_desk.domain.money import NotANumber, parse_money, parse_whole
from msp_desk.errors import ValidationError
from msp_desk.io.imports.cells import NotAValue, parse_verdict
from msp_desk.io.imports.dates import DateOrder, NotADate, parse_date, parse_datetime, plain_iso
from msp_desk.io.imports.mapping import Cell, FieldCells

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


@dataclass(slots=True)
class ImportRecord:
    """One row (or, for an event log, one ticket's last row) as canonical values. ``values``
    holds only the fields the row gives (an empty cell changes nothing on a matched record);
    ``columns`` names the file's column of each field, for messages."""

    row: int
    values: dict[str, Any]
    columns: Mapping[str, str] = field(default_factory=dict)  # may be shared by many records

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


_FAULTS = (ValidationError, NotADate, NotAValue, NotANumber, ValueError)  # a cell's reason, not a bug


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, ValidationError) else str(exc)


class ColumnReader:
    """``RowReader`` a field at a time: each method reads one field over every row and stores
    its values (None: empty or bad), then ``records`` gives each row's record and ``errors``
    every fault, in the order ``RowReader``, row by row, would have found them.

    ``fields``: each mapped field's cells (``ColumnMap.cells_of``); ``numbers``: the rows' numbers."""

    def __init__(self, numbers: Sequence[int], fields: Mapping[str, FieldCells]) -> None:
        self.numbers = numbers
        self.fields = fields
        self.values: dict[str, list[Any]] = {}  # field -> its value on each row, in reading order
        self._faults: list[tuple[int, int, ValidationError]] = []  # (row index, step, error)
        self._step = 0  # the calls so far: a row's faults come in the order of the calls
        self._empty = [""] * len(numbers)

    def texts(self, name: str) -> list[str]:
        cells = self.fields.get(name)
        return cells.texts if cells is not None else self._empty

    def has(self, name: str, k: int) -> bool:
        return bool(self.texts(name)[k])

    def column(self, name: str, k: int) -> str:
        cells = self.fields.get(name)
        return cells.column_at(k) if cells is not None else name

    def fail(self, name: str, k: int, reason: str) -> None:
        """Row k's ``name`` is wrong (at the current step: see ``step``)."""
        error = ValidationError(self.column(name, k), reason, row=self.numbers[k])
        self._faults.append((k, self._step, error))

    def step(self) -> None:
        """The next faults come after those so far on each row."""
        self._step += 1

    def require(self, name: str, reason: str) -> None:
        """Every row where ``name`` is empty is wrong: ``reason``."""
        self.step()
        for k, text in enumerate(self.texts(name)):
            if not text:
                self.fail(name, k, reason)

    def set(self, name: str, values: list[Any]) -> None:
        """Every row's ``name`` given, not read (None: none)."""
        self.values[name] = values

    def take(
        self,
        name: str,
        parse: Callable[[str], T],
        *,
        repeated: bool = False,
        quick: Callable[[str], T | None] | None = None,
    ) -> list[T | None]:
        """The field parsed on every row, stored; None where empty or bad (then reported).
        ``repeated``: the field holds few distinct texts (a client, a priority), so each is
        parsed once and rows share the value. ``quick``: reads the common shape of the field
        (None for any other text, then ``parse`` reads it), tried on every row first."""
        self.step()
        texts = self.texts(name)
        values: list[T | None]
        if name not in self.fields:  # no column: no row gives it
            values = [None] * len(texts)
        elif quick is not None:
            values = list(map(quick, texts))
            if values.count(None) > texts.count(""):  # some text is not in the quick shape
                for k, text in enumerate(texts):
                    if text and values[k] is None:
                        try:
                            values[k] = parse(text)
                        except _FAULTS as exc:
                            self.fail(name, k, _reason(exc))
        elif repeated:
            parsed: dict[str, T] = {}
            faults: dict[str, str] = {}
            for text in set(texts):
                if text:
                    try:
                        parsed[text] = parse(text)
                    except _FAULTS as exc:
                        faults[text] = _reason(exc)
            values = list(map(parsed.get, texts))
            if faults:
                for k, text in enumerate(texts):
                    if text in faults:
                        self.fail(name, k, faults[text])
        else:
            values = [None] * len(texts)
            for k, text in enumerate(texts):
                if text:
                    try:
                        values[k] = parse(text)
                    except _FAULTS as exc:
                        self.fail(name, k, _reason(exc))
        self.values[name] = values
        return values

    def text(
        self,
        name: str,
        max_len: int = rules.NAME_MAX,
        *,
        required: bool = False,
        said: str = "",
        repeated: bool = False,
    ) -> list[str | None]:
        if required:
            self.require(name, f"the {said or name.replace('_', ' ')} is empty")

        def one_line(text: str) -> str:
            rules.one_line(text, name, max_len)
            return text

        return self.take(name, one_line, repeated=repeated)

    def whole(self, name: str, locale: str) -> list[int | None]:
        return self.take(name, lambda text: parse_whole(text, locale), repeated=True)

    def verdict(self, name: str) -> list[bool | None]:
        return self.take(name, parse_verdict, repeated=True)

    def moment(self, name: str, order: Callable[[], DateOrder | None]) -> list[dt.datetime | None]:
        """The field's times; ``order`` gives the file's day-month order, asked only when a
        text is not plain ISO (finding it reads every date of the file)."""
        return self.take(name, lambda text: parse_datetime(text, order()), quick=plain_iso)

    def records(self) -> Iterator[ImportRecord]:
        """Each row's record: the values read on it (in reading order), the columns it read."""
        read = {name: values for name, values in self.values.items() if values.count(None) < len(values)}
        names = tuple(read)  # the fields some row gives (a field no row gives is in no record)
        shared = {name: cells.column for name, cells in self.fields.items()}
        varying = [(name, cells.columns) for name, cells in self.fields.items() if cells.columns is not None]
        rows = zip(*read.values(), strict=True) if read else repeat((), len(self.numbers))
        for k, (number, values) in enumerate(zip(self.numbers, rows, strict=True)):
            columns = shared
            if varying:
                columns = {**shared, **{name: each[k] for name, each in varying}}
            if None in values:
                given = {name: value for name, value in zip(names, values, strict=True) if value is not None}
            else:  # a row with every field: most rows of most files
                given = dict(zip(names, values, strict=True))
            yield ImportRecord(number, given, columns)

    def errors(self) -> list[ValidationError]:
        """Every fault found, row by row, each row's in the order they were looked for."""
        return [error for _, _, error in sorted(self._faults, key=lambda fault: fault[:2])]


def date_cells(rows: Sequence[dict[str, Cell]], names: Sequence[str]) -> list[str]:
    """The texts of the date fields ``names`` over every row (to find the file's day order)."""
    return [cells[name].text for cells in rows for name in names if name in cells]
