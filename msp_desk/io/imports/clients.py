"""The ``clients`` import kind: one record per client, keyed by its name (ignoring case)."""

from __future__ import annotations

from msp_desk.domain.clients import name_key
from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.dates import order_of_file
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.table import Table

DATE_FIELDS = ("start_date", "renewal_date")


def client_records(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], DATE_FIELDS))
    errors: list[ValidationError] = []
    records: list[ImportRecord] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        name = reader.text("name", required=True, said="client name")
        reader.choice("status", ClientStatus)
        reader.text("industry", 100)
        for whole in ("employees", "seats", "locations", "term_months"):
            reader.whole(whole, options.locale)
        start = reader.day("start_date", order)
        renewal = reader.day("renewal_date", order)
        reader.choice("channel", Channel)
        reader.note("notes")
        if start is not None and renewal is not None and renewal < start:
            reader.fail("renewal_date", f"{renewal.isoformat()} is before the start date {start.isoformat()}")
        if name is not None:
            key = name_key(name)
            if key in seen:
                reader.fail("name", f"{name} is already on row {seen[key]}")
            seen[key] = number
        records.append(reader.record)
    raise_all(errors)
    return records
