"""The ``contacts`` import kind: one record per person at a client or at a referral partner,
keyed by the client (or partner) and the email (else the name); a person listed on several
rows (a help desk's requesters, one per ticket) is one contact, as its last row gives it. A row
names a client or a partner (the app's own export leaves the other empty), never both."""

from __future__ import annotations

from msp_desk.domain.clients import name_key
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.mapping import ColumnMap
from msp_desk.io.imports.rows import ImportOptions, ImportRecord, RowReader
from msp_desk.io.table import Table

PARTNER = "partner:"  # keys a partner's contacts apart from a client of the same name


def contact_key(client: str, name: str, email: str | None) -> tuple[str, str]:
    """How contacts are matched: the client's name key and the email, else the name (ignoring case)."""
    return name_key(client), (email.strip().casefold() if email else "name:" + name_key(name))


def contact_records(table: Table, columns: ColumnMap, options: ImportOptions) -> list[ImportRecord]:
    errors: list[ValidationError] = []
    kept: dict[tuple[str, str], ImportRecord] = {}
    for number, cells in table.rows:
        reader = RowReader(number, columns.read(cells), errors)
        partner = reader.text("partner")
        if options.client is not None:
            client: str | None = options.client
            reader.record.values["client"] = options.client
        elif partner is None:
            client = reader.text("client", required=True, said="client name (or partner name)")
        else:
            client = reader.text("client")
        if partner is not None and client is not None:
            reader.fail(
                "partner", f"a contact is at a client or at a partner, not both ({client} and {partner})"
            )
        name = reader.text("name", required=True, said="contact name")
        reader.text("role", 100)
        email = reader.text("email")
        if email is not None and "@" not in email:
            reader.fail("email", f"{email!r} is not an email address")
        reader.text("phone", 50)
        reader.verdict("decision_maker")
        owner = client if client is not None else None if partner is None else PARTNER + partner
        if owner is None or name is None:
            continue
        kept[contact_key(owner, name, email)] = reader.record
    raise_all(errors)
    return sorted(kept.values(), key=lambda record: record.row)
