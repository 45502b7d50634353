"""Clients, contacts and tickets imports: all or nothing, re-imports add nothing twice, matched
records get what changed, dry runs write nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from msp_desk.errors import ValidationError
from msp_desk.io.imports.dates import DateOrder
from msp_desk.io.imports.reading import ImportRequest, ParsedFile, parse_import
from msp_desk.io.imports.rows import ImportOptions
from msp_desk.services.imports.clients import import_clients
from msp_desk.services.imports.contacts import import_contacts
from msp_desk.services.imports.tickets import import_tickets
from msp_desk.store.database import Database

SAMPLES = Path(__file__).parents[2] / "io" / "samples"


def sample(name: str, kind: str, preset: str | None = None, client: str | None = None) -> ParsedFile:
    return parse_import(
        (SAMPLES / name).read_bytes(), ImportRequest(kind, preset, options=ImportOptions(client=client))
    )


def text(
    data: str, kind: str, preset: str | None = None, client: str | None = None, **options: object
) -> ParsedFile:
    request = ImportRequest(kind, preset, options=ImportOptions(client=client, **options))  # type: ignore[arg-type]
    return parse_import(data.encode(), request)


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.quick_read() as conn:
        return [tuple(row) for row in conn.execute(sql)]


def test_clients_are_added_once_and_then_updated_field_by_field(db: Database) -> None:
    report = import_clients(db, sample("itflow_clients.csv", "clients", "itflow"))
    assert report.lines() == ["Added 2 clients: Ōsaka Dental, Acme Law"]
    assert report.changes is not None and report.changes.touches({"client"})
    again = import_clients(db, sample("itflow_clients.csv", "clients", "itflow"))
    assert again.lines() == ["Unchanged: 2 clients"]
    later = import_clients(db, sample("connectwise_companies.csv", "clients", "connectwise"))
    assert later.lines() == [
        "Updated 2 clients: Ōsaka Dental (employees, start_date), Acme Law (employees, start_date)"
    ]
    assert rows(db, "SELECT name, status, industry, employees, start_date FROM client ORDER BY id") == [
        ("Ōsaka Dental", "active", "Healthcare", 18, "2023-04-01"),
        ("Acme Law", "active", "Legal", 9, "2022-11-15"),
    ]


def test_a_client_on_rows_that_disagree_is_refused(db: Database) -> None:
    assert len(text("name,seats\nÅsa AB,3\nåsa ab,3\n", "clients").records) == 1
    with pytest.raises(ValidationError) as caught:
        text("name,seats\nÅsa AB,3\nåsa ab,4\n", "clients")
    assert caught.value.message == "row 3, column seats: åsa ab is already on row 2 with seats 3"


def test_a_dry_run_reports_the_same_and_writes_nothing(db: Database, db_path: Path) -> None:
    import_clients(db, sample("itflow_clients.csv", "clients", "itflow"))
    db.close()
    from msp_desk.store.database import open_database

    db = open_database(db_path)
    before = db_path.read_bytes()
    try:
        dry = import_tickets(db, sample("itflow_tickets.csv", "tickets", "itflow"), dry_run=True)
        assert dry.lines() == [
            "Would add 3 tickets: TCK-101, TCK-102, TCK-103",
            "Dry run: nothing was written",
        ]
        assert dry.changes is None
        assert rows(db, "SELECT count(*) FROM ticket") == [(0,)]
        dry_clients = import_clients(
            db, sample("connectwise_companies.csv", "clients", "connectwise"), dry_run=True
        )
        assert dry_clients.lines()[0].startswith(
            "Would update 2 clients: Ōsaka Dental (employees, start_date)"
        )
        assert rows(db, "SELECT employees FROM client ORDER BY id") == [(None,), (None,)]
    finally:
        db.close()
    assert db_path.read_bytes() == before


def test_tickets_for_an_unknown_client_are_row_errors_and_nothing_is_written(db: Database) -> None:
    import_clients(db, text("name\nAcme Law\n", "clients"))
    with pytest.raises(ValidationError) as caught:
        import_tickets(db, sample("itflow_tickets.csv", "tickets", "itflow"))
    assert caught.value.message == (
        "row 2, column Client: there is no client named 'Ōsaka Dental'; import clients first or check the spelling"
    )
    assert rows(db, "SELECT count(*) FROM ticket") == [(0,)]
    with pytest.raises(ValidationError) as given:
        import_tickets(db, sample("itflow_tickets.csv", "tickets", "itflow"), client="Nobody Inc")
    assert (
        given.value.message
        == "--client: there is no client named 'Nobody Inc'; add it or import clients first"
    )


def test_a_reimported_event_log_adds_nothing_and_a_later_export_updates_what_changed(db: Database) -> None:
    import_clients(db, text("name\nŌsaka Dental\n", "clients"))
    log = sample("servicenow_incident_log.csv", "tickets", "servicenow", client="Ōsaka Dental")
    first = import_tickets(db, log, client="Ōsaka Dental")
    assert first.lines() == [
        "Read 7 rows: 3 tickets (each one's last state)",
        "Added 3 tickets: INC0000047, INC0000045, INC0000050",
    ]
    again = import_tickets(db, log, client="Ōsaka Dental")
    assert again.lines()[1:] == ["Unchanged: 3 tickets"]
    later = (
        "number,priority,opened_at,resolved_at,made_sla,sys_updated_on\n"
        "INC0000050,4 - Low,1/3/2016 10:00,2/3/2016 12:30,false,2/3/2016 12:30\n"
    )
    update = import_tickets(
        db, text(later, "tickets", "servicenow", "Ōsaka Dental", dates=DateOrder.DMY), client="Ōsaka Dental"
    )
    assert update.lines() == ["Updated 1 ticket: INC0000050 (resolved_at, sla_met)"]
    assert rows(
        db,
        "SELECT external_id, priority, source, resolved_at, resolved_month, resolution_us, sla_verdict FROM ticket ORDER BY external_id",
    ) == [
        (
            "INC0000045",
            "P3",
            "servicenow",
            "2016-03-01 09:52:00.000000",
            24194,
            (32 * 60 + 36) * 60_000_000,
            1,
        ),
        ("INC0000047", "P1", "servicenow", "2016-02-29 08:40:00.000000", 24193, 4 * 3600_000_000, 0),
        (
            "INC0000050",
            "P4",
            "servicenow",
            "2016-03-02 12:30:00.000000",
            24194,
            (26 * 60 + 30) * 60_000_000,
            0,
        ),
    ]


def test_tickets_without_a_number_match_on_client_and_opened_time(db: Database) -> None:
    import_clients(db, text("name\nAcme Law\n", "clients"))
    data = "client,subject,opened_at,priority\nAcme Law,Reset password,2025-03-04 09:00,P2\n"
    assert import_tickets(db, text(data, "tickets")).lines() == ["Added 1 ticket: Acme Law 2025-03-04 09:00"]
    changed = data.replace("Reset password", "Reset Zoë's password")
    assert import_tickets(db, text(changed, "tickets")).lines() == [
        "Updated 1 ticket: Acme Law 2025-03-04 09:00 (subject)"
    ]


def test_contacts_match_on_email_else_name_at_their_client(db: Database) -> None:
    import_clients(db, sample("itflow_clients.csv", "clients", "itflow"))
    assert import_contacts(db, sample("itflow_clients.csv", "contacts", "itflow")).lines() == [
        "Added 2 contacts: Zoë Müller at Ōsaka Dental, José Álvarez at Acme Law"
    ]
    requesters = import_contacts(db, sample("freshdesk_tickets.csv", "contacts", "freshdesk"))
    assert requesters.lines() == [
        "Read 4 rows: 3 contacts (rows of one contact taken as one)",
        "Added 1 contact: Kenji Tanaka at Ōsaka Dental",
        "Updated 1 contact: Zoë Müller at Ōsaka Dental (phone)",
        "Unchanged: 1 contact",
    ]
    again = import_contacts(db, sample("freshdesk_tickets.csv", "contacts", "freshdesk"))
    assert again.lines()[1:] == ["Unchanged: 3 contacts"]
    assert rows(db, "SELECT name, role, email, phone FROM contact ORDER BY id") == [
        ("Zoë Müller", "Office Manager", "zoe@osaka-dental.example", "555-0199"),
        ("José Álvarez", "Partner", "jose@acme-law.example", "555-0201"),
        ("Kenji Tanaka", "Dentist", "kenji@osaka-dental.example", ""),
    ]


def test_opened_times_stay_exact_for_mttr(db: Database) -> None:
    import_clients(db, text("name\nŌsaka Dental\nAcme Law\n", "clients"))
    import_tickets(db, sample("connectwise_tickets_utf16.csv", "tickets", "connectwise"))
    found = rows(
        db,
        "SELECT opened_at, first_response_at, resolved_at, resolution_us FROM ticket WHERE external_id = '5120'",
    )
    assert found == [
        (
            "2025-07-14 14:05:00.000000",
            "2025-07-14 14:20:00.000000",
            "2025-07-14 16:35:00.000000",
            150 * 60_000_000,
        )
    ]
    assert dt.timedelta(microseconds=150 * 60_000_000) == dt.timedelta(hours=2, minutes=30)


def test_the_apps_own_ticket_export_comes_back_with_its_targets(db: Database) -> None:
    import_clients(db, text("name\nAcme Law\n", "clients"))
    exported = (
        "external_id,client,subject,priority,opened_at,first_response_at,resolved_at,fcr,sla_met,"
        "response_target_min,resolution_target_min,source\n"
        "A-1,Acme Law,Reset password,P4,2025-03-04 09:00:00,,2025-03-04 09:30:00,yes,,60,20,phone\n"
        "A-2,Acme Law,New laptop,P3,2025-03-05 09:00:00,2025-03-05 09:10:00,,,,,,\n"
    )
    assert import_tickets(db, text(exported, "tickets")).lines() == ["Added 2 tickets: A-1, A-2"]
    assert rows(
        db,
        "SELECT external_id, fcr, response_target_min, resolution_target_min, source, sla_verdict FROM ticket ORDER BY id",
    ) == [
        ("A-1", 1, 60, 20, "phone", 0),  # resolved in 30 minutes against a 20-minute target: missed
        ("A-2", None, None, None, "", None),  # an empty source in the app's own export is none
    ]
    assert import_tickets(db, text(exported, "tickets")).lines() == ["Unchanged: 2 tickets"]
