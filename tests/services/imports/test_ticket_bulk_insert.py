"""New tickets go in below SQLAlchemy (the driver's executemany, a chunk at a time): they must be
stored exactly as SQLAlchemy's own insert stores them, and the unit of work must still know
that tickets were written (derived columns filled, pages told, no row-by-row undo)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from msp_desk.io.imports.reading import ImportRequest, parse_import
from msp_desk.services.imports import tickets as ticket_import
from msp_desk.services.imports.clients import import_clients
from msp_desk.services.imports.tickets import import_tickets
from msp_desk.store.database import Database, open_database
from msp_desk.store.queries.imports import NEW_TICKET_COLUMNS, insert_tickets, sqlite_datetime
from msp_desk.store.tables import TICKET

NOW = dt.datetime(2026, 12, 1, 8, 30, 15, 250, tzinfo=dt.UTC)
NEW_ROWS = [  # on the shop's one client (id 1)
    (
        1,
        "A-1",
        "Reset password",
        "P4",
        dt.datetime(2025, 3, 4, 9),
        None,
        dt.datetime(2025, 3, 4, 9, 30, 0, 5),
        True,
        None,
        60,
        20,
        "phone",
    ),
    (
        1,
        "",
        "",
        "P3",
        dt.datetime(1999, 12, 31, 23, 59, 59, 999999),
        dt.datetime(2000, 1, 1),
        None,
        False,
        False,
        None,
        None,
        "import",
    ),
]


def stored(db: Database) -> list[tuple[object, ...]]:
    """Every column of every ticket but ``updated_at`` (the unit of work's fill of the derived
    columns stamps it)."""
    with db.quick_read() as conn:
        names = [row[1] for row in conn.execute("PRAGMA table_info(ticket)") if row[1] != "updated_at"]
        return [tuple(row) for row in conn.execute(f"SELECT {', '.join(names)} FROM ticket ORDER BY id")]


def with_a_client(path: Path) -> Database:
    db = open_database(path)
    import_clients(db, parse_import(b"name\nAcme Law\n", ImportRequest("clients")))
    return db


def test_the_driver_insert_stores_what_sqlalchemys_insert_stores(template_db: Path, tmp_path: Path) -> None:
    found = {}
    for how in ("driver", "sqlalchemy"):
        path = tmp_path / f"{how}.sqlite3"
        path.write_bytes(template_db.read_bytes())
        db = with_a_client(path)
        with db.unit_of_work() as session:
            if how == "driver":
                insert_tickets(session, NEW_ROWS, NOW)
            else:
                stamps = {"created_at": NOW, "updated_at": NOW}
                new = [dict(zip(NEW_TICKET_COLUMNS, row, strict=True)) | stamps for row in NEW_ROWS]
                session.execute(sa.insert(TICKET), new)
        found[how] = stored(db)
        db.close()
    assert len(found["driver"]) == 2
    assert found["driver"] == found["sqlalchemy"]


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59, 999999)))
def test_times_are_the_text_sqlalchemy_stores_on_sqlite(moment: dt.datetime) -> None:
    dialect = sqlite.dialect()  # type: ignore[no-untyped-call]
    assert sqlite_datetime(moment) == TICKET.c.opened_at.type.dialect_impl(dialect).bind_processor(dialect)(
        moment
    )


def test_a_bulk_import_is_recorded_as_a_ticket_write_with_its_derived_columns(
    db_path: Path, monkeypatch: object
) -> None:
    db = with_a_client(db_path)
    monkeypatch.setattr(ticket_import, "INSERT_CHUNK", 2)  # type: ignore[attr-defined]  # several chunks
    lines = "".join(f"T{n},Acme Law,2025-03-0{n} 09:00:00,2025-03-0{n} 10:00:00\n" for n in range(1, 6))
    parsed = parse_import(
        f"external_id,client,opened_at,resolved_at\n{lines}".encode(), ImportRequest("tickets")
    )
    report = import_tickets(db, parsed)
    assert report.lines() == ["Added 5 tickets: T1, T2, T3 and 2 more"]
    assert report.changes is not None
    assert report.changes.touches({"ticket"})
    assert not report.changes.undoable  # a bulk write is not undone row by row
    with db.quick_read() as conn:
        assert list(
            conn.execute("SELECT external_id, resolved_month, resolution_us FROM ticket ORDER BY id")
        ) == [(f"T{n}", 2025 * 12 + 2, 60 * 60_000_000) for n in range(1, 6)]
    assert import_tickets(db, parsed).lines() == ["Unchanged: 5 tickets"]
    db.close()


def test_every_field_of_a_new_ticket_is_stored_in_its_own_column(db_path: Path) -> None:
    db = with_a_client(db_path)
    exported = (
        "external_id,client,subject,priority,opened_at,first_response_at,resolved_at,fcr,sla_met,"
        "response_target_min,resolution_target_min,source\n"
        "A-1,Acme Law,Reset password,High,2025-03-04 09:00:00,2025-03-04 09:05:00,2025-03-04 09:30:00,"
        "yes,no,60,20,phone\n"
        "A-2,Acme Law,,,2025-03-05 09:00,,,,,,,\n"
    )
    import_tickets(db, parse_import(exported.encode(), ImportRequest("tickets")))
    with db.quick_read() as conn:
        found = list(
            conn.execute(
                "SELECT client_id, external_id, subject, priority, opened_at, first_response_at, resolved_at,"
                " fcr, sla_met, response_target_min, resolution_target_min, source FROM ticket ORDER BY id"
            )
        )
    assert found == [
        (
            1,
            "A-1",
            "Reset password",
            "P2",
            "2025-03-04 09:00:00.000000",
            "2025-03-04 09:05:00.000000",
            "2025-03-04 09:30:00.000000",
            1,
            0,
            60,
            20,
            "phone",
        ),
        (1, "A-2", "", "P3", "2025-03-05 09:00:00.000000", None, None, None, None, None, None, ""),
    ]
    db.close()
