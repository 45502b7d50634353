"""The ``spend`` import kind: sales & marketing spend, one record a month and channel.

A month is written ``2026-03`` (the app's export), ``03/2026``, or as any date in it (an
accounting export's invoice date). Several rows of one month and channel (the invoices of a
month) are added up into one record, their notes joined; the channel is one of the clients'
acquisition channels, so CAC can be worked out per channel.
"""

from __future__ import annotations

import re

from msp_desk.domain import rules
from msp_desk.domain.enums import Channel
from msp_desk.domain.values import Month
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.cells import NotAValue
from msp_desk.io.imports.dates import DateOrder, NotADate, order_of_file, parse_date
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.table import Table

_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
NOTE_SEPARATOR = "; "


def parse_month(text: str, order: DateOrder | None) -> Month:
    """``2026-03``, ``2026/3``, ``03/2026`` or a date in the month."""
    value = text.strip()
    for shape, year, month in ((_YEAR_MONTH, 1, 2), (_MONTH_YEAR, 2, 1)):
        found = shape.fullmatch(value)
        if found is not None:
            number = int(found.group(month))
            if 1 <= number <= 12:
                return Month(int(found.group(year)), number)
            raise NotAValue(f"{text!r} is not a month: {number} is not a month number")
    try:
        return Month.of(parse_date(value, order))
    except NotADate:
        raise NotAValue(f"{text!r} is not a month like 2026-03 (or a date in it)") from None


def spend_records(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], ("month",)))
    errors: list[ValidationError] = []
    records: dict[tuple[Month, str], ImportRecord] = {}
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        month = reader.take("month", lambda text: parse_month(text, order))
        channel = reader.choice("channel", Channel)
        amount = reader.money("amount", options)
        note = reader.note("note")
        for name in ("month", "channel", "amount"):
            if not reader.has(name):
                reader.fail(name, f"the {name} is empty")
        if month is None or channel is None or amount is None:
            continue
        first = records.get((month, channel))
        if first is None:
            records[month, channel] = reader.record
            continue
        first.values["amount"] += amount  # the month's invoices on one channel, added up
        if note and note != first.values.get("note"):
            joined = NOTE_SEPARATOR.join(filter(None, (first.values.get("note"), note)))
            try:
                rules.note(joined, "note")
            except ValidationError as exc:
                reader.fail("note", f"the notes of {month} {channel} together: {exc.reason}")
            first.values["note"] = joined
    raise_all(errors)
    return sorted(records.values(), key=lambda record: record.row)
