"""The KPIs' reads (SQLAlchemy Core): the sums and rows the KPI engine computes from.

Portable SQL (the few expressions databases spell differently come from ``queries.common``).
Rows are plain tuples: this layer knows nothing of the KPI dataclasses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, Connection

from msp_desk.domain.enums import RewardStatus
from msp_desk.domain.values import FULL_DISCOUNT_BP, PERIOD_MONTHS, Month
from msp_desk.store.queries.common import Memo, as_date, as_datetime, flag, raw_rows, running_on
from msp_desk.store.tables import CLIENT, MARKETING_SPEND, PROJECT_REVENUE, REWARD, SHOP_SETTINGS, TIER
from msp_desk.store.tables import CONTRACT_LINE as _LINE
from msp_desk.store.tables import TICKET as _TICKET

SETTLED_REWARD_STATUSES = (RewardStatus.APPLIED.value, RewardStatus.PAID.value)


def ticket_month_stats(
    conn: Connection, first: Month | None = None, last: Month | None = None
) -> list[tuple[int, str, int, int, int, int, int, int, int]]:
    """Sums of the tickets resolved in ``first``..``last`` (every resolved ticket without a
    range), one row per resolved month and priority, in that order.

    Row: (``Month.index`` resolved, priority, resolved, timed, resolution microseconds,
    FCR known, FCR yes, SLA judged, SLA met), as ``kpi.inputs.TicketMonthStats``: ``timed`` and
    the resolution time cover the tickets resolved at or after they were opened. Summed from
    each ticket's derived columns (``fill_ticket_derived``) through a covering index.
    """
    query = ticket_month_stats_query(first, last)
    return [
        (int(m), prio, *(int(v) for v in sums))  # PostgreSQL sums come back as Decimal
        for m, prio, *sums in conn.execute(query)
    ]


def ticket_month_stats_query(first: Month | None = None, last: Month | None = None) -> sa.Select[Any]:
    """The statement of ``ticket_month_stats`` (portable SQL)."""
    t = _TICKET.c
    in_range = t.resolved_month.is_not(None)
    if first is not None and last is not None:
        in_range = t.resolved_month.between(first.index, last.index)
    zero = sa.literal(0)
    return (
        sa.select(
            t.resolved_month,
            t.priority,
            sa.func.count(),
            sa.func.count(t.resolution_us),
            sa.func.coalesce(sa.func.sum(t.resolution_us), zero),
            sa.func.count(t.fcr),
            sa.func.coalesce(sa.func.sum(flag(t.fcr)), zero),
            sa.func.count(t.sla_verdict),
            sa.func.coalesce(sa.func.sum(flag(t.sla_verdict)), zero),
        )
        .where(in_range)
        .group_by(t.resolved_month, t.priority)
        .order_by(t.resolved_month, t.priority)
    )


def line_mrr_sql() -> ColumnElement[int]:
    """One line's MRR in SQL, exactly ``kpi.mrr.line_mrr_cents``: quantity x price x (1 - discount)
    over the billing period's months, rounded half-up to a cent per line (integers only; the
    operands are non-negative, so integer division is the floor on every backend)."""
    c = _LINE.c
    months = sa.case(PERIOD_MONTHS, value=c.period)  # an unknown period gives NULL: no MRR
    numerator = sa.cast(c.quantity, sa.BigInteger) * c.unit_price_cents * (FULL_DISCOUNT_BP - c.discount_bp)
    denominator = sa.cast(FULL_DISCOUNT_BP * months, sa.BigInteger)
    return sa.cast((2 * numerator + denominator) // (2 * denominator), sa.BigInteger)


def line_span_rows(conn: Connection, running_from: dt.date | None = None) -> list[tuple[Any, ...]]:
    """The contract lines as the MRR and cost series need them (``kpi.inputs.LineSpan`` order):
    (client_id, first month, last month, MRR cents, cost cents), from the columns each line
    carries (``fill_line_derived``). With ``running_from``, only the lines still running on
    that day or later."""
    c = _LINE.c
    query = sa.select(c.client_id, c.first_month, c.last_month, c.mrr_cents, c.cost_cents)
    if running_from is not None:
        query = query.where(sa.or_(c.end_date.is_(None), c.end_date >= running_from))
    return raw_rows(conn, query)


def client_channel_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(client id, acquisition channel) of every client."""
    return raw_rows(conn, sa.select(CLIENT.c.id, CLIENT.c.channel))


def project_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(client id, day, amount cents, cost cents) of every one-off project."""
    p = PROJECT_REVENUE.c
    rows = raw_rows(conn, sa.select(p.client_id, p.day, p.amount_cents, p.cost_cents))
    return [(cid, as_date(day), amount, cost) for cid, day, amount, cost in rows]


def spend_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(month text, channel, amount cents) of the recorded sales & marketing spend."""
    m = MARKETING_SPEND.c
    return raw_rows(conn, sa.select(m.month, m.channel, m.amount_cents))


def settled_reward_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(day settled, whether a partner earned it, amount cents) of every referral reward paid out
    or applied as a credit (DESIGN §4: they count as referral spend). Clawed-back, void and
    not-yet-settled rewards are left out."""
    r = REWARD.c
    query = sa.select(r.settled_on, r.referrer_partner_id.is_not(None), r.amount_cents).where(
        r.status.in_(SETTLED_REWARD_STATUSES), r.settled_on.is_not(None)
    )
    return [(as_date(day), bool(by_partner), amount) for day, by_partner, amount in raw_rows(conn, query)]


def first_line_start(conn: Connection, client_id: int | None = None) -> dt.date | None:
    """The earliest contract line start (of the client's lines with ``client_id``); None without lines."""
    query = sa.select(sa.func.min(_LINE.c.start_date))
    if client_id is not None:
        query = query.where(_LINE.c.client_id == client_id)
    return as_date(conn.execute(query).scalar())


def last_positive_months(conn: Connection, ended_before: dt.date) -> dict[int, int]:
    """Per client, the ``Month.index`` of the last month end at which one of its lines that
    ended before ``ended_before`` was running with MRR > 0 (clients without one are absent),
    from the months and MRR each line carries (``fill_line_derived``)."""
    c = _LINE.c
    query = (
        sa.select(c.client_id, sa.func.max(c.last_month))
        .where(
            c.end_date.is_not(None),
            c.end_date < ended_before,
            c.mrr_cents > 0,
            c.last_month >= c.first_month,
        )
        .group_by(c.client_id)
    )
    return {client: int(month) for client, month in conn.execute(query)}


def mrr_by_client_on(conn: Connection, day: dt.date) -> dict[int, int]:
    """Each client's MRR on ``day`` (clients without a running line are left out)."""
    total = sa.cast(sa.func.sum(line_mrr_sql()), sa.BigInteger)
    query = sa.select(_LINE.c.client_id, total).where(running_on(day)).group_by(_LINE.c.client_id)
    return {cid: int(cents) for cid, cents in conn.execute(query) if cents}


def policy_row(conn: Connection) -> tuple[int, int, int, int] | None:
    """(employees, sales & marketing share bp, lifetime cap months, reactivation window days) of
    the shop settings; None without a settings row."""
    s = SHOP_SETTINGS.c
    query = (
        sa.select(s.employees, s.sales_marketing_share_bp, s.lifetime_cap_months, s.reactivation_window_days)
        .order_by(s.id)
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def contract_line_rows(conn: Connection, client_id: int | None = None) -> list[tuple[Any, ...]]:
    """Every contract line (or the client's) as (client id, start, end, quantity, unit price cents,
    unit cost cents, period, discount bp, kind, tier id, add-on id, description, tier rank), the
    days as ``dt.date`` (each parsed once: they repeat across lines)."""
    ln, t = _LINE.c, TIER.c
    query = sa.select(
        ln.client_id,
        ln.start_date,
        ln.end_date,
        ln.quantity,
        ln.unit_price_cents,
        ln.unit_cost_cents,
        ln.period,
        ln.discount_bp,
        ln.kind,
        ln.tier_id,
        ln.addon_id,
        ln.description,
        t.rank,
    ).select_from(_LINE.outerjoin(TIER, t.id == ln.tier_id))
    if client_id is not None:
        query = query.where(ln.client_id == client_id)
    day_of = Memo(as_date)
    return [(cid, day_of[start], day_of[end], *rest) for cid, start, end, *rest in raw_rows(conn, query)]


def ticket_rows(
    conn: Connection,
    resolved_from: dt.datetime | None = None,
    resolved_before: dt.datetime | None = None,
    *,
    client_id: int | None = None,
) -> list[tuple[Any, ...]]:
    """Every ticket (or those resolved from ``resolved_from`` to before ``resolved_before``;
    ``resolved_at`` is indexed; only ``client_id``'s when given, ``client_id`` indexed too) as (client id, priority, opened at, first response at, resolved
    at, FCR, SLA met, response target minutes, resolution target minutes), in the order of
    ``kpi.inputs.TicketFact``: moments as ``dt.datetime``, FCR and SLA met as bool or None."""
    t = _TICKET.c
    query = sa.select(
        t.client_id,
        t.priority,
        t.opened_at,
        t.first_response_at,
        t.resolved_at,
        t.fcr,
        t.sla_met,
        t.response_target_min,
        t.resolution_target_min,
    )
    if resolved_from is not None and resolved_before is not None:
        query = query.where(t.resolved_at >= resolved_from, t.resolved_at < resolved_before)
    if client_id is not None:
        query = query.where(t.client_id == client_id)
    return [
        (
            cid,
            prio,
            as_datetime(opened),
            as_datetime(first),
            as_datetime(resolved),
            None if fcr is None else bool(fcr),
            None if sla_met is None else bool(sla_met),
            resp,
            res,
        )
        for cid, prio, opened, first, resolved, fcr, sla_met, resp, res in raw_rows(conn, query)
    ]


def mrr_by_start_and_end_day(
    conn: Connection, first_day: dt.date, last_day: dt.date
) -> tuple[list[tuple[Any, int]], list[tuple[Any, int]]]:
    """The MRR (``line_mrr_sql``) of the contract lines running at some time in
    ``first_day``..``last_day``, summed by start day and, of those that end, by end day (days
    as ``dt.date``, in no order). What a shop's MRR at each day of the span is computed from, without
    loading every line."""
    c = _LINE.c
    mrr = sa.cast(sa.func.sum(line_mrr_sql()), sa.BigInteger)
    overlapping = sa.and_(
        c.start_date <= last_day,
        sa.or_(c.end_date.is_(None), sa.and_(c.end_date >= first_day, c.end_date >= c.start_date)),
    )
    by_start = sa.select(c.start_date, mrr).where(overlapping).group_by(c.start_date)
    by_end = sa.select(c.end_date, mrr).where(overlapping, c.end_date.is_not(None)).group_by(c.end_date)
    return (
        [(as_date(day), int(cents or 0)) for day, cents in conn.execute(by_start)],
        [(as_date(day), int(cents or 0)) for day, cents in conn.execute(by_end)],
    )
