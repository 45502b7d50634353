"""The client roster as rows for tables and exports: tier, seats and MRR on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from msp_desk.services.facts import as_date, load_lines
from msp_desk.store.database import Database


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


def roster(db: Database, day: dt.date) -> list[RosterRow]:
    """Every client with its tier and MRR on ``day``, sorted by name."""
    with db.read() as conn:
        mrr: dict[int, int] = {}
        for fact in load_lines(conn):
            if fact.start <= day and (fact.end is None or day <= fact.end):
                mrr[fact.client_id] = mrr.get(fact.client_id, 0) + fact.mrr_cents
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
