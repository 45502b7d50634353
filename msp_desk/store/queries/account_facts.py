"""The facts of every client's account on a day (``kpi.inputs.AccountFacts``), each read for all
clients at once in one query grouped by client (never one query per client): the account signals'
reads (referral readiness, review flags)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from msp_desk.domain.enums import LineKind, RoadmapStatus
from msp_desk.domain.values import ONE_DAY, last_full_month
from msp_desk.store.queries.common import running_on
from msp_desk.store.tables import (
    CLIENT,
    CONTRACT_LINE,
    PROJECT_REVENUE,
    QBR_MEETING,
    REFERRAL_ASK,
    ROADMAP_ITEM,
    TICKET,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection


def client_rows(conn: Connection) -> list[tuple[int, str, int | None, dt.date | None, int | None]]:
    """(id, status, seats, start date, satisfaction) of every client."""
    k = CLIENT.c
    return [
        tuple(row) for row in conn.execute(sa.select(k.id, k.status, k.seats, k.start_date, k.satisfaction))
    ]


def first_starts(conn: Connection) -> dict[int, dt.date]:
    """The first line start of each client that has no start date recorded."""
    c, k = CONTRACT_LINE.c, CLIENT.c
    query = (
        sa.select(c.client_id, sa.func.min(c.start_date))
        .select_from(CONTRACT_LINE.join(CLIENT, k.id == c.client_id))
        .where(k.start_date.is_(None))
        .group_by(c.client_id)
    )
    return dict(conn.execute(query).all())


def line_sums(conn: Connection, day: dt.date) -> dict[int, tuple[int, int, int, int]]:
    """Per client: MRR on ``day`` and, over the last three full month ends, the MRR of its
    costed lines, their cost, and the MRR of its lines without a known cost. Only the lines
    running on the first of those months or later are read."""
    c = CONTRACT_LINE.c
    last = last_full_month(day)
    lo, hi = (last - 2).index, last.index
    first = sa.case((c.first_month > lo, c.first_month), else_=lo)
    end = sa.case((c.last_month.is_(None), hi), (c.last_month < hi, c.last_month), else_=hi)
    months = sa.case((end >= first, end - first + 1), else_=0)
    mrr = sa.func.coalesce(c.mrr_cents, 0)
    zero = sa.literal(0, sa.BigInteger)
    query = (
        sa.select(
            c.client_id,
            sa.func.sum(sa.case((running_on(day), mrr), else_=zero)),
            sa.func.sum(sa.case((c.cost_cents.is_not(None), mrr * months), else_=zero)),
            sa.func.sum(sa.func.coalesce(c.cost_cents, 0) * months),
            sa.func.sum(sa.case((c.cost_cents.is_(None), mrr * months), else_=zero)),
        )
        .where(sa.or_(c.end_date.is_(None), c.end_date >= (last - 2).first_day()))
        .group_by(c.client_id)
    )
    return {
        cid: (int(now or 0), int(rev or 0), int(cost or 0), int(unc or 0))
        for cid, now, rev, cost, unc in conn.execute(query)
    }


def _days_ending(day: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    """The ``days`` days ending on ``day`` (inclusive) as a half-open span of datetimes."""
    first = day - dt.timedelta(days=days - 1)
    return dt.datetime(first.year, first.month, first.day), dt.datetime.combine(day + ONE_DAY, dt.time())


def ticket_counts(conn: Connection, day: dt.date, days: int) -> dict[int, tuple[int, int, int]]:
    """Per client: tickets opened in the ``days`` days ending on ``day``, and of those resolved in
    them the ones with an SLA verdict and the ones that met it (one pass over both date indexes)."""
    t = TICKET.c
    lo, hi = _days_ending(day, days)
    opened = sa.and_(t.opened_at >= lo, t.opened_at < hi)
    resolved = sa.and_(t.resolved_at >= lo, t.resolved_at < hi)
    one, zero = sa.literal(1), sa.literal(0)
    judged = sa.and_(resolved, t.sla_verdict.is_not(None))
    query = (
        sa.select(
            t.client_id,
            sa.func.sum(sa.case((opened, one), else_=zero)),
            sa.func.sum(sa.case((judged, one), else_=zero)),
            sa.func.sum(sa.case((sa.and_(judged, t.sla_verdict == sa.true()), one), else_=zero)),
        )
        .where(sa.or_(opened, resolved))
        .group_by(t.client_id)
    )
    return {cid: (int(n), int(j), int(m)) for cid, n, j, m in conn.execute(query)}


def _latest(conn: Connection, table: sa.Table, day: dt.date, column: str) -> dict[int, tuple[dt.date, Any]]:
    """Per client, the day and ``column`` of its latest row (by ``day``, then id) dated on or
    before ``day``."""
    c = table.c
    latest = (
        sa.select(c.client_id, sa.func.max(c.day).label("last"))
        .where(c.client_id.is_not(None), c.day <= day)
        .group_by(c.client_id)
        .subquery()
    )
    query = (
        sa.select(c.client_id, c.id, c.day, c[column])
        .join(latest, sa.and_(latest.c.client_id == c.client_id, latest.c.last == c.day))
        .order_by(c.id)
    )
    return {cid: (row_day, value) for cid, _id, row_day, value in conn.execute(query)}


def latest_qbrs(conn: Connection, day: dt.date) -> dict[int, tuple[dt.date, str]]:
    """Per client, the day and outcome of its latest QBR on or before ``day``."""
    return _latest(conn, QBR_MEETING, day, "outcome")


def latest_asks(conn: Connection, day: dt.date) -> dict[int, tuple[dt.date, str]]:
    """Per client, the day and result of the latest referral ask made of it on or before ``day``."""
    return _latest(conn, REFERRAL_ASK, day, "result")


def declined_counts(conn: Connection, after: dt.date, last: dt.date) -> dict[int, int]:
    """Per client: roadmap items declined among those proposed after ``after`` up to ``last`` (an
    item without a proposal date is dated by its QBR; one with neither is not counted)."""
    r, q = ROADMAP_ITEM.c, QBR_MEETING.c
    proposed = sa.func.coalesce(r.proposed_on, q.day)
    query = (
        sa.select(r.client_id, sa.func.count())
        .select_from(ROADMAP_ITEM.outerjoin(QBR_MEETING, q.id == r.qbr_id))
        .where(r.status == RoadmapStatus.DECLINED.value, proposed > after, proposed <= last)
        .group_by(r.client_id)
    )
    return dict(conn.execute(query).all())


def roadmap_done(conn: Connection, first: dt.date, last: dt.date) -> list[tuple[int, dt.date, str]]:
    """(client id, day done, title) of the roadmap items done from ``first`` to ``last``."""
    r = ROADMAP_ITEM.c
    query = sa.select(r.client_id, r.done_on, r.title).where(
        r.status == RoadmapStatus.DONE.value, r.done_on >= first, r.done_on <= last
    )
    return [tuple(row) for row in conn.execute(query)]


def projects_delivered(conn: Connection, first: dt.date, last: dt.date) -> list[tuple[int, dt.date, str]]:
    """(client id, day, description) of the clients' one-off projects from ``first`` to ``last``."""
    p = PROJECT_REVENUE.c
    query = sa.select(p.client_id, p.day, p.description).where(
        p.client_id.is_not(None), p.day >= first, p.day <= last
    )
    return [tuple(row) for row in conn.execute(query)]


def addons_started(conn: Connection, first: dt.date, last: dt.date) -> list[tuple[int, dt.date, str]]:
    """(client id, start date, description) of the add-on lines started from ``first`` to
    ``last`` that replace no line (a new add-on, not a repriced one)."""
    c = CONTRACT_LINE.c
    query = sa.select(c.client_id, c.start_date, c.description).where(
        c.kind == LineKind.ADDON.value,
        c.replaces_line_id.is_(None),
        c.start_date >= first,
        c.start_date <= last,
    )
    return [tuple(row) for row in conn.execute(query)]
