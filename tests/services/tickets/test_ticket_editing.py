"""Tickets entered in the app: added, edited and resolved one unit of work at a time, validated
whole (a refused write changes nothing), with the SLA judged by the client's tier, and undoable."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder, table_rows

from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.tickets.editing import add_ticket, new_ticket_id, resolve_ticket, ticket, update_ticket
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

OPENED = dt.datetime(2026, 2, 2, 9, 0)
NOW = dt.datetime(2026, 3, 14, 12, 0)


@pytest.fixture
def client_id(db: Database) -> int:
    ids = make_ladder(db)  # Core's P1 target: first response within 30 minutes, resolution 240
    client = make_client(db, "Harbor Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    return client


def test_a_ticket_added_then_resolved_is_judged_by_the_tier(db: Database, client_id: int) -> None:
    changes = add_ticket(
        db,
        client_id,
        opened_at=OPENED,
        subject="  Printer   offline ",
        external_id="T-100",
        priority="P1",
        first_response_at=OPENED + dt.timedelta(minutes=20),
        source="phone",
        now=NOW,
    )
    assert changes.message == "Added T-100 for Harbor Dental"
    assert client_id in changes.clients
    ticket_id = new_ticket_id(changes)
    shown = ticket(db, ticket_id)
    assert (shown.subject, shown.priority, shown.resolved_at, shown.fcr, shown.source) == (
        "Printer offline",
        "P1",
        None,
        None,
        "phone",
    )
    resolve_ticket(db, ticket_id, OPENED + dt.timedelta(hours=3), fcr=True, now=NOW)
    with db.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT response_target_min, resolution_target_min, resolution_us, sla_verdict, fcr"
            " FROM ticket WHERE id = ?",
            (ticket_id,),
        ).one()
    assert tuple(row) == (30, 240, 3 * 3600 * 10**6, 1, 1)  # 3 h within 4 h: met


def test_editing_the_priority_judges_it_by_the_new_targets(db: Database, client_id: int) -> None:
    ticket_id = new_ticket_id(
        add_ticket(db, client_id, opened_at=OPENED, priority="P3", resolved_at=OPENED + dt.timedelta(hours=5))
    )
    with db.read() as conn:
        before = conn.exec_driver_sql("SELECT sla_verdict FROM ticket WHERE id = ?", (ticket_id,)).scalar()
    assert before is None  # the test ladder sets no P3 target: not judged
    update_ticket(db, ticket_id, priority="P1")
    with db.read() as conn:
        after = conn.exec_driver_sql(
            "SELECT resolution_target_min, sla_verdict FROM ticket WHERE id = ?", (ticket_id,)
        ).one()
    assert tuple(after) == (240, 0)  # 5 h against P1's 4 h: missed


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"resolved_at": OPENED - dt.timedelta(minutes=1)}, "resolved_at"),
        ({"first_response_at": OPENED - dt.timedelta(hours=1)}, "first_response_at"),
        ({"priority": "P5"}, "priority"),
        ({"subject": "Bell\x07ringing"}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"external_id": "T\u202e1"}, "external_id"),
        ({"source": "e" * 41}, "source"),
        ({"fcr": True}, "fcr"),  # resolved on first contact but not resolved
        ({"resolved_at": NOW + dt.timedelta(days=1)}, "resolved_at"),
        ({"external_id": "T-1"}, "external_id"),  # already used
    ],
)
def test_a_refused_ticket_writes_nothing(
    db: Database, client_id: int, fields: dict[str, object], field: str
) -> None:
    add_ticket(db, client_id, opened_at=OPENED, external_id="T-1")
    before = table_rows(db, ("ticket",))
    with pytest.raises(ValidationError) as refused:
        add_ticket(db, client_id, opened_at=OPENED, now=NOW, **fields)
    assert refused.value.field == field
    assert table_rows(db, ("ticket",)) == before


def test_edits_are_checked_whole_and_undone(db: Database, client_id: int) -> None:
    ticket_id = new_ticket_id(add_ticket(db, client_id, opened_at=OPENED, subject="VPN"))
    before = table_rows(db, ("ticket",))
    with pytest.raises(ValidationError, match="before it was opened"):
        update_ticket(db, ticket_id, subject="VPN down", resolved_at=OPENED - dt.timedelta(hours=1))
    assert table_rows(db, ("ticket",)) == before
    changes = update_ticket(db, ticket_id, subject="VPN down", external_id="T-9")
    assert changes.message == "Saved T-9"
    assert update_ticket(db, ticket_id, subject="VPN down").message == "No changes to save"
    assert changes.journal is not None
    revert(db, changes.journal, "edit")
    assert table_rows(db, ("ticket",)) == before


def test_resolving_twice_or_a_missing_ticket_is_refused(db: Database, client_id: int) -> None:
    ticket_id = new_ticket_id(add_ticket(db, client_id, opened_at=OPENED))
    resolve_ticket(db, ticket_id, OPENED + dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="already resolved"):
        resolve_ticket(db, ticket_id, OPENED + dt.timedelta(hours=2))
    with pytest.raises(NotFound):
        resolve_ticket(db, 9999, OPENED)
    with pytest.raises(NotFound):
        add_ticket(db, 9999, opened_at=OPENED)
