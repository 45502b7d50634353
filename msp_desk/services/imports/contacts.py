"""Import contacts: a person is matched at their client by email, else by name (ignoring case);
a new one is added, a known one gets the fields the file changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msp_desk.domain.clients import Contact, name_key, validate_contact
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.reading import ParsedFile
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
from msp_desk.store.queries.imports import contacts_of

if TYPE_CHECKING:
    from sqlmodel import Session

FIELDS = ("role", "email", "phone", "decision_maker")


def import_contacts(
    db: Database,
    parsed: ParsedFile,
    *,
    client: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    steps = Steps(progress, cancelled)
    report = ImportReport("contact", parsed.rows, dry_run)

    def work(session: Session, report: ImportReport) -> set[int]:
        finder = ClientFinder(session, client)
        by_email: dict[tuple[int, str], Contact] = {}
        by_name: dict[tuple[int, str], Contact] = {}
        for stored in contacts_of(session, {c.saved_id for c in finder.known.values()}):
            assert stored.client_id is not None
            if stored.email:
                by_email.setdefault((stored.client_id, stored.email.casefold()), stored)
            by_name.setdefault((stored.client_id, name_key(stored.name)), stored)
        errors: list[ValidationError] = []
        touched: set[int] = set()
        for record in steps.over(parsed.records):
            owner = finder.find(record, errors)
            if owner is None:
                continue
            values = {name: record.values[name] for name in FIELDS if name in record.values}
            email = str(values.get("email", "")).casefold()
            key = (owner.saved_id, name_key(record.values["name"]))
            found = by_email.get((owner.saved_id, email)) if email else None
            contact = found or by_name.get(key)
            label = f"{record.values['name']} at {owner.name}"
            if contact is None:
                contact = Contact(client_id=owner.saved_id, name=record.values["name"], **values)
                session.add(contact)
                by_name[key] = contact
                report.added.append(label)
                touched.add(owner.saved_id)
            else:
                changed = changed_fields(contact, values)
                if changed:
                    report.updated.append((label, changed))
                    touched.add(owner.saved_id)
                else:
                    report.unchanged.append(label)
            try:
                validate_contact(contact)
            except ValidationError as exc:
                errors.append(record.error(exc.field, exc.reason))
        raise_all(errors)
        return touched

    return run_import(db, report, work, steps)
