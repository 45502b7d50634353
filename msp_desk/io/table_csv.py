"""Write an exported table as CSV text: money as plain decimals (``1250.00``, what the importers
read in every locale), dates ISO, booleans ``yes``/``no``, every cell safe in a spreadsheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from msp_desk.domain.values import cents_to_decimal_text
from msp_desk.io.columns import NO, YES, Column, ColumnType
from msp_desk.io.spreadsheet_cells import csv_text

NUMERIC_TYPES = frozenset({ColumnType.WHOLE, ColumnType.MONEY, ColumnType.HUNDREDTHS})


def cell_text(value: object, kind: ColumnType) -> str:
    """The CSV text of one value of a column of type ``kind`` (``None`` is empty)."""
    if value is None:
        return ""
    if kind in (ColumnType.MONEY, ColumnType.HUNDREDTHS) and isinstance(value, int):
        return cents_to_decimal_text(value)  # cents (or basis points) as hundredths
    if kind == ColumnType.YES_NO:
        return YES if value else NO
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_csv(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (header = the column names, CRLF) of ``rows`` given in ``columns`` order."""
    kinds = [column.type for column in columns]
    numeric = {column.name for column in columns if column.type in NUMERIC_TYPES}
    texts = ([cell_text(v, k) for v, k in zip(row, kinds, strict=True)] for row in rows)
    return csv_text([column.name for column in columns], texts, numeric)
