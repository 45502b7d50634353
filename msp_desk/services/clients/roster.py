"""The client roster as rows for tables and exports: tier, seats, MRR and tags on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.sql.elements import ColumnElement

from msp_desk.store.database import Database
from msp_desk.store.queries.common import as_date
from msp_desk.store.tables import CONTRACT_LINE as LINE

if TYPE_CHECKING:
    from msp_desk.services.accounts.signals import AccountSignals
from msp_desk.store.queries.kpis import line_mrr_sql

CLIENT = sa.table(
    "client",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("status", sa.String),
    sa.column("seats", sa.Integer),
    sa.column("industry", sa.String),
    sa.column("channel", sa.String),
    sa.column("start_date", sa.Date),
    sa.column("renewal_date", sa.Date),
)
TIER = sa.table(
    "tier", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("rank", sa.Integer)
)
TAG = sa.table("tag", sa.column("id", sa.Integer), sa.column("name", sa.String))
CLIENT_TAG = sa.table("client_tag", sa.column("client_id", sa.Integer), sa.column("tag_id", sa.Integer))


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
    tier_rank: int = 0  # the tier's rung on the ladder (0: no tier), to sort tiers in ladder order
    tags: tuple[str, ...] = ()  # by name
    readiness: int | None = None  # referral readiness 0-100 (None: not known)
    flags: tuple[str, ...] = ()  # labels of the account review flags raised

    @property
    def review(self) -> str:
        """ "flagged" when an account review flag is raised (seed 003's accounts to review), else ""."""
        return REVIEW_FLAGGED if self.flags else ""


REVIEW_FLAGGED = "flagged"


# client id -> (readiness score, None for a client not paying now; flag labels)
Signals = dict[int, tuple[int | None, tuple[str, ...]]]


def running_on(day: dt.date) -> ColumnElement[bool]:
    """The lines running on ``day`` (start and end dates are inclusive; no end = still running)."""
    return sa.and_(LINE.c.start_date <= day, sa.or_(LINE.c.end_date.is_(None), LINE.c.end_date >= day))


def _fetch(conn: Connection, query: sa.Select[Any]) -> list[Any]:
    """The rows of ``query`` as the driver gives them: for 20,000 clients SQLAlchemy's per-row
    result processing would cost more than the query (dates may come back as ISO text)."""
    result = conn.execute(query)
    try:
        return result.cursor.fetchall()  # type: ignore[union-attr]
    finally:
        result.close()


def _clients_with_mrr(conn: Connection, day: dt.date) -> list[Any]:
    mrr = (
        sa.select(LINE.c.client_id, sa.cast(sa.func.sum(line_mrr_sql()), sa.BigInteger).label("mrr"))
        .where(running_on(day))
        .group_by(LINE.c.client_id)
        .subquery()
    )
    c = CLIENT.c
    query = (
        sa.select(
            c.id, c.name, c.status, c.seats, c.industry, c.channel, c.start_date, c.renewal_date, mrr.c.mrr
        )
        .select_from(CLIENT.outerjoin(mrr, mrr.c.client_id == c.id))
        .order_by(sa.func.lower(c.name), c.id)
    )
    return _fetch(conn, query)


def _tiers_on(conn: Connection, day: dt.date) -> dict[int, tuple[str, int]]:
    """Each client's tier (name, rank) on ``day``; of overlapping tier lines the latest started."""
    query = (
        sa.select(LINE.c.client_id, TIER.c.name, TIER.c.rank)
        .select_from(LINE.join(TIER, TIER.c.id == LINE.c.tier_id))
        .where(LINE.c.kind == "tier", running_on(day))
        .order_by(LINE.c.start_date, LINE.c.id)
    )
    return {cid: (name, rank or 0) for cid, name, rank in _fetch(conn, query)}


def tags_by_client(conn: Connection) -> dict[int, tuple[str, ...]]:
    """Each tagged client's tag names, in name order."""
    query = (
        sa.select(CLIENT_TAG.c.client_id, TAG.c.name)
        .select_from(CLIENT_TAG.join(TAG, TAG.c.id == CLIENT_TAG.c.tag_id))
        .order_by(CLIENT_TAG.c.client_id, TAG.c.name)
    )
    tags: dict[int, list[str]] = {}
    for cid, name in _fetch(conn, query):
        tags.setdefault(cid, []).append(name)
    return {cid: tuple(names) for cid, names in tags.items()}


def roster_signals(db: Database, day: dt.date) -> Signals:
    """Each client's referral readiness (0-100) and the labels of its account review flags on
    ``day`` (``services.accounts.signals``). Slower than the roster itself (every client's tickets, QBRs,
    asks and margins are read), so a screen may show the roster first and add these when they
    come (``with_signals``)."""
    from msp_desk.services.accounts.signals import account_signals

    return signal_labels(account_signals(db, day))


def signal_labels(signals: Mapping[int, AccountSignals]) -> Signals:
    """The roster's view of ``services.accounts.signals`` signals: readiness score (only of a client paying
    now: one who left or has not started is not asked for referrals) and flag labels."""
    return {
        cid: (
            found.readiness.score if found.mrr_cents > 0 else None,
            tuple(flag.label for flag in found.flags),
        )
        for cid, found in signals.items()
    }


def with_signals(rows: Iterable[RosterRow], signals: Signals) -> list[RosterRow]:
    """``rows`` (same clients, same order) with their readiness and flags from ``signals``."""
    return [
        RosterRow(
            r.client_id,
            r.name,
            r.status,
            r.tier,
            r.seats,
            r.mrr_cents,
            r.industry,
            r.channel,
            r.start_date,
            r.renewal_date,
            r.tier_rank,
            r.tags,
            *signals.get(r.client_id, (None, ())),
        )
        for r in rows
    ]


def roster(db: Database, day: dt.date, *, signals: bool = True) -> list[RosterRow]:
    """Every client with its tier, MRR and tags on ``day``, sorted by name; with ``signals``
    also its readiness and flags (``roster_signals``: most of the time taken)."""
    with db.read() as conn:
        clients = _clients_with_mrr(conn, day)
        tiers = _tiers_on(conn, day)
        tags = tags_by_client(conn)
    return _rows(clients, tiers, tags, roster_signals(db, day) if signals else {})


def _rows(
    clients: Iterable[Any],
    tiers: dict[int, tuple[str, int]],
    tags: dict[int, tuple[str, ...]],
    signals: Signals,
) -> list[RosterRow]:
    no_tier: tuple[str, int] = ("", 0)
    no_signals: tuple[int | None, tuple[str, ...]] = (None, ())
    dates: dict[object, dt.date | None] = {None: None}  # a date's text parsed once: they repeat
    rows = []
    for cid, name, status, seats, industry, channel, start, renewal, mrr in clients:
        tier, rank = tiers.get(cid, no_tier)
        readiness, flags = signals.get(cid, no_signals)
        if start not in dates:
            dates[start] = as_date(start)
        if renewal not in dates:
            dates[renewal] = as_date(renewal)
        rows.append(
            RosterRow(
                cid,
                name,
                status,
                tier,
                seats or 0,
                int(mrr or 0),
                industry or "",
                channel or "",
                dates[start],
                dates[renewal],
                rank,
                tags.get(cid, ()),
                readiness,
                flags,
            )
        )
    return rows
