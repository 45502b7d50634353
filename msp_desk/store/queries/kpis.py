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
from msp_desk.store.queries.common import flag, raw_rows, running_on
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
    return raw_rows(conn, sa.select(sa.column("id"), sa.column("channel")).select_from(sa.table("client")))


def project_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(client id, day, amount cents, cost cents) of every one-off project."""
    columns = ("client_id", "day", "amount_cents", "cost_cents")
    return raw_rows(conn, sa.select(*map(sa.column, columns)).select_from(sa.table("project_revenue")))


def spend_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(month text, channel, amount cents) of the recorded sales & marketing spend."""
    columns = ("month", "channel", "amount_cents")
    return raw_rows(conn, sa.select(*map(sa.column, columns)).select_from(sa.table("marketing_spend")))


def settled_reward_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(day settled, whether a partner earned it, amount cents) of every referral reward paid out
    or applied as a credit (DESIGN §4: they count as referral spend). Clawed-back, void and
    not-yet-settled rewards are left out."""
    settled_on, partner = sa.column("settled_on"), sa.column("referrer_partner_id")
    query = (
        sa.select(settled_on, partner.is_not(None), sa.column("amount_cents"))
        .select_from(sa.table("reward"))
        .where(sa.column("status").in_(SETTLED_REWARD_STATUSES), settled_on.is_not(None))
    )
    return raw_rows(conn, query)


def first_line_start(conn: Connection) -> Any:
    """The earliest contract line start (as the driver returns it), None without lines."""
    return conn.execute(sa.select(sa.func.min(_LINE.c.start_date))).scalar()


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
