"""Analytic queries (SQLAlchemy Core) whose sums the KPI engine computes from.

Portable SQL; the few expressions databases spell differently (epoch, month of a datetime,
date part) come from ``_dialect``: SQLite's from ``store.sqlite``, anything else standard SQL
(``EXTRACT``, ``CAST AS DATE``: PostgreSQL). Rows are plain tuples: this layer knows nothing of
the KPI dataclasses.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, Connection

from msp_desk.domain.enums import RewardStatus
from msp_desk.domain.values import FULL_DISCOUNT_BP, PERIOD_MONTHS, Month
from msp_desk.store.core_tables import CONTRACT_LINE as _LINE
from msp_desk.store.core_tables import RESPONSE_TARGET as _TARGET
from msp_desk.store.core_tables import TICKET as _TICKET

_FAR_FUTURE = dt.date(9999, 12, 31)  # an open-ended line's end
SETTLED_REWARD_STATUSES = (RewardStatus.APPLIED.value, RewardStatus.PAID.value)
_US_PER_MINUTE = 60_000_000


class _Standard:
    """Standard SQL spellings (PostgreSQL)."""

    @staticmethod
    def epoch_microseconds(moment: ColumnElement[Any]) -> ColumnElement[int]:
        return sa.cast(sa.extract("epoch", moment) * 1_000_000, sa.BigInteger)

    @staticmethod
    def month_index(moment: ColumnElement[Any]) -> ColumnElement[int]:
        year = sa.cast(sa.extract("year", moment), sa.Integer)
        return year * 12 + sa.cast(sa.extract("month", moment), sa.Integer) - 1

    @staticmethod
    def day_of(moment: ColumnElement[Any]) -> ColumnElement[Any]:
        return sa.cast(moment, sa.Date)

    @staticmethod
    def next_day(day: ColumnElement[Any]) -> ColumnElement[Any]:
        return day + 1  # date + integer is a date


def _dialect(conn: Connection | str) -> ModuleType | type[_Standard]:
    """The module spelling the dialect's expressions: ``store.sqlite`` or standard SQL."""
    name = conn if isinstance(conn, str) else conn.dialect.name
    if name == "sqlite":
        from msp_desk.store import sqlite

        return sqlite
    return _Standard


def _flag(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """A nullable boolean column as 1/0/NULL, summable on every database."""
    return sa.case((column.is_(None), sa.null()), (column == sa.true(), 1), else_=0)


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
            sa.func.coalesce(sa.func.sum(_flag(t.fcr)), zero),
            sa.func.count(t.sla_verdict),
            sa.func.coalesce(sa.func.sum(_flag(t.sla_verdict)), zero),
        )
        .where(in_range)
        .group_by(t.resolved_month, t.priority)
        .order_by(t.resolved_month, t.priority)
    )


def stale_derived(conn: Connection) -> dict[str, list[int]]:
    """The ids of the contract lines and tickets whose derived columns differ from what their
    own fields say (a write that went around the unit of work); empty lists when all is well."""
    lines, tickets = _LINE.c, _TICKET.c
    line_wrong = sa.or_(
        *(
            getattr(lines, name).is_distinct_from(value)
            for name, value in line_derived_values(conn.dialect.name).items()
        )
    )
    resolved = tickets.resolved_at.is_not(None)
    ticket_wrong = sa.or_(
        *(
            getattr(tickets, name).is_distinct_from(sa.case((resolved, value), else_=sa.null()))
            for name, value in ticket_derived_values(conn.dialect.name).items()
        )
    )
    return {
        "contract_line": list(
            conn.execute(sa.select(sa.column("id")).select_from(_LINE).where(line_wrong)).scalars()
        ),
        "ticket": list(
            conn.execute(sa.select(sa.column("id")).select_from(_TICKET).where(ticket_wrong)).scalars()
        ),
    }


def refill_derived(conn: Connection, stale: dict[str, list[int]]) -> None:
    """Recompute the derived columns of the ``stale`` rows (``stale_derived``)."""
    for name, table, columns in (
        ("contract_line", _LINE, ("first_month", "last_month", "mrr_cents", "cost_cents")),
        ("ticket", _TICKET, ("resolved_month", "resolution_us", "sla_verdict")),
    ):
        ids = stale.get(name, [])
        if ids:
            conn.execute(sa.update(table).where(sa.column("id").in_(ids)).values(dict.fromkeys(columns)))
    fill_derived(conn)


def fill_derived(conn: Connection, tables: set[str] | None = None) -> None:
    """Bring the derived columns of ``tables`` (contract lines and tickets; both without
    ``tables``) up to date. Lines first: a ticket's targets come from its client's tier line."""
    if tables is None or "contract_line" in tables:
        fill_line_derived(conn)
    if tables is None or "ticket" in tables:
        fill_ticket_derived(conn)


def fill_ticket_derived(conn: Connection) -> None:
    """Bring every ticket's derived columns up to date: first its targets (``fill_ticket_targets``),
    then, for the tickets whose sums are not set yet, the month it was resolved in, its
    resolution time and its SLA verdict (``fill_ticket_sums_statement``). Idempotent; run by
    every unit of work that writes tickets, after the writes."""
    fill_ticket_targets(conn)
    conn.execute(fill_ticket_sums_statement(conn.dialect.name))


def ticket_derived_values(dialect: str) -> dict[str, ColumnElement[Any]]:
    """What a resolved ticket's derived columns hold, as SQL of its own fields: ``resolved_month``,
    ``resolution_us`` and ``sla_verdict``, for a dialect (by name).

    SLA verdicts replicate ``kpi.service_desk.judge_sla``: the ticket's own ``sla_met`` wins;
    otherwise the ticket's own targets: any target missed is a miss; a response target without
    a recorded first response is met if the ticket was resolved within it, else unknown;
    unknown or no targets = not judged (NULL).
    """
    x = _dialect(dialect)
    t = _TICKET.c
    opened = x.epoch_microseconds(t.opened_at)
    responded = x.epoch_microseconds(t.first_response_at)
    resolved = x.epoch_microseconds(t.resolved_at)
    per_minute = sa.literal(_US_PER_MINUTE, sa.BigInteger)  # minutes x 60e6 overflows 32 bits
    response_by = opened + t.response_target_min * per_minute
    resolution_by = opened + t.resolution_target_min * per_minute
    verdict = sa.case(
        (t.sla_met.is_not(None), t.sla_met),
        (
            sa.and_(t.response_target_min.is_not(None), responded.is_not(None), responded > response_by),
            sa.false(),
        ),
        (sa.and_(t.resolution_target_min.is_not(None), resolved > resolution_by), sa.false()),
        (sa.and_(t.response_target_min.is_(None), t.resolution_target_min.is_(None)), sa.null()),
        (
            sa.and_(
                t.response_target_min.is_not(None), t.first_response_at.is_(None), resolved > response_by
            ),
            sa.null(),
        ),
        else_=sa.true(),
    )
    return {
        "resolved_month": x.month_index(t.resolved_at),
        "resolution_us": sa.case((resolved >= opened, resolved - opened), else_=sa.null()),
        "sla_verdict": verdict,
    }


def fill_ticket_sums_statement(dialect: str) -> sa.Update:
    """Set ``ticket_derived_values`` on the resolved tickets that have none yet (a written or
    edited ticket has them cleared), for a dialect (by name)."""
    t = _TICKET.c
    return (
        sa.update(_TICKET)
        .where(t.resolved_at.is_not(None), t.resolved_month.is_(None))
        .values(**ticket_derived_values(dialect))
    )


def _raw_rows(conn: Connection, query: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as the driver returns them (plain tuples, no SQLAlchemy result
    processing: SQLite gives dates as ISO text). For bulk reads where that processing is
    most of the cost."""
    result = conn.execute(query)
    try:
        return result.cursor.fetchall()  # type: ignore[union-attr]
    finally:
        result.close()


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
    return _raw_rows(conn, query)


def line_derived_values(dialect: str) -> dict[str, ColumnElement[Any]]:
    """What a contract line's derived columns hold, as SQL of its own fields: its first and last
    month end as ``Month.index`` (``kpi.mrr``'s month-end view: from its start's month to the
    month before the day after its end; last NULL while running, first - 1 if it covers no month
    end), its MRR (``line_mrr_sql``) and its direct cost a month (quantity x unit cost; NULL
    when unknown)."""
    x, c = _dialect(dialect), _LINE.c
    first = x.month_index(c.start_date)
    last = sa.case(
        (c.end_date.is_(None), sa.null()),
        (c.end_date < c.start_date, first - 1),
        else_=x.month_index(x.next_day(c.end_date)) - 1,
    )
    return {
        "first_month": first,
        "last_month": last,
        "mrr_cents": line_mrr_sql(),
        "cost_cents": c.quantity * c.unit_cost_cents,
    }


def fill_line_derived(conn: Connection) -> None:
    """Set the derived columns (``line_derived_values``) of the contract lines that have none
    yet (a written or edited line has them cleared). Idempotent."""
    values = line_derived_values(conn.dialect.name)
    conn.execute(sa.update(_LINE).where(_LINE.c.first_month.is_(None)).values(**values))


def client_channel_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(client id, acquisition channel) of every client."""
    return _raw_rows(conn, sa.select(sa.column("id"), sa.column("channel")).select_from(sa.table("client")))


def project_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(client id, day, amount cents, cost cents) of every one-off project."""
    columns = ("client_id", "day", "amount_cents", "cost_cents")
    return _raw_rows(conn, sa.select(*map(sa.column, columns)).select_from(sa.table("project_revenue")))


def spend_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """(month text, channel, amount cents) of the recorded sales & marketing spend."""
    columns = ("month", "channel", "amount_cents")
    return _raw_rows(conn, sa.select(*map(sa.column, columns)).select_from(sa.table("marketing_spend")))


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
    return _raw_rows(conn, query)


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


def fill_ticket_targets(conn: Connection) -> int:
    """Give tickets without targets those of the tier their client was on the day each was
    opened (its tier line running that day; the lowest id if lines overlap). Returns how many
    tickets were looked at. Idempotent: a ticket whose client had no tier that day stays without.

    Called whenever tickets are written, so the SLA of a ticket is judged against the targets in
    force when it came in, and reading the KPIs needs no per-ticket tier lookup.
    """
    return conn.execute(fill_ticket_targets_statement(conn.dialect.name)).rowcount


def fill_ticket_targets_statement(dialect: str) -> sa.Update:
    """The statement of ``fill_ticket_targets`` for a dialect (by name)."""
    x = _dialect(dialect)
    t = _TICKET
    opened_day = x.day_of(t.c.opened_at)
    tier_id = (
        sa.select(_LINE.c.tier_id)
        .where(
            _LINE.c.client_id == t.c.client_id,
            _LINE.c.kind == "tier",
            _LINE.c.start_date <= opened_day,
            sa.func.coalesce(_LINE.c.end_date, sa.literal(_FAR_FUTURE, sa.Date)) >= opened_day,
        )
        .order_by(_LINE.c.id)
        .limit(1)
        .correlate(t)  # nested two levels down: without this SQLAlchemy would join ticket anew
        .scalar_subquery()
    )

    def target(column: ColumnElement[Any]) -> sa.ScalarSelect[Any]:
        return (
            sa.select(column)
            .where(_TARGET.c.tier_id == tier_id, _TARGET.c.priority == t.c.priority)
            .correlate(t)
            .scalar_subquery()
        )

    missing = sa.and_(t.c.response_target_min.is_(None), t.c.resolution_target_min.is_(None))
    return (
        sa.update(t)
        .where(missing)
        .values(
            response_target_min=target(_TARGET.c.first_response_min),
            resolution_target_min=target(_TARGET.c.resolution_min),
        )
    )
