"""Import tickets: matched on their external id (else on their client and opened time), a new
ticket is added, a known one gets the fields the file changes (a ticket resolved since the last
export gets its resolved time). Derived columns (month, resolution time, SLA verdict) are filled
by the unit of work, so the KPIs see imported tickets at once.

New tickets go in with one bulk insert (an import of 100,000 tickets stays fast); an import is
therefore not undone row by row.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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
from msp_desk.store.queries.imports import insert_tickets, tickets_numbered, unnumbered_tickets

if TYPE_CHECKING:
    from sqlmodel import Session

INSERT_CHUNK = 5_000  # new tickets per insert: progress and a cancel between them

# The ticket's stored fields an import sets (status and the update time only order an event log).
FIELDS = (
    "external_id",
    "subject",
    "priority",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "fcr",
    "sla_met",
    "response_target_min",
    "resolution_target_min",
    "source",
)


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
        finder = ClientFinder(session, client)
        errors: list[ValidationError] = []
        owners: list[tuple[ImportRecord, int]] = []
        for record in parsed.records:
            owner = finder.find(record, errors)
            if owner is not None:
                owners.append((record, owner.saved_id))
        raise_all(errors)
        numbered = tickets_numbered(
            session, {r.values["external_id"] for r, _ in owners if "external_id" in r.values}
        )
        by_opening = {
            (ticket.client_id, ticket.opened_at): ticket
            for ticket in unnumbered_tickets(session, {c for r, c in owners if "external_id" not in r.values})
        }
        now = utc_now()
        new_rows: list[dict[str, Any]] = []
        touched: set[int] = set()
        steps_in_all = 2 * len(owners)  # matching each ticket, then inserting the new ones
        for record, client_id in steps.over(owners, total=steps_in_all):
            values = {name: record.values[name] for name in FIELDS if name in record.values}
            number = values.get("external_id")
            label = str(number or f"{record.values['client']} {values['opened_at']:%Y-%m-%d %H:%M}")
            found = numbered.get(number) if number else by_opening.get((client_id, values["opened_at"]))
            if found is None:
                new_rows.append(_new_row(values, client_id, default_source, now))
                report.added.append(label)
                touched.add(client_id)
                continue
            changed = changed_fields(found, {"client_id": client_id, **values})
            if changed:
                _check_times(found, record, errors)
                report.updated.append((label, changed))
                touched.add(client_id)
            else:
                report.unchanged.append(label)
        raise_all(errors)
        for chunk in steps.chunks(new_rows, INSERT_CHUNK, total=steps_in_all):
            insert_tickets(session, chunk)
        return touched

    return run_import(db, report, work, steps)


def _new_row(values: dict[str, Any], client_id: int, source: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "external_id": "",
        "subject": "",
        "first_response_at": None,
        "resolved_at": None,
        "fcr": None,
        "sla_met": None,
        "response_target_min": None,
        "resolution_target_min": None,
        "source": source,
        **values,
        "priority": str(values.get("priority", DEFAULT_PRIORITY)),
        "client_id": client_id,
        "created_at": now,
        "updated_at": now,
    }


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
