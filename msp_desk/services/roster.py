"""The client roster as rows for tables and exports: tier, seats and MRR on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.sql.elements import ColumnElement

from msp_desk.services.facts import as_date
from msp_desk.store.core_tables import CONTRACT_LINE as LINE
from msp_desk.store.database import Database
from msp_desk.store.queries import line_mrr_sql


@dataclass(frozen=True, slots=True)
class RosterRow:
    client_id: int
    name: str
    status: str
    tier: str
    seats: int
    mrr_cents: int
    industry: str
    channel: str
    start_date: dt.date | None
    renewal_date: dt.date | None


def running_on(day: dt.date) -> ColumnElement[bool]:
    """The lines running on ``day`` (start and end dates are inclusive; no end = still running)."""
    return sa.and_(LINE.c.start_date <= day, sa.or_(LINE.c.end_date.is_(None), LINE.c.end_date >= day))


def mrr_by_client_on(conn: Connection, day: dt.date) -> dict[int, int]:
    """Each client's MRR on ``day`` (clients without a running line are left out)."""
    total = sa.cast(sa.func.sum(line_mrr_sql()), sa.BigInteger)
    query = sa.select(LINE.c.client_id, total).where(running_on(day)).group_by(LINE.c.client_id)
    return {cid: int(cents) for cid, cents in conn.execute(query) if cents}


def roster(db: Database, day: dt.date) -> list[RosterRow]:
    """Every client with its tier and MRR on ``day``, sorted by name."""
    with db.read() as conn:
        mrr = mrr_by_client_on(conn, day)
        tiers = dict(
            conn.execute(
                sa.text(
                    "SELECT l.client_id, t.name FROM contract_line l JOIN tier t ON t.id = l.tier_id"
                    " WHERE l.kind = 'tier' AND l.start_date <= :d"
                    " AND (l.end_date IS NULL OR l.end_date >= :d)"
                ),
                {"d": day.isoformat()},
            ).all()
        )
        rows = conn.execute(
            sa.text(
                "SELECT id, name, status, seats, industry, channel, start_date, renewal_date"
                " FROM client ORDER BY lower(name)"
            )
        )
        return [
            RosterRow(
                cid,
                name,
                status,
                tiers.get(cid, ""),
                seats or 0,
                mrr.get(cid, 0),
                industry or "",
                channel or "",
                as_date(start),
                as_date(renewal),
            )
            for cid, name, status, seats, industry, channel, start, renewal in rows
        ]
