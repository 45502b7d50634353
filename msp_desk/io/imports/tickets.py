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
from collections.abc import Iterable
from functools import cache
from itertools import chain

from msp_desk.collector import collector_paused
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.cells import PRIORITY_NUMBERS, parse_priority
from msp_desk.io.imports.dates import DateOrder, order_of_file
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ColumnReader, ImportOptions, ImportRecord
from msp_desk.io.presets import Preset
from msp_desk.io.table import Table

TIME_FIELDS = ("opened_at", "first_response_at", "resolved_at", "updated_at")
EXTERNAL_ID_MAX = 60
SUBJECT_MAX = 300
SOURCE_MAX = 40


def ticket_records(
    table: Table, columns: ColumnMap, options: ImportOptions, preset: Preset | None = None
) -> list[ImportRecord]:
    """The file's tickets, read a field at a time (a file of 100,000 tickets reads in seconds);
    every bad cell reported at once, row by row."""
    with collector_paused():  # a few hundred thousand acyclic values and records
        return _ticket_records(table, columns, options, preset)


def _ticket_records(
    table: Table, columns: ColumnMap, options: ImportOptions, preset: Preset | None
) -> list[ImportRecord]:
    rows = [cells for _, cells in table.rows]
    fields = {name: columns.cells_of(name, rows) for name in columns.sources}
    del rows

    @cache
    def order() -> DateOrder | None:
        times = chain.from_iterable(fields[name].texts for name in TIME_FIELDS if name in fields)
        return options.dates or order_of_file(times)

    numbers = preset.priority_numbers if preset is not None else PRIORITY_NUMBERS
    reader = ColumnReader([number for number, _ in table.rows], fields)
    if options.client is not None:
        reader.set("client", [options.client] * len(table.rows))
    else:
        reader.text("client", required=True, said="client name", repeated=True)
    external_ids = reader.text("external_id", EXTERNAL_ID_MAX)
    reader.text("subject", SUBJECT_MAX, repeated=True)
    opened = reader.moment("opened_at", order)
    reader.require("opened_at", "the opened time is empty")
    responded = reader.moment("first_response_at", order)
    resolved = reader.moment("resolved_at", order)
    updated = reader.moment("updated_at", order)
    reader.take("priority", lambda text: parse_priority(text, numbers), repeated=True)
    reader.text("status", 100, repeated=True)
    reader.verdict("fcr")
    reader.verdict("sla_met")
    sources = reader.text("source", SOURCE_MAX, repeated=True)
    if preset is None and columns.has("source"):  # the app's own export: an empty source is none
        reader.set("source", ["" if source is None else source for source in sources])
    for target in ("response_target_min", "resolution_target_min"):  # the app's own export has them
        reader.whole(target, options.locale)
    for name, moments in (("first_response_at", responded), ("resolved_at", resolved)):
        reader.step()
        for k, (start, moment) in enumerate(zip(opened, moments, strict=True)):
            if start is not None and moment is not None and moment < start:
                reader.fail(
                    name,
                    k,
                    f"{moment.isoformat(sep=' ')} is before the opened time {start.isoformat(sep=' ')}",
                )
    raise_all(reader.errors())
    return _last_states(reader.records(), external_ids, updated)


def _last_states(
    records: Iterable[ImportRecord], external_ids: list[str | None], updated: list[dt.datetime | None]
) -> list[ImportRecord]:
    """One record a ticket number (its row with the latest update time, else its last row), and
    every row without a number, in the order of the file."""
    if None not in external_ids and len(set(external_ids)) == len(external_ids):
        return list(records)  # one row a ticket: most files
    latest: dict[str, tuple[tuple[dt.datetime, int], ImportRecord]] = {}
    found: list[ImportRecord] = []
    for record, external_id, update in zip(records, external_ids, updated, strict=True):
        if external_id is None:
            found.append(record)
            continue
        rank = (update or dt.datetime.min, record.row)
        held = latest.get(external_id)
        if held is None or rank >= held[0]:
            latest[external_id] = (rank, record)
    found.extend(record for _, record in latest.values())
    return sorted(found, key=lambda record: record.row)
