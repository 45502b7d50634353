"""Read a CSV file strictly: UTF-8 (BOM allowed), exact header, errors as ``row N, column X``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from msp_desk.errors import ValidationError, ValidationErrors


def decode_utf8(data: bytes) -> str:
    """Decode ``data`` as UTF-8 or say which row and column holds the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        row = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column_index = data[line_start : exc.start].count(b",")
        header = data.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").strip().split(",")
        column = header[column_index].strip() if column_index < len(header) else str(column_index + 1)
        raise ValidationError(
            column, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8 CSV", row=row
        ) from exc


def read_rows(data: bytes, header: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as a spreadsheet shows it, the row as a dict); header is row 1."""
    text = decode_utf8(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        found = next(reader)
    except StopIteration:
        raise ValidationError(
            "header", f"the file is empty; expected the header {','.join(header)}", row=1
        ) from None
    names = [name.strip().lower() for name in found]
    if names != list(header):
        raise ValidationError(
            "header", f"expected {','.join(header)}, found {','.join(found) or '(nothing)'}", row=1
        )
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue  # blank lines are not data
        if len(values) != len(header):
            raise_all(
                [
                    ValidationError(
                        header[min(len(values), len(header)) - 1] if values else header[0],
                        f"expected {len(header)} columns, found {len(values)}",
                        row=number,
                    )
                ]
            )
        yield number, {name: value.strip() for name, value in zip(header, values, strict=True)}


def raise_all(errors: list[ValidationError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)
