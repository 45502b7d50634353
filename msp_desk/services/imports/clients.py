"""Import clients: new names are added (active unless the file says otherwise: an imported
book is the shop's clients), known names (ignoring case) get the fields the file changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msp_desk.domain.clients import Client, name_key, validate_client
from msp_desk.domain.enums import ClientStatus
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.reading import ParsedFile
from msp_desk.io.imports.rows import ImportRecord
from msp_desk.services.imports.report import (
    Cancelled,
    ImportReport,
    Progress,
    Steps,
    changed_fields,
    run_import,
)
from msp_desk.store.database import Database
from msp_desk.store.queries.imports import clients_by_key

if TYPE_CHECKING:
    from sqlmodel import Session


def import_clients(
    db: Database,
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    steps = Steps(progress, cancelled)
    report = ImportReport("client", parsed.rows, dry_run)

    def work(session: Session, report: ImportReport) -> set[int]:
        known = clients_by_key(session)
        errors: list[ValidationError] = []
        written: list[Client] = []
        for record in steps.over(parsed.records):
            values = dict(record.values)
            client = known.get(name_key(values["name"]))
            if client is None:
                client = Client(**{"status": ClientStatus.ACTIVE.value, **values})
                report.added.append(client.name)
                session.add(client)
                written.append(client)
            else:
                values.pop("name")  # the stored spelling stays
                changed = changed_fields(client, values)
                if changed:
                    report.updated.append((client.name, changed))
                    written.append(client)
                else:
                    report.unchanged.append(client.name)
            _check(client, record, errors)
        raise_all(errors)
        session.flush()
        return {client.saved_id for client in written}

    return run_import(db, report, work, steps)


def _check(client: Client, record: ImportRecord, errors: list[ValidationError]) -> None:
    try:
        validate_client(client)
    except ValidationError as exc:
        errors.append(record.error(exc.field, exc.reason))
