"""Export any table (clients, contacts, tickets, contract lines, referrals, rewards, the ladder,
marketing spend, project revenue) to a CSV or XLSX file, written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msp_desk.domain.money import money_digits
from msp_desk.errors import ValidationError, os_fault
from msp_desk.io.columns import EXPORT_KINDS, TABLE_COLUMNS, TAG_SEPARATOR
from msp_desk.io.table_csv import table_csv
from msp_desk.io.xlsx_writer import Sheet, xlsx_bytes
from msp_desk.private_files import write_atomically
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries.exports import READERS

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


def export_format(out: Path) -> str:
    """``csv`` or ``xlsx`` from the file's suffix; a ValidationError for any other."""
    found = FORMATS.get(out.suffix.lower())
    if found is None:
        raise ValidationError("out", f"{out.name} must end in .csv or .xlsx (the format is taken from it)")
    return found


def table_rows(db: Database, kind: str, day: dt.date) -> Sequence[Sequence[Any]]:
    """The rows of ``kind``'s export on ``day`` in its column order (tags joined in one cell)."""
    if kind not in EXPORT_KINDS:
        raise ValidationError("kind", f"there is no {kind!r} export; one of: {', '.join(EXPORT_KINDS)}")
    with db.read() as conn:
        rows: Sequence[Sequence[Any]] = READERS[kind](conn, day)
    if kind == "clients":  # the tags, last, are a list
        rows = [(*row[:-1], TAG_SEPARATOR.join(row[-1])) for row in rows]
    return rows


def export_table(db: Database, kind: str, out: Path, day: dt.date) -> int:
    """Write ``kind``'s table to ``out`` (CSV or XLSX by its suffix) all at once: 0600 when new,
    its mode kept when replaced, nothing partial on failure (a StorageProblem then). CSV with a
    BOM so Excel reads it as UTF-8. Returns the row count."""
    fmt = export_format(out)
    rows = table_rows(db, kind, day)
    columns = TABLE_COLUMNS[kind]
    if fmt == "csv":
        data = table_csv(columns, rows).encode("utf-8-sig")  # our own import skips the BOM
    else:
        digits = money_digits(shop_profile(db).currency)
        data = xlsx_bytes([Sheet(kind, columns, rows)], digits)
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise os_fault(exc, f"writing {out}") from exc
    return len(rows)
