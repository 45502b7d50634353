"""Read one sheet of an XLSX workbook as a ``Table`` of text, after refusing what is not safe to
open: a zip bomb, external links, macros, an encrypted or damaged file.

The checks run on the zip's directory before openpyxl opens anything (openpyxl parses the XML
with defusedxml, installed beside it, so entity tricks are refused too). Cells become the text a
CSV export would hold: dates ISO (``2025-03-04`` or ``2025-03-04 09:15:00``), numbers plain
(``1250.5``, ``12``; 15 significant digits, as Excel keeps them, so no float artefacts), booleans
``true``/``false``, a formula its saved value (a formula without one is refused: there is no
value to import).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import check_cell, raise_all, shown
from msp_desk.io.encodings import WholeFileError
from msp_desk.io.table import OLE_SIGNATURE, Table, fit, trimmed_header

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # the sum of every part once unpacked
MAX_RATIO = 100  # unpacked / packed of one part: sheet XML packs 10-30x, a bomb 1000x
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may pack as they like
MAX_COLUMNS = 1_000
MACRO_CONTENT = "macroEnabled"  # in [Content_Types].xml of .xlsm/.xltm/.xlam workbooks


def refused(why: str) -> WholeFileError:
    return WholeFileError("file", f"this workbook cannot be imported: {why}", row=1)


def check_workbook(data: bytes) -> None:
    """Refuse an unsafe or unreadable workbook, reading only the zip's directory and its
    content types."""
    if data.startswith(OLE_SIGNATURE):
        raise refused(
            "it is encrypted with a password or is an old .xls file; save it as an .xlsx "
            "workbook without a password, or as CSV"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refused("it is damaged or not an Excel workbook; save it again as .xlsx or CSV") from None
    with archive:
        total = 0
        for part in parts:
            name = part.filename
            if part.flag_bits & 0x1:
                raise refused("it is encrypted; save it without a password")
            if name.lower().startswith("xl/externallinks/"):
                raise refused(
                    "it links to other workbooks (external links); paste the values and save it again"
                )
            if name.lower().endswith("vbaproject.bin"):
                raise refused("it contains macros; save it as a plain .xlsx workbook")
            total += part.file_size
            packed = max(part.compress_size, 1)
            if part.file_size > RATIO_FLOOR_BYTES and part.file_size / packed > MAX_RATIO:
                raise refused(
                    f"its part {shown(name)} unpacks {part.file_size // packed:,} times larger than "
                    "it is stored (a zip bomb)"
                )
        if total > MAX_UNCOMPRESSED_BYTES:
            raise refused(
                f"it unpacks to {total / 1024 / 1024:,.0f} MB, over the "
                f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB limit (a zip bomb, or split it)"
            )
        names = {part.filename for part in parts}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise refused("it is not an Excel workbook; save it as .xlsx or CSV")
        content_types = archive.read("[Content_Types].xml")  # small, and checked above
        if MACRO_CONTENT.encode() in content_types:
            raise refused("it is a macro-enabled workbook; save it as a plain .xlsx workbook")


def sheet_names(data: bytes) -> tuple[str, ...]:
    """The names of the workbook's sheets, in order, read from its small ``xl/workbook.xml``
    alone (no sheet is loaded), after the same refusals as ``read_sheet``."""
    check_workbook(data)
    # defusedxml (no entity tricks, as openpyxl reads it) ships no type stubs; its fromstring is
    # ElementTree's, so the stdlib types below hold.
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("xl/workbook.xml")  # its size was checked with the rest
    try:
        root = ElementTree.fromstring(body)
    except Exception as exc:  # defusedxml refusals and XML faults alike: a workbook we cannot read
        raise refused(f"its list of sheets could not be read ({type(exc).__name__})") from None
    names = tuple(
        element.get("name", "") for element in root.iter() if element.tag.rsplit("}", 1)[-1] == "sheet"
    )
    if not names:
        raise refused("it has no sheets")
    return names


def read_sheet(data: bytes, sheet: str | None = None) -> Table:
    """The sheet named ``sheet`` (else the first) of the workbook ``data`` as a Table."""
    check_workbook(data)
    import openpyxl  # lazily: only a workbook needs it

    try:
        values_book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas_book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; none is a bug of ours
        raise refused(f"it could not be read ({type(exc).__name__}); save it again as .xlsx or CSV") from None
    try:
        names = values_book.sheetnames
        if sheet is None:
            chosen = names[0]
        else:
            found = [name for name in names if name.casefold() == sheet.casefold()]
            if not found:
                raise WholeFileError(
                    "file", f"the workbook has no sheet {sheet!r}; its sheets are {', '.join(names)}", row=1
                )
            chosen = found[0]
        return _table(values_book[chosen], formulas_book[chosen])
    finally:
        values_book.close()
        formulas_book.close()


def _table(values_sheet: Any, formulas_sheet: Any) -> Table:
    errors: list[ValidationError] = []
    header: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[str, ...]]] = []
    pairs = zip(
        values_sheet.iter_rows(max_col=MAX_COLUMNS),
        formulas_sheet.iter_rows(max_col=MAX_COLUMNS),
        strict=False,
    )
    for number, (value_cells, formula_cells) in enumerate(pairs, start=1):
        texts: list[str] = []
        for index, (cell, written) in enumerate(zip(value_cells, formula_cells, strict=False)):
            column = header[index] if number > 1 and index < len(header) else str(index + 1)
            column = "header" if number == 1 else column
            try:
                texts.append(cell_text(cell.value, written.value, number, column))
            except ValidationError as exc:
                errors.append(exc)
                texts.append("")
        if number == 1:
            header = trimmed_header([text.strip() for text in texts])
            continue
        if not any(texts):
            continue
        try:
            rows.append((number, fit(texts, header, number)))
        except ValidationError as exc:
            errors.append(exc)
    if not header:
        raise WholeFileError("file", "the sheet is empty", row=1)
    raise_all(errors)
    return Table(header, tuple(rows))


def cell_text(value: object, written: object, row: int, column: str) -> str:
    """A cell's saved value as text (see the module's docstring); ``written`` is what the cell
    holds as typed (a formula's text), to tell a formula without a saved value from an empty cell."""
    if value is None:
        if isinstance(written, str) and written.startswith("="):
            raise ValidationError(
                column,
                f"the formula {shown(written)} has no saved value; open the file in Excel, save it, "
                "and import it again (or paste the values)",
                row=row,
            )
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    text = str(value).strip()
    check_cell(text, row, column)
    return text


def number_text(value: float) -> str:
    """A float as Excel shows it at full precision: 15 significant digits, plain notation,
    no trailing zeros (``0.1 + 0.2`` -> ``0.3``; ``1250.5`` -> ``1250.5``; ``12.0`` -> ``12``)."""
    exact = Decimal(f"{value:.15g}")
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
