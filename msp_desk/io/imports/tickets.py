"""The ``tickets`` import kind: one record per ticket. A file with several rows for one ticket
number is an event log (ServiceNow's incident log): each ticket keeps its last state, the row
with the latest update time (``updated_at``), else the last of its rows.

Priorities as ``io.imports.cells`` reads them; first-contact resolution and the SLA verdict only
where the file has them, never guessed. An empty priority or source is left to the service (a
new ticket gets P3 and the preset's name; a matched one keeps its own), except that an empty
source in the app's own export (no preset, a source column) is no source, as it was exported.
"""

from __future__ import annotations

import datetime as dt

from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.cells import PRIORITY_NUMBERS, parse_priority
from msp_desk.io.imports.dates import order_of_file
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.presets import Preset
from msp_desk.io.table import Table

TIME_FIELDS = ("opened_at", "first_response_at", "resolved_at", "updated_at")
EXTERNAL_ID_MAX = 60
SUBJECT_MAX = 300
SOURCE_MAX = 40


def ticket_records(
    table: Table, columns: ColumnMap, options: ImportOptions, preset: Preset | None = None
) -> list[ImportRecord]:
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], TIME_FIELDS))
    numbers = preset.priority_numbers if preset is not None else PRIORITY_NUMBERS
    own_sources = preset is None and columns.has("source")
    errors: list[ValidationError] = []
    latest: dict[str, tuple[tuple[dt.datetime, int], ImportRecord]] = {}
    records: list[ImportRecord] = []
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        if options.client is not None:
            reader.record.values["client"] = options.client
        else:
            reader.text("client", required=True, said="client name")
        external_id = reader.text("external_id", EXTERNAL_ID_MAX)
        reader.text("subject", SUBJECT_MAX)
        opened = reader.moment("opened_at", order)
        if not reader.has("opened_at"):
            reader.fail("opened_at", "the opened time is empty")
        responded = reader.moment("first_response_at", order)
        resolved = reader.moment("resolved_at", order)
        updated = reader.moment("updated_at", order)
        reader.take("priority", lambda text: parse_priority(text, numbers))
        reader.text("status", 100)
        reader.verdict("fcr")
        reader.verdict("sla_met")
        if reader.text("source", SOURCE_MAX) is None and own_sources:
            reader.record.values["source"] = ""  # the app's own export: an empty source is none
        for target in ("response_target_min", "resolution_target_min"):  # the app's own export has them
            reader.whole(target, options.locale)
        for name, moment in (("first_response_at", responded), ("resolved_at", resolved)):
            if opened is not None and moment is not None and moment < opened:
                reader.fail(
                    name, f"{moment.isoformat(sep=' ')} is before the opened time {opened.isoformat(sep=' ')}"
                )
        record = reader.record
        if external_id is None:
            records.append(record)
            continue
        rank = (updated or dt.datetime.min, number)
        held = latest.get(external_id)
        if held is None or rank >= held[0]:
            latest[external_id] = (rank, record)
    raise_all(errors)
    records.extend(record for _, record in latest.values())
    return sorted(records, key=lambda record: record.row)
