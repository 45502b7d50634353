"""The ``clients`` import kind: one record per client, keyed by its name (ignoring case); a
client on several rows that agree is one client, rows that disagree are refused."""

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
    seen: dict[str, ImportRecord] = {}
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
        if name is None:
            continue
        key = name_key(name)
        first = seen.get(key)
        if first is None:
            seen[key] = reader.record
            records.append(reader.record)
            continue
        # a client listed on several rows (a ticket export used as a client list) is one client,
        # as long as the rows agree
        differs = sorted(
            f
            for f in (set(first.values) | set(reader.record.values)) - {"name"}
            if first.values.get(f) != reader.record.values.get(f)
        )
        if differs:
            reader.fail(
                differs[0],
                f"{name} is already on row {first.row} with {differs[0].replace('_', ' ')} "
                f"{first.values.get(differs[0], '(empty)')!s}",
            )
    raise_all(errors)
    return records
