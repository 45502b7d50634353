"""Write exported tables as an XLSX workbook (bytes), one sheet a table: the header bold and
frozen, the columns as wide as their text, money and numbers as numbers, dates as real dates, and
every text cell a string, never a formula or an error value, whatever it starts with."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from msp_desk.io.columns import NO, YES, Column, ColumnType
from msp_desk.io.spreadsheet_cells import needs_quote

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
PERCENT_FORMAT = "0.00"
MAX_WIDTH = 60  # characters: a long note wraps the sheet no wider than this
_BOLD = Font(bold=True)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table to write: its sheet's title, its columns, and its rows in column order."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]


def money_format(digits: int) -> str:
    """The number format of an amount with ``digits`` decimals (``#,##0.00`` for cents)."""
    return "#,##0" if digits == 0 else "#,##0." + "0" * digits


def xlsx_bytes(sheets: Sequence[Sheet], money_digits: int = 2) -> bytes:
    """The workbook holding ``sheets``, as the bytes of an .xlsx file; money (in cents) shown
    with ``money_digits`` decimals."""
    book = Workbook(write_only=True)  # rows streamed out: 100,000 tickets stay small in memory
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title), sheet, money_format(money_digits))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(ws: WriteOnlyWorksheet, sheet: Sheet, money: str) -> None:
    kinds = [column.type for column in sheet.columns]
    ws.freeze_panes = "A2"
    # widths go before the rows in the file, so they are fitted first
    # (set by ``_setup`` at runtime, as openpyxl documents for write-only sheets; the stubs miss it)
    dimensions = ws.column_dimensions  # type: ignore[attr-defined]
    for at, width in enumerate(_widths(sheet), start=1):
        dimensions[get_column_letter(at)].width = width
    ws.append([_text_cell(ws, column.name, bold=True) for column in sheet.columns])
    for row in sheet.rows:
        ws.append([_cell(ws, value, kind, money) for value, kind in zip(row, kinds, strict=True)])


def _cell(ws: WriteOnlyWorksheet, value: object, kind: ColumnType, money: str) -> Cell | None:
    if value is None:
        return None
    if kind in (ColumnType.MONEY, ColumnType.HUNDREDTHS) and isinstance(value, int):
        cell = WriteOnlyCell(ws)
        cell.value = Decimal(value).scaleb(-2)  # exact: 125000 -> 1250.00
        cell.number_format = money if kind == ColumnType.MONEY else PERCENT_FORMAT
        return cell
    if kind == ColumnType.YES_NO:
        return _text_cell(ws, YES if value else NO)
    if isinstance(value, dt.date):  # a datetime too
        cell = WriteOnlyCell(ws)
        cell.value = value
        cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        return cell
    if kind == ColumnType.WHOLE and isinstance(value, int):
        return WriteOnlyCell(ws, value=value)
    return _text_cell(ws, str(value))


def _text_cell(ws: WriteOnlyWorksheet, text: str, *, bold: bool = False) -> Cell:
    """A string cell: openpyxl would write ``=...`` as a formula and ``#N/A`` as an error."""
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    if needs_quote(text):
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too
    if bold:
        cell.font = _BOLD
    return cell


def _widths(sheet: Sheet) -> list[float]:
    """Each column's width in characters: its longest header or value (first lines), capped."""
    widths = [len(column.name) for column in sheet.columns]
    for row in sheet.rows:
        for at, value in enumerate(row):
            if value is not None:
                shown = len(str(value).split("\n", 1)[0])
                if shown > widths[at]:
                    widths[at] = shown
    return [min(width, MAX_WIDTH) + 2 for width in widths]
