"""Import tickets: matched on their external id (else on their client and opened time), a new
ticket is added, a known one gets the fields the file changes (a ticket resolved since the last
export gets its resolved time). Derived columns (month, resolution time, SLA verdict) are filled
by the unit of work, so the KPIs see imported tickets at once.

New tickets go in with the driver's bulk insert, a chunk at a time (an import of 100,000 tickets
stays fast); an import is therefore not undone row by row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msp_desk.collector import collector_paused
from msp_desk.domain.base import utc_now
from msp_desk.domain.tickets import Ticket
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.cells import DEFAULT_PRIORITY
from msp_desk.io.imports.reading import ParsedFile
from msp_desk.io.imports.rows import ImportRecord
from msp_desk.services.imports.matching import ClientFinder
from msp_desk.services.imports.report import (
    Cancelled,
    ImportReport,
    Progress,
    Steps,
    changed_fields,
    run_import,
)
from msp_desk.store.database import Database
from msp_desk.store.queries.imports import (
    NEW_TICKET_COLUMNS,
    insert_tickets,
    tickets_numbered,
    unnumbered_tickets,
)

if TYPE_CHECKING:
    from sqlmodel import Session

# The ticket's stored fields an import sets (status and the update time only order an event log):
# every column a new ticket is inserted with but its client.
FIELDS = tuple(name for name in NEW_TICKET_COLUMNS if name != "client_id")

INSERT_CHUNK = 5_000  # new tickets per insert: progress and a cancel between them


def import_tickets(
    db: Database,
    parsed: ParsedFile,
    *,
    client: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    steps = Steps(progress, cancelled)
    report = ImportReport("ticket", parsed.rows, dry_run)
    default_source = parsed.preset.name if parsed.preset is not None else "import"

    def work(session: Session, report: ImportReport) -> set[int]:
        errors: list[ValidationError] = []
        owners = _owners(ClientFinder(session, client), parsed.records, errors)
        raise_all(errors)
        numbered = tickets_numbered(
            session, {r.values["external_id"] for r, _ in owners if "external_id" in r.values}
        )
        by_opening = {
            (ticket.client_id, ticket.opened_at): ticket
            for ticket in unnumbered_tickets(session, {c for r, c in owners if "external_id" not in r.values})
        }
        new_rows: list[tuple[Any, ...]] = []
        touched: set[int] = set()
        steps_in_all = 2 * len(owners)  # matching each ticket, then inserting the new ones
        for record, client_id in steps.over(owners, total=steps_in_all):
            values = record.values
            number = values.get("external_id")
            found = numbered.get(number) if number else by_opening.get((client_id, values["opened_at"]))
            label = str(number or f"{values['client']} {values['opened_at']:%Y-%m-%d %H:%M}")
            if found is None:
                new_rows.append(_new_row(values, client_id, default_source))
                report.added.append(label)
                touched.add(client_id)
                continue
            changed = changed_fields(found, {"client_id": client_id, **_stored_fields(values)})
            if changed:
                _check_times(found, record, errors)
                report.updated.append((label, changed))
                touched.add(client_id)
            else:
                report.unchanged.append(label)
        raise_all(errors)
        now = utc_now()
        for chunk in steps.chunks(new_rows, INSERT_CHUNK, total=steps_in_all):
            insert_tickets(session, chunk, now)
        return touched

    with collector_paused():  # a tuple and a label a new ticket, none of them cyclic
        return run_import(db, report, work, steps)


def _owners(
    finder: ClientFinder, records: list[ImportRecord], errors: list[ValidationError]
) -> list[tuple[ImportRecord, int]]:
    """Each record with the id of its client (a name the shop does not know is an error on
    every row that gives it); a name is looked up once."""
    ids: dict[str, int] = {}
    owners: list[tuple[ImportRecord, int]] = []
    for record in records:
        name = record.values["client"]
        client_id = ids.get(name)
        if client_id is None:
            owner = finder.find(record, errors)
            if owner is None:
                continue
            client_id = ids[name] = owner.saved_id
        owners.append((record, client_id))
    return owners


def _stored_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The ticket fields a record gives, as stored (``FIELDS``, in that order)."""
    return {name: values[name] for name in FIELDS if name in values}


def _new_row(values: dict[str, Any], client_id: int, source: str) -> tuple[Any, ...]:
    """A new ticket as ``insert_tickets`` takes it (``NEW_TICKET_COLUMNS``): what the file leaves
    out is empty, P3, or the preset's name for the source."""
    get = values.get
    return (
        client_id,
        get("external_id", ""),
        get("subject", ""),
        str(get("priority", DEFAULT_PRIORITY)),
        values["opened_at"],
        get("first_response_at"),
        get("resolved_at"),
        get("fcr"),
        get("sla_met"),
        get("response_target_min"),
        get("resolution_target_min"),
        get("source", source),
    )


def _check_times(ticket: Ticket, record: ImportRecord, errors: list[ValidationError]) -> None:
    """A matched ticket keeps what the file leaves empty: its times must still be in order."""
    for name in ("first_response_at", "resolved_at"):
        moment = getattr(ticket, name)
        if moment is not None and moment < ticket.opened_at:
            errors.append(
                record.error(
                    name,
                    f"{moment.isoformat(sep=' ')} is before the opened time {ticket.opened_at.isoformat(sep=' ')}",
                )
            )
