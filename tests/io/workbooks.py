"""Build XLSX workbooks for the import tests with openpyxl (no binary committed), and the
hostile variants: a zip bomb, an external link, macros."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import openpyxl


def workbook(sheets: dict[str, Sequence[Sequence[object]]], cached: dict[str, str] | None = None) -> bytes:
    """A workbook with ``sheets`` (title -> rows); ``cached`` gives formulas a saved value (what
    Excel writes beside each formula and openpyxl does not), by the formula's text."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    for formula, value in (cached or {}).items():
        data = rewritten(
            data,
            lambda name, body, f=formula, v=value: (
                body.replace(f"<f>{f}</f><v />".encode(), f"<f>{f}</f><v>{v}</v>".encode())
                if name.startswith("xl/worksheets/")
                else body
            ),
        )
    return data


def rewritten(data: bytes, change, extra: dict[str, bytes] | None = None, *, level: int = 6) -> bytes:  # type: ignore[no-untyped-def]
    """``data`` (a zip) with each part passed through ``change(name, body)`` and ``extra`` parts added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    return rewritten(data, lambda _name, body: body, parts, level=9)
