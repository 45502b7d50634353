"""One entry for every import kind: file bytes in (CSV or XLSX), records or every problem out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msp_desk.errors import ValidationError
from msp_desk.io.imports.clients import client_records
from msp_desk.io.imports.contacts import contact_records
from msp_desk.io.imports.fields import KINDS, Kind
from msp_desk.io.imports.mapping import ColumnMap, parse_overrides, resolve
from msp_desk.io.imports.revenue import revenue_records
from msp_desk.io.imports.rows import ImportOptions, ImportRecord
from msp_desk.io.imports.spend import spend_records
from msp_desk.io.imports.tickets import ticket_records
from msp_desk.io.presets import Preset, preset_named
from msp_desk.io.table import Table, read_table


@dataclass(frozen=True)
class ImportRequest:
    """What the user chose: the kind, a preset, ``--map`` pairs, the sheet and the options."""

    kind: str
    preset: str | None = None
    overrides: Sequence[str] = ()
    sheet: str | None = None
    options: ImportOptions = ImportOptions()


@dataclass(frozen=True)
class ParsedFile:
    kind: Kind
    preset: Preset | None
    rows: int  # data rows read (an event log has more rows than records)
    records: list[ImportRecord]


def parse_import(data: bytes, request: ImportRequest) -> ParsedFile:
    kind = KINDS[request.kind]
    preset = preset_named(request.preset) if request.preset else None
    overrides = parse_overrides(request.overrides, kind)
    table = read_table(data, sheet=request.sheet)
    given = frozenset({"client"}) if request.options.client is not None else frozenset()
    if kind.name == "contacts" and ("partner" in overrides or table.column("partner") is not None):
        given |= {"client"}  # partners' contacts: each row has a client or a partner
    columns = resolve(table, kind, preset, overrides, given=given)
    if not table.rows:
        raise ValidationError(table.header[0], "the file has a header but no rows", row=2)
    return ParsedFile(kind, preset, len(table.rows), _records(kind, table, columns, request, preset))


def _records(
    kind: Kind, table: Table, columns: ColumnMap, request: ImportRequest, preset: Preset | None
) -> list[ImportRecord]:
    if kind.name == "clients":
        return client_records(table, columns, request.options)
    if kind.name == "contacts":
        return contact_records(table, columns, request.options)
    if kind.name == "spend":
        return spend_records(table, columns, request.options)
    if kind.name == "revenue":
        return revenue_records(table, columns, request.options)
    return ticket_records(table, columns, request.options, preset)
