"""A big file is read a field at a time (``ColumnMap.cells_of``, ``rows.ColumnReader``) and CSV
text by the ``csv`` module: each must read every file exactly as the row-by-row readers do
(the same records, the same errors in the same order), which are kept here as the oracle."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.csv_reader import NotPlainCsv, cell_rows, quick_cell_rows, raise_all
from msp_desk.io.imports.cells import PRIORITY_NUMBERS, parse_priority
from msp_desk.io.imports.dates import order_of_file
from msp_desk.io.imports.fields import TICKETS
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.imports.tickets import TIME_FIELDS, ticket_records
from msp_desk.io.table import Table

CELLS = st.sampled_from(
    [
        "",
        " ",
        "?",
        "NULL",
        "null ",
        "Acme Law",
        "Ōsaka Dental",
        "x\x07y",
        "T1",
        "T2",
        "T3",
        "P1",
        "High",
        "9",
        "yes",
        "no",
        "maybe",
        "30",
        "1,000",
        "-5",
        "2025-03-04 09:15",
        "2025-03-04T10:00:00",
        "4/3/2025 10:00",
        "13/3/2025",
        "2025-02-30",
        "2025-03-05",
        "yesterday",
        "'=1+1",
        "a\nb",
    ]
)
FIELDS = st.sampled_from(TICKETS.names)


def row_by_row(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    """How tickets were read before, one ``RowReader`` a row (``ticket_records`` must agree)."""
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], TIME_FIELDS))
    errors: list[ValidationError] = []
    latest: dict[str, tuple[tuple[dt.datetime, int], ImportRecord]] = {}
    records: list[ImportRecord] = []
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        if options.client is not None:
            reader.record.values["client"] = options.client
        else:
            reader.text("client", required=True, said="client name")
        external_id = reader.text("external_id", 60)
        reader.text("subject", 300)
        opened = reader.moment("opened_at", order)
        if not reader.has("opened_at"):
            reader.fail("opened_at", "the opened time is empty")
        responded = reader.moment("first_response_at", order)
        resolved = reader.moment("resolved_at", order)
        updated = reader.moment("updated_at", order)
        reader.take("priority", lambda text: parse_priority(text, PRIORITY_NUMBERS))
        reader.text("status", 100)
        reader.verdict("fcr")
        reader.verdict("sla_met")
        if reader.text("source", 40) is None and columns.has("source"):  # no preset: the app's own export
            reader.record.values["source"] = ""  # an empty source is none
        for target in ("response_target_min", "resolution_target_min"):
            reader.whole(target, options.locale)
        for name, moment in (("first_response_at", responded), ("resolved_at", resolved)):
            if opened is not None and moment is not None and moment < opened:
                reader.fail(
                    name, f"{moment.isoformat(sep=' ')} is before the opened time {opened.isoformat(sep=' ')}"
                )
        if external_id is None:
            records.append(reader.record)
            continue
        rank = (updated or dt.datetime.min, number)
        held = latest.get(external_id)
        if held is None or rank >= held[0]:
            latest[external_id] = (rank, reader.record)
    raise_all(errors)
    records.extend(record for _, record in latest.values())
    return sorted(records, key=lambda record: record.row)


def outcome(read: object) -> object:
    try:
        records = read()  # type: ignore[operator]
    except (ValidationError, ValidationErrors) as exc:
        return str(exc)
    return [(r.row, r.values, dict(r.columns)) for r in records]


@st.composite
def ticket_tables(draw: st.DrawFn) -> tuple[Table, ColumnMap]:
    """A table and a mapping with every shape a preset or --map gives: fields read from one
    column, from several joined, or from the first of several candidates with a value."""
    width = draw(st.integers(2, 6))
    header = tuple(f"c{i}" for i in range(width))
    index = st.integers(0, width - 1)
    source = st.lists(index, min_size=1, max_size=2, unique=True).map(tuple)
    sources = draw(st.dictionaries(FIELDS, st.lists(source, min_size=1, max_size=3).map(tuple), min_size=1))
    rows = draw(st.lists(st.lists(CELLS, min_size=width, max_size=width).map(tuple), min_size=1, max_size=8))
    return Table(header, tuple((n + 2, row) for n, row in enumerate(rows))), ColumnMap(
        TICKETS, sources, header
    )


@settings(max_examples=400, deadline=None)
@given(ticket_tables(), st.sampled_from([None, "Acme Law"]))
def test_tickets_read_a_field_at_a_time_read_as_row_by_row(
    drawn: tuple[Table, ColumnMap], client: str | None
) -> None:
    table, columns = drawn
    options = ImportOptions(client=client)
    assert outcome(lambda: ticket_records(table, columns, options)) == outcome(
        lambda: row_by_row(table, columns, options)
    )


@settings(max_examples=400, deadline=None)
@given(ticket_tables())
def test_a_field_over_every_row_is_what_each_row_reads(drawn: tuple[Table, ColumnMap]) -> None:
    table, columns = drawn
    rows = [cells for _, cells in table.rows]
    for name in columns.sources:
        cells = columns.cells_of(name, rows)
        read = [columns.read(row)[name] for row in rows]
        assert cells.texts == [cell.text for cell in read]
        assert [cells.column_at(k) for k in range(len(rows))] == [cell.column for cell in read]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab ,;\"\r\n\t\x07'", max_size=40), st.sampled_from([",", ";", "\t"]))
def test_the_csv_module_reads_the_rows_the_cell_reader_reads(text: str, delimiter: str) -> None:
    """Where the quick reader gives rows, they are the cell reader's (a blank row may be no cells
    instead of one empty cell); where it would differ or refuse, it leaves the text to it."""
    try:
        quick = list(quick_cell_rows(text, delimiter))
    except NotPlainCsv:
        return
    slow = list(cell_rows(text, delimiter, ()))
    assert [(n, cells or [""]) for n, cells in quick] == slow
