"""Import contacts: a person is matched at their client (or referral partner) by email, else by
name (ignoring case); a new one is added, a known one gets the fields the file changes. A client
or partner the shop does not know is a row error (partners are added in the app, never by an
import)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msp_desk.domain.clients import Contact, name_key, validate_contact
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
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
from msp_desk.store.queries.imports import contacts_of, partner_contacts, partners_by_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from msp_desk.domain.referrals import Partner

FIELDS = ("role", "email", "phone", "decision_maker")
# Where a contact is: ("client", id) or ("partner", id).
Owner = tuple[str, int]


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
        partners = partners_by_key(session)
        by_email: dict[tuple[Owner, str], Contact] = {}
        by_name: dict[tuple[Owner, str], Contact] = {}
        stored = contacts_of(session, {c.saved_id for c in finder.known.values()}) + partner_contacts(session)
        for known in stored:
            owner: Owner = (
                ("client", known.client_id)
                if known.client_id is not None
                else ("partner", known.partner_id or 0)
            )
            if known.email:
                by_email.setdefault((owner, known.email.casefold()), known)
            by_name.setdefault((owner, name_key(known.name)), known)
        errors: list[ValidationError] = []
        touched: set[int] = set()
        for record in steps.over(parsed.records):
            found = _owner(record, finder, partners, errors)
            if found is None:
                continue
            place, at = found
            values = {name: record.values[name] for name in FIELDS if name in record.values}
            email = str(values.get("email", "")).casefold()
            key = (place, name_key(record.values["name"]))
            contact: Contact | None = (by_email.get((place, email)) if email else None) or by_name.get(key)
            label = f"{record.values['name']} at {at}"
            if contact is None:
                contact = Contact(name=record.values["name"], **values)
                if place[0] == "client":
                    contact.client_id = place[1]
                else:
                    contact.partner_id = place[1]
                session.add(contact)
                by_name[key] = contact
                report.added.append(label)
                if place[0] == "client":
                    touched.add(place[1])
            else:
                changed = changed_fields(contact, values)
                if changed:
                    report.updated.append((label, changed))
                    if place[0] == "client":
                        touched.add(place[1])
                else:
                    report.unchanged.append(label)
            try:
                validate_contact(contact)
            except ValidationError as exc:
                errors.append(record.error(exc.field, exc.reason))
        raise_all(errors)
        return touched

    return run_import(db, report, work, steps)


def _owner(
    record: ImportRecord,
    finder: ClientFinder,
    partners: dict[str, list[Partner]],
    errors: list[ValidationError],
) -> tuple[Owner, str] | None:
    """The client or partner the row's contact is at, and its name; None (an error) when the
    shop has no such client or partner."""
    if "client" in record.values:
        found = finder.find(record, errors)
        return None if found is None else (("client", found.saved_id), found.name)
    named = record.values["partner"]
    matches = partners.get(name_key(named), [])
    if len(matches) == 1:
        return ("partner", matches[0].saved_id), matches[0].name
    reason = (
        f"{len(matches)} partners are named {named!r}: rename one first"
        if matches
        else f"there is no partner named {named!r}; add the partner first (Referrals ▸ Add partner…) or check the spelling"
    )
    errors.append(record.error("partner", reason))
    return None
