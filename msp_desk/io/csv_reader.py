"""Read a CSV file strictly: any encoding ``encodings`` accepts, the delimiter found from the
header (comma, semicolon or tab), exact header, every fault as ``row N, column X: reason``.

Rows are numbered as a spreadsheet shows them: the header is row 1, a blank line is a row, a
quoted cell spanning lines is one row. Cells are stripped of surrounding spaces and the
spreadsheet quote ``spreadsheet_cells`` writes is removed (``'=SUM(A1)`` reads ``=SUM(A1)``).
In an optional column ``?``, ``NULL`` and an empty cell all read as empty.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Sequence

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.encodings import CellLocator, decode_text
from msp_desk.io.spreadsheet_cells import restored

MAX_CELL_CHARS = 10_000  # far above any name or note; a longer cell is a wrong file
DELIMITERS = (",", ";", "\t")  # the first is the default when the header names none
MISSING_MARKS = frozenset({"", "?", "null"})  # compared case-insensitively
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # TAB, LF and CR are text
_LINE_END = re.compile("\r\n|\r|\n")
_SHOWN_CHARS = 80


def read_rows(
    data: bytes, header: Sequence[str], *, optional: Collection[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as a spreadsheet shows it, the row as a dict); header is row 1.
    Blank rows are skipped; empty cells past the header's width are not columns."""
    expected = tuple(header)
    text = decode_text(data, CellLocator(expected)).text
    if not text.strip():
        raise ValidationError("header", f"the file is empty; expected the header {','.join(expected)}", row=1)
    delimiter = detect_delimiter(text, expected)
    records = cell_rows(text, delimiter, expected)
    _, first = next(records)
    found = _trimmed([cell.strip() for cell in first], len(expected))
    if [name.lower() for name in found] != list(expected):
        shown_header = shown(",".join(found)) if any(found) else "(nothing)"
        raise ValidationError("header", f"expected {','.join(expected)}, found {shown_header}", row=1)
    for number, cells in records:
        values = _trimmed([restored(cell.strip()) for cell in cells], len(expected))
        if not any(value.strip() for value in values):
            continue  # blank lines are not data
        _check_width(values, expected, delimiter, number)
        yield (
            number,
            {
                name: "" if name in optional and is_missing(value) else value
                for name, value in zip(expected, values, strict=True)
            },
        )


def is_missing(value: str) -> bool:
    """Whether a cell of a required column holds nothing (empty, ``?`` or ``NULL``)."""
    return value.strip().lower() in MISSING_MARKS


def detect_delimiter(text: str, header: Sequence[str]) -> str:
    """The delimiter that splits the first line into ``header``; else the one it holds most."""
    found = _LINE_END.search(text)
    line = text[: found.start() if found else len(text)]
    for delimiter in DELIMITERS:
        names = [name.strip().strip('"').strip().lower() for name in line.split(delimiter)]
        if _trimmed(names, len(header)) == list(header):
            return delimiter
    return max(DELIMITERS, key=line.count)


def cell_rows(text: str, delimiter: str, header: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, raw cells) of ``text``; an unclosed quote, text after a closing
    quote, an over-long cell or a control character is a ValidationError at its row and column."""
    position, size, row = 0, len(text), 0
    while position < size:
        row += 1
        found = _LINE_END.search(text, position)
        end, after = (found.start(), found.end()) if found else (size, size)
        line = text[position:end]
        if '"' in line:
            cells, position = _quoted_row(text, position, delimiter, row, header)
        else:  # most rows: split at C speed, look closer only if something is off
            cells, position = line.split(delimiter), after
            if len(line) > MAX_CELL_CHARS or _CONTROL_CHARS.search(line):
                for index, cell in enumerate(cells):
                    _check_cell(cell, row, _column_name(header, row, index))
        yield row, cells


class NotPlainCsv(Exception):
    """The text holds something ``quick_cell_rows`` leaves to ``cell_rows`` (to refuse or to read
    its own way)."""


def quick_cell_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """``cell_rows`` at C speed, by the ``csv`` module: the same rows and cells for every text it
    reads; raises ``NotPlainCsv`` (possibly after some rows) where the two could differ or
    ``cell_rows`` refuses the text: a control character anywhere, a quote the strict ``csv``
    reader refuses (text or spaces after a closing quote, a quoted cell never closed) or an
    over-long cell. The caller then reads the text again with ``cell_rows``, which says where.

    A blank line is one row of no cells (``cell_rows`` gives one empty cell): both are blank."""
    if _CONTROL_CHARS.search(text) is not None:
        raise NotPlainCsv
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    long_text = len(text) > MAX_CELL_CHARS
    try:
        for row, cells in enumerate(reader, 1):
            if long_text and cells and max(map(len, cells)) > MAX_CELL_CHARS:
                raise NotPlainCsv
            yield row, cells
    except csv.Error:
        raise NotPlainCsv from None


def _quoted_row(
    text: str, position: int, delimiter: str, row: int, header: Sequence[str]
) -> tuple[list[str], int]:
    """The cells of the row starting at ``position`` (it holds a quote, so its cells may span
    lines) and the position of the next row."""
    ends = re.compile("[" + re.escape(delimiter) + "\r\n]")
    size = len(text)
    cells: list[str] = []
    while True:
        column = _column_name(header, row, len(cells))
        if text.startswith('"', position):
            cell, position = _quoted_cell(text, position, delimiter, row, column)
        else:
            found = ends.search(text, position)
            end = found.start() if found else size
            cell, position = text[position:end], end
        _check_cell(cell, row, column)
        cells.append(cell)
        if position < size and text[position] == delimiter:
            position += 1
            continue
        found = _LINE_END.match(text, position)
        return cells, found.end() if found else position


def _quoted_cell(text: str, start: int, delimiter: str, row: int, column: str) -> tuple[str, int]:
    """The cell opened by the quote at ``start`` and the position after it."""
    parts: list[str] = []
    search_from = start + 1
    while True:
        close = text.find('"', search_from)
        if close < 0:
            raise ValidationError(column, 'a quoted cell is never closed (a " is missing)', row=row)
        parts.append(text[search_from:close])
        if text.startswith('"', close + 1):  # "" is a quote inside the cell
            parts.append('"')
            search_from = close + 2
            continue
        after = close + 1
        while text.startswith(" ", after):
            after += 1
        if after < len(text) and text[after] not in (delimiter, "\r", "\n"):
            cell = "".join(parts)
            if "\n" in cell or "\r" in cell:  # it ran on past its line: its own quote is missing
                raise ValidationError(column, 'a quoted cell is never closed (a " is missing)', row=row)
            raise ValidationError(
                column,
                'a " inside a quoted cell must be doubled (""); text follows the closing quote',
                row=row,
            )
        return "".join(parts), after


def check_cell(cell: str, row: int, column: str) -> None:
    """Refuse a cell over ``MAX_CELL_CHARS`` or holding a control character (any reader's cells)."""
    _check_cell(cell, row, column)


def _check_cell(cell: str, row: int, column: str) -> None:
    if len(cell) > MAX_CELL_CHARS:
        raise ValidationError(column, f"the cell is longer than {MAX_CELL_CHARS:,} characters", row=row)
    control = _CONTROL_CHARS.search(cell)
    if control is not None:
        raise ValidationError(
            column, f"the cell holds a control character (U+{ord(control.group()):04X}); remove it", row=row
        )


def _check_width(values: list[str], header: tuple[str, ...], delimiter: str, row: int) -> None:
    width = len(header)
    if len(values) < width:
        raise ValidationError(
            header[len(values)],
            f"the cell is missing (expected {width} columns, found {len(values)})",
            row=row,
        )
    if len(values) > width:
        hint = {",": "a comma", ";": "a semicolon"}.get(delimiter)
        why = f"; {hint} inside a cell needs quotes around the cell" if hint else ""
        raise ValidationError(
            str(width + 1), f"one cell too many (expected {width} columns, found {len(values)}){why}", row=row
        )


def _column_name(header: Sequence[str], row: int, index: int) -> str:
    """How a message names a cell's column: ``header`` on row 1, else the header's name."""
    if row == 1:
        return "header"
    return header[index] if index < len(header) else str(index + 1)


def _trimmed(cells: list[str], width: int) -> list[str]:
    """``cells`` without the blank ones past ``width`` (spreadsheets leave empty columns)."""
    end = len(cells)
    while end > width and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def shown(text: str) -> str:
    """``text`` fit to show in a message: control characters escaped, cut at 80 characters."""
    visible = _CONTROL_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\t", "\\t"))
    return visible if len(visible) <= _SHOWN_CHARS else visible[: _SHOWN_CHARS - 1] + "…"


def raise_all(errors: list[ValidationError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)
