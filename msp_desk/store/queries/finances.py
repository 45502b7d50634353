"""The reads of the Spend & revenue page and its writes' checks: marketing spend by month and
channel, one-off revenue by day, the referral rewards counted as spend, the clients to pick."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import col, select

from msp_desk.domain.contracts import MarketingSpend, ProjectRevenue
from msp_desk.store.queries.common import as_date
from msp_desk.store.tables import CLIENT, MARKETING_SPEND, PROJECT_REVENUE

if TYPE_CHECKING:
    from sqlmodel import Session


def spend_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(id, month, channel, amount cents, note) of every spend row, newest month first."""
    s = MARKETING_SPEND.c
    query = sa.select(s.id, s.month, s.channel, s.amount_cents, s.note).order_by(
        s.month.desc(), s.channel, s.id
    )
    return [tuple(row) for row in conn.execute(query)]


def spend_row(conn: Connection, spend_id: int) -> tuple[Any, ...] | None:
    """(id, month, channel, amount cents, note) of one spend row; None if there is none."""
    s = MARKETING_SPEND.c
    row = conn.execute(
        sa.select(s.id, s.month, s.channel, s.amount_cents, s.note).where(s.id == spend_id)
    ).first()
    return None if row is None else tuple(row)


def revenue_query() -> sa.Select[Any]:
    """(id, day, client id, client name, kind, amount cents, cost cents, description) of the
    one-off revenue rows, newest first (the client's name None for revenue of no client)."""
    v = PROJECT_REVENUE.c
    return (
        sa.select(
            v.id, v.day, v.client_id, CLIENT.c.name, v.kind, v.amount_cents, v.cost_cents, v.description
        )
        .select_from(PROJECT_REVENUE.outerjoin(CLIENT, CLIENT.c.id == v.client_id))
        .order_by(v.day.desc(), v.id.desc())
    )


def revenue_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """Every one-off revenue row as ``revenue_query`` reads it, the day a ``dt.date``."""
    return [(rid, as_date(day), *rest) for rid, day, *rest in conn.execute(revenue_query())]


def revenue_row(conn: Connection, revenue_id: int) -> tuple[Any, ...] | None:
    """One one-off revenue row as ``revenue_rows`` gives it; None if there is none."""
    row = conn.execute(revenue_query().where(PROJECT_REVENUE.c.id == revenue_id)).first()
    return None if row is None else (row[0], as_date(row[1]), *row[2:])


def uncosted_revenue_between(conn: Connection, first: dt.date, last: dt.date) -> bool:
    """Whether one-off revenue dated ``first``..``last`` lacks its direct cost."""
    v = PROJECT_REVENUE.c
    query = sa.select(v.id).where(v.day.between(first, last), v.cost_cents.is_(None)).limit(1)
    return conn.execute(query).first() is not None


def client_choices(conn: Connection) -> list[tuple[int, str]]:
    """(id, name) of every client, by name (revenue may be a client's)."""
    c = CLIENT.c
    return [
        (cid, name) for cid, name in conn.execute(sa.select(c.id, c.name).order_by(sa.func.lower(c.name)))
    ]


def spend_on(
    session: Session, month: str, channel: str, other_than: int | None = None
) -> MarketingSpend | None:
    """The spend row of ``month`` and ``channel`` (one a month and channel), other than row
    ``other_than``; None if there is none."""
    query = select(MarketingSpend).where(MarketingSpend.month == month, MarketingSpend.channel == channel)
    if other_than is not None:
        query = query.where(MarketingSpend.id != other_than)
    return session.exec(query).first()


def all_spend(session: Session) -> list[MarketingSpend]:
    """Every spend row (an import matches its rows against them; a shop has a few a month)."""
    return list(session.exec(select(MarketingSpend).order_by(col(MarketingSpend.id))))


def all_revenue(session: Session) -> list[ProjectRevenue]:
    """Every one-off revenue row, oldest first (an import matches its rows against them)."""
    return list(session.exec(select(ProjectRevenue).order_by(col(ProjectRevenue.id))))
