"""The ``clients`` import kind: one record per client, keyed by its name (ignoring case); a
client on several rows that agree is one client, rows that disagree are refused.

Every column the app's own clients export writes is read back. A row with a ``tier`` is a
client on the books: it needs seats (hours for a VA agency) and a start date, and a status of
active or paused, or churned (the ledger then ran until the day before ``churned_on``); its
``mrr``, when given, is the monthly price it pays. A row without a tier has no ledger, so its
``mrr`` must be empty or zero. Which tiers exist is the shop's to say (the service checks it).
"""

from __future__ import annotations

from msp_desk.domain.clients import name_key
from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.domain.money import parse_money, parse_whole
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.dates import DateOrder, order_of_file
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader, date_cells
from msp_desk.io.table import Table

DATE_FIELDS = ("start_date", "renewal_date", "churned_on")
WHOLE_FIELDS = ("employees", "seats", "locations", "servers", "term_months")
MONEY_FIELDS = ("mrr", "acquisition_cost")
# The statuses a client on a tier can have (a churned one's lines end before its churn date).
ON_A_TIER = frozenset({ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value, ClientStatus.CHURNED.value})
TAG_SEPARATOR = ";"  # the export joins tags with "; "


def tag_cell(text: str) -> tuple[str, ...]:
    """The tags of one cell, split on ``;``, spaces tidied, blanks dropped (the service checks
    each as a tag name)."""
    return tuple(tag for tag in (" ".join(part.split()) for part in text.split(TAG_SEPARATOR)) if tag)


def client_records(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    rows = [(number, columns.read(cells)) for number, cells in table.rows]
    order = options.dates or order_of_file(date_cells([cells for _, cells in rows], DATE_FIELDS))
    errors: list[ValidationError] = []
    records: list[ImportRecord] = []
    seen: dict[str, ImportRecord] = {}
    for number, cells in rows:
        reader = RowReader(number, cells, errors)
        name = reader.text("name", required=True, said="client name")
        _read_row(reader, options, order)
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


def _read_row(reader: RowReader, options: ImportOptions, order: DateOrder | None) -> None:
    """Every field but the name into ``reader.record``, each bad cell and each contradiction
    between cells a fault."""
    status = reader.choice("status", ClientStatus)
    tier = reader.text("tier", 100)
    reader.text("industry", 100)
    for whole in WHOLE_FIELDS:
        reader.whole(whole, options.locale)
    reader.take("satisfaction", lambda text: parse_whole(text, options.locale, high=10))
    for money in MONEY_FIELDS:
        reader.take(money, lambda text: parse_money(text, options.locale, options.currency))
    start = reader.day("start_date", order)
    renewal = reader.day("renewal_date", order)
    churned = reader.day("churned_on", order)
    reader.choice("channel", Channel)
    reader.text("referred_by")
    reader.note("churn_reason")
    reader.note("notes")
    reader.take("tags", tag_cell)
    for later, label in ((renewal, "renewal_date"), (churned, "churned_on")):
        if start is not None and later is not None and later < start:
            reader.fail(label, f"{later.isoformat()} is before the start date {start.isoformat()}")
    values = reader.record.values
    if tier is None:
        if values.get("mrr"):
            reader.fail("mrr", "a client with a monthly revenue is on a tier: say which in the tier column")
        return
    if (status or ClientStatus.ACTIVE.value) not in ON_A_TIER:
        reader.fail("tier", f"a {status} client is on no tier yet: leave the tier empty or make it active")
    if not values.get("seats"):
        reader.fail("seats", f"a client on {tier} needs its seats (hours for a VA agency)")
    if start is None and not reader.has("start_date"):
        reader.fail("start_date", f"a client on {tier} needs the day it started")
    if status == ClientStatus.CHURNED.value and churned is None and not reader.has("churned_on"):
        reader.fail("churned_on", f"a churned client on {tier} needs the day it left")
