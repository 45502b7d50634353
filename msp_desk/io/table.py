"""A file read as a table of text, whatever it was (CSV in any encoding and delimiter, or an
XLSX sheet): its header, and its rows numbered as a spreadsheet shows them.

The import kinds read a ``Table`` only, so a CSV and an XLSX go through the same mapping code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from msp_desk.collector import collector_paused
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import (
    MISSING_MARKS,
    NotPlainCsv,
    cell_rows,
    detect_delimiter,
    quick_cell_rows,
    shown,
)
from msp_desk.io.encodings import WholeFileError, decode_text
from msp_desk.io.spreadsheet_cells import QUOTE, restored

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an XLSX encrypted with a password


@dataclass(frozen=True)
class Table:
    """``header``: the first row's cells (stripped); ``rows``: (row number, cells) for every
    row that is not blank, each as wide as the header (short rows padded with empty cells)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def column(self, name: str) -> int | None:
        """The position of the column called ``name`` (ignoring case and surrounding spaces)."""
        wanted = " ".join(name.split()).casefold()
        for index, found in enumerate(self.header):
            if " ".join(found.split()).casefold() == wanted:
                return index
        return None


def is_empty(value: str) -> bool:
    """A cell that holds nothing: empty, ``?`` or ``NULL`` (exports write both for "no value")."""
    return value.strip().lower() in MISSING_MARKS


def read_table(data: bytes, *, sheet: str | None = None) -> Table:
    """The table in ``data``: an XLSX workbook's sheet (``sheet``, else the first) or CSV text."""
    if data.startswith(ZIP_SIGNATURE) or data.startswith(OLE_SIGNATURE):
        from msp_desk.io.xlsx_reader import read_sheet  # openpyxl loads only for a workbook

        return read_sheet(data, sheet)
    if sheet is not None:
        raise WholeFileError(
            "file", f"--sheet {sheet} was given but the file is CSV text, not a workbook", row=1
        )
    return csv_table(data)


def sheets_of(data: bytes) -> tuple[str, ...]:
    """The sheet names of an XLSX workbook (unsafe ones refused as ``read_table`` does); none
    for CSV text."""
    if data.startswith(ZIP_SIGNATURE) or data.startswith(OLE_SIGNATURE):
        from msp_desk.io.xlsx_reader import sheet_names

        return sheet_names(data)
    return ()


def csv_table(data: bytes) -> Table:
    """The table of a CSV file: encoding and delimiter detected, cells stripped and the
    spreadsheet quote of a formula-like cell removed."""
    text = decode_text(data).text
    if not text.strip():
        raise WholeFileError("file", "the file is empty", row=1)
    delimiter = detect_delimiter(text, ())
    quoted = QUOTE in text  # else no cell can start with the spreadsheet quote
    with collector_paused():  # rows are acyclic: the collector would only scan them over and over
        try:  # most files: read by the csv module
            records = quick_cell_rows(text, delimiter)
            header = _header(records)
            return Table(header, _rows(records, header, quoted))
        except NotPlainCsv:  # read again cell by cell, to refuse it at its row and column
            header = _header(cell_rows(text, delimiter, ()))
            return Table(header, _rows(cell_rows(text, delimiter, header), header, quoted))


def _header(records: Iterator[tuple[int, list[str]]]) -> tuple[str, ...]:
    _, first = next(records)
    return trimmed_header([cell.strip() for cell in first])


def _rows(
    records: Iterator[tuple[int, list[str]]], header: tuple[str, ...], quoted: bool
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The data rows of ``records`` (row 1, the header, left out): cells stripped, blank rows
    skipped, each as wide as ``header``."""
    rows = []
    width = len(header)
    for number, cells in records:
        if number == 1:
            continue
        values = list(map(str.strip, cells))
        if quoted:
            values = [restored(value) for value in values]
        if not any(values):
            continue  # blank lines are not data
        rows.append((number, tuple(values) if len(values) == width else fit(values, header, number)))
    return tuple(rows)


def trimmed_header(cells: list[str]) -> tuple[str, ...]:
    """The header without the empty cells spreadsheets leave at its end; an empty header or
    a name given twice is refused (a column must be named once to be mapped)."""
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        raise ValidationError("header", "the first row is empty; it must name the columns", row=1)
    seen: set[str] = set()
    for cell in cells:
        key = " ".join(cell.split()).casefold()
        if key and key in seen:
            raise ValidationError("header", f"the column {shown(cell)!r} is named twice", row=1)
        seen.add(key)
    return tuple(cells)


def fit(values: list[str], header: tuple[str, ...], row: int) -> tuple[str, ...]:
    """``values`` as wide as ``header``: padded with empty cells, or refused when a cell past
    the header holds something (a delimiter inside an unquoted cell)."""
    width = len(header)
    extra = [value for value in values[width:] if value]
    if extra:
        raise ValidationError(
            str(width + 1),
            f"a cell past the last named column holds {shown(extra[0])!r} (a delimiter inside a cell "
            "needs quotes around the cell)",
            row=row,
        )
    return tuple(values[:width]) + ("",) * (width - len(values[:width]))
