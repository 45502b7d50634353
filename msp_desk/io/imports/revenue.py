"""The ``revenue`` import kind: one-off revenue (a project, or hardware resold), one record a row.

Each row has a date, or else a month (read as its first day: a month's figures are the same
whichever day it is); a client (optional: revenue of no client), a kind (``project`` unless the
row says ``hardware``), an amount and its direct cost (empty: unknown, and the month's gross
margin then unknown too) and a description.
"""

from __future__ import annotations

from msp_desk.domain.enums import RevenueKind
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.encodings import WholeFileError
from msp_desk.io.imports.dates import order_of_file
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.imports.spend import parse_month
from msp_desk.io.table import Table


def revenue_records(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    if not columns.has("date") and not columns.has("month"):
        raise WholeFileError(
            "header",
            "the file has no date or month column (expected 'date' or 'month'); "
            "map one with --map date=COLUMN or --map month=COLUMN",
            row=1,
        )
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], ("date", "month")))
    errors: list[ValidationError] = []
    records: list[ImportRecord] = []
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        day = reader.day("date", order)
        if not reader.has("date"):
            month = reader.take("month", lambda text: parse_month(text, order))
            if month is not None:
                day = reader.record.values["date"] = month.first_day()
            elif not reader.has("month"):
                reader.fail("date" if columns.has("date") else "month", "the date is empty")
        if options.client is not None:
            reader.record.values["client"] = options.client
        else:
            reader.text("client")
        reader.choice("kind", RevenueKind)
        amount = reader.money("amount", options)
        if not reader.has("amount"):
            reader.fail("amount", "the amount is empty")
        reader.money("direct_cost", options)
        reader.note("description")
        if day is not None and amount is not None:
            records.append(reader.record)
    raise_all(errors)
    return records
