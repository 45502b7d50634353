"""Each preset reads its product's real export (samples in ``samples/``) into the right values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.imports.dates import DateOrder
from msp_desk.io.imports.reading import ImportRequest, parse_import
from msp_desk.io.imports.rows import ImportOptions

SAMPLES = Path(__file__).parent / "samples"
T = dt.datetime


def parsed(name: str, kind: str, preset: str | None, **options: object) -> list[dict[str, object]]:
    request = ImportRequest(kind, preset, tuple(options.pop("maps", ())), options=ImportOptions(**options))  # type: ignore[arg-type]
    return [record.values for record in parse_import((SAMPLES / name).read_bytes(), request).records]


def test_itflow_clients_and_contacts_by_position() -> None:
    assert parsed("itflow_clients.csv", "clients", "itflow") == [
        {"name": "Ōsaka Dental", "industry": "Healthcare"},
        {"name": "Acme Law", "industry": "Legal"},
    ]
    assert parsed("itflow_clients.csv", "contacts", "itflow")[0] == {
        "client": "Ōsaka Dental",
        "name": "Zoë Müller",
        "role": "Office Manager",
        "email": "zoe@osaka-dental.example",
        "phone": "555-0101",
    }


def test_itflow_tickets_resolved_else_closed() -> None:
    first, second, third = parsed("itflow_tickets.csv", "tickets", "itflow")
    assert first == {
        "client": "Ōsaka Dental",
        "external_id": "TCK-101",
        "subject": "Server down at Ōsaka",
        "opened_at": T(2025, 3, 3, 8, 0),
        "resolved_at": T(2025, 3, 3, 10, 30),
        "priority": "P1",
        "status": "Closed",
    }
    assert second["resolved_at"] == T(2025, 3, 5, 9, 0)  # no Date Resolved: Date Closed
    assert "resolved_at" not in third and third["priority"] == "P3"


def test_syncro_customers_in_windows_1252() -> None:
    assert parsed("syncro_customers_cp1252.csv", "clients", "syncro") == [
        {"name": "Zoë’s Café", "notes": "Prefers café meetings"},
        {"name": "René Faßbender"},  # no business name: the person's name
    ]


def test_syncro_contacts_need_their_client() -> None:
    with pytest.raises(ValidationError) as caught:
        parsed("syncro_contacts.csv", "contacts", "syncro")
    assert caught.value.message == (
        "row 1: Syncro's contact export names the client by customer_id only; map one with "
        "--map client=COLUMN or give --client NAME to put every row on one client"
    )
    rows = parsed("syncro_contacts.csv", "contacts", "syncro", client="Ōsaka Dental")
    assert [(r["client"], r["name"], r.get("phone")) for r in rows] == [
        ("Ōsaka Dental", "Zoë Müller", "555-0101"),
        ("Ōsaka Dental", "Kenji Tanaka", "555-0102"),  # no phone: the mobile
    ]


def test_autotask_semicolon_organizations_and_rest_tickets() -> None:
    assert parsed("autotask_organizations_semicolon.csv", "clients", "autotask") == [
        {"name": "Ōsaka Dental"},
        {"name": "Müller & Söhne GmbH"},
    ]
    firewall, drive = parsed("autotask_tickets.csv", "tickets", "autotask")
    assert firewall == {
        "client": "Ōsaka Dental",
        "external_id": "T20250505.0001",
        "subject": "Firewall alert",
        "opened_at": T(2025, 5, 5, 8, 0),
        "first_response_at": T(2025, 5, 5, 8, 10),
        "resolved_at": T(2025, 5, 5, 10, 0),
        "priority": "P1",  # Autotask's 4 is Critical
        "status": "5",
        "sla_met": True,
    }
    assert drive["priority"] == "P4" and "sla_met" not in drive  # 3 is Low; no verdict, none guessed


def test_connectwise_companies_and_utf16_tickets() -> None:
    osaka, _ = parsed("connectwise_companies.csv", "clients", "connectwise")
    assert osaka == {
        "name": "Ōsaka Dental",
        "industry": "Healthcare",
        "employees": 18,
        "start_date": dt.date(2023, 4, 1),
    }
    outlook, backup = parsed("connectwise_tickets_utf16.csv", "tickets", "connectwise")
    assert (outlook["opened_at"], outlook["first_response_at"], outlook["resolved_at"]) == (
        T(2025, 7, 14, 14, 5),
        T(2025, 7, 14, 14, 20),
        T(2025, 7, 14, 16, 35),
    )
    assert (outlook["priority"], outlook["sla_met"], backup["priority"], backup["sla_met"]) == (
        "P2",
        True,
        "P1",
        False,
    )


def test_halopsa_tickets_sla_state_in_or_out() -> None:
    wifi, mouse = parsed("halopsa_tickets.csv", "tickets", "halopsa")
    assert (wifi["priority"], wifi["first_response_at"], wifi["resolved_at"], wifi["sla_met"]) == (
        "P2", T(2025, 6, 2, 9, 20), T(2025, 6, 2, 11, 30), True,
    )  # fmt: skip
    assert (mouse["priority"], mouse["sla_met"]) == ("P4", False)


def test_freshdesk_tickets_and_requesters_as_contacts() -> None:
    tickets = parsed("freshdesk_tickets.csv", "tickets", "freshdesk")
    assert [(t["external_id"], t["priority"], t.get("resolved_at")) for t in tickets] == [
        ("301", "P1", T(2025, 4, 1, 9, 30)),
        ("302", "P4", T(2025, 4, 3, 16, 0)),
        ("303", "P3", None),
        ("304", "P2", None),
    ]
    assert tickets[0]["subject"] == "VPN drops, again" and "fcr" not in tickets[0]
    contacts = parsed("freshdesk_tickets.csv", "contacts", "freshdesk")
    assert [(c["client"], c["name"]) for c in contacts] == [  # Zoë's two tickets: one contact
        ("Acme Law", "José Álvarez"),
        ("Ōsaka Dental", "Zoë Müller"),
        ("Ōsaka Dental", "Kenji Tanaka"),
    ]


def test_servicenow_event_log_keeps_each_incidents_last_state() -> None:
    by_number = {
        r["external_id"]: r
        for r in parsed("servicenow_incident_log.csv", "tickets", "servicenow", client="Ōsaka Dental")
    }
    assert set(by_number) == {"INC0000045", "INC0000047", "INC0000050"}
    closed = by_number["INC0000045"]
    assert (closed["status"], closed["opened_at"], closed["resolved_at"], closed["priority"], closed["sla_met"]) == (
        "Closed", T(2016, 2, 29, 1, 16), T(2016, 3, 1, 9, 52), "P3", True,
    )  # fmt: skip
    # its rows are out of order in the file: the latest sys_updated_at wins, not the last row
    critical = by_number["INC0000047"]
    assert (critical["status"], critical["resolved_at"], critical["priority"], critical["sla_met"]) == (
        "Resolved", T(2016, 2, 29, 8, 40), "P1", False,
    )  # fmt: skip
    planning = by_number["INC0000050"]
    assert (planning["priority"], "resolved_at" in planning) == ("P4", False)  # 5 - Planning is P4


def test_the_apps_own_columns_without_a_preset_and_map_completing() -> None:
    data = (
        b"external_id,client,subject,opened_at,resolved_at,priority,fcr,sla_met\n"
        b"A-1,Acme Law,Reset password,2025-03-04 09:00,2025-03-04 09:20,P4,yes,true\n"
    )
    request = ImportRequest("tickets", None, ("subject=external_id",))
    record = parse_import(data, request).records[0].values
    assert record["subject"] == "A-1" and record["fcr"] is True and record["priority"] == "P4"


def test_ambiguous_dates_refused_without_dates_and_read_with_it() -> None:
    data = b"client,opened_at\nAcme Law,4/3/2025 10:00\nAcme Law,5/6/2025 11:00\n"
    with pytest.raises(ValidationErrors) as caught:
        parse_import(data, ImportRequest("tickets"))
    assert [e.message for e in caught.value.errors] == [
        "row 2, column opened_at: '4/3/2025 10:00' could be 4 March 2025 or 3 April 2025; say which "
        "with --dates dmy (day first) or --dates mdy (month first)",
        "row 3, column opened_at: '5/6/2025 11:00' could be 5 June 2025 or 6 May 2025; say which "
        "with --dates dmy (day first) or --dates mdy (month first)",
    ]
    records = parse_import(data, ImportRequest("tickets", options=ImportOptions(dates=DateOrder.DMY))).records
    assert [r.values["opened_at"] for r in records] == [T(2025, 3, 4, 10), T(2025, 6, 5, 11)]


def test_every_bad_cell_is_reported_with_its_row_and_column() -> None:
    data = (
        b"Ticket ID,Subject,Status,Priority,Created time,Resolved time,Company Name\n"
        b"1,A,Open,Whenever,2025-04-01 08:00:00,2025-03-01 08:00:00,Acme Law\n"
        b"2,B,Open,Low,NULL,,?\n"
    )
    with pytest.raises(ValidationErrors) as caught:
        parse_import(data, ImportRequest("tickets", "freshdesk"))
    assert [e.message for e in caught.value.errors] == [
        "row 2, column Priority: 'Whenever' is not a priority: expected P1-P4, 1-4, Critical/Urgent, High, Medium/Normal or Low",
        "row 2, column Resolved time: 2025-03-01 08:00:00 is before the opened time 2025-04-01 08:00:00",
        "row 3, column Company Name: the client name is empty",
        "row 3, column Created time: the opened time is empty",
    ]


def test_map_names_a_known_field_and_a_column_the_file_has() -> None:
    data = b"Company,Opened\nAcme Law,2025-03-04\n"
    with pytest.raises(ValidationError) as unknown:
        parse_import(data, ImportRequest("tickets", None, ("customer=Company",)))
    assert unknown.value.message.startswith(
        "--map: tickets have no field 'customer'; the fields are external_id, client,"
    )
    with pytest.raises(ValidationError) as missing:
        parse_import(data, ImportRequest("tickets", None, ("client=Kunde", "opened_at=Opened")))
    assert (
        missing.value.message
        == "--map: client=Kunde: the file has no column 'Kunde'; its columns are Company, Opened"
    )
    records = parse_import(
        data, ImportRequest("tickets", None, ("client=company", "opened_at=Opened"))
    ).records
    assert records[0].values == {"client": "Acme Law", "opened_at": T(2025, 3, 4)}


def test_map_field_with_no_column_leaves_an_optional_field_out() -> None:
    """``--map subject=`` stops a preset reading a column the owner does not want; a field every
    row needs cannot be left out."""
    plain = parsed("itflow_tickets.csv", "tickets", "itflow")
    assert all("subject" in values for values in plain)
    request = ImportRequest("tickets", "itflow", ("subject=",))
    left_out = [
        record.values
        for record in parse_import((SAMPLES / "itflow_tickets.csv").read_bytes(), request).records
    ]
    assert left_out == [{k: v for k, v in values.items() if k != "subject"} for values in plain]
    with pytest.raises(ValidationError) as needed:
        parse_import(
            (SAMPLES / "itflow_tickets.csv").read_bytes(), ImportRequest("tickets", "itflow", ("client=",))
        )
    assert needed.value.message == "--map: client= leaves out the client name, which every row needs"
