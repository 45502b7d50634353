"""Each ticket's derived sums (resolved month, resolution time, SLA verdict) follow its fields."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from factories import make_client

from msp_desk.domain.tickets import Ticket
from msp_desk.domain.values import Month
from msp_desk.store.database import Database

OPENED = dt.datetime(2026, 3, 31, 22, 0)
HOUR_US = 3_600_000_000


def sums(db: Database) -> tuple[int | None, int | None, int | None]:
    with db.read() as conn:
        row = conn.execute(sa.text("SELECT resolved_month, resolution_us, sla_verdict FROM ticket")).one()
    return tuple(row)  # type: ignore[return-value]


def test_written_and_edited_tickets_get_their_sums(db: Database) -> None:
    client = make_client(db, "Zoë Müller Design")
    with db.unit_of_work() as session:
        ticket = Ticket(client_id=client, priority="P2", opened_at=OPENED, resolution_target_min=240)
        session.add(ticket)
    assert sums(db) == (None, None, None)  # open: not resolved, not judged

    with db.unit_of_work() as session:
        ticket = session.get(Ticket, ticket.id)
        ticket.resolved_at = OPENED + dt.timedelta(hours=3)  # within 4 h, in April
    assert sums(db) == (Month(2026, 4).index, 3 * HOUR_US, 1)

    with db.unit_of_work() as session:
        ticket = session.get(Ticket, ticket.id)
        ticket.resolved_at = OPENED + dt.timedelta(hours=1, minutes=30)  # re-resolved in March
        ticket.resolution_target_min = 60  # and judged against a stricter target: missed
    assert sums(db) == (Month(2026, 3).index, 90 * 60_000_000, 0)

    with db.unit_of_work() as session:
        session.get(Ticket, ticket.id).sla_met = True  # the PSA's own verdict wins
    assert sums(db) == (Month(2026, 3).index, 90 * 60_000_000, 1)

    with db.unit_of_work() as session:
        session.get(Ticket, ticket.id).resolved_at = None  # reopened
    assert sums(db) == (None, None, None)
