"""Columns derived from a row's other fields, kept in the row so the KPIs sum them in SQL: a
contract line's first and last month, MRR and cost; a ticket's targets, resolved month,
resolution time and SLA verdict.

The unit of work clears them on the rows it edits (``DERIVED_COLUMNS``) and fills them before it
commits (``fill_derived``); ``stale_derived`` finds rows written around it, which
``msp-desk check --repair`` clears so the unit of work fills them again (``store.queries.health.mend``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, Connection

from msp_desk.store.queries.common import FAR_FUTURE, spelling
from msp_desk.store.queries.kpis import line_mrr_sql
from msp_desk.store.tables import CONTRACT_LINE as _LINE
from msp_desk.store.tables import RESPONSE_TARGET as _TARGET
from msp_desk.store.tables import TICKET as _TICKET

_US_PER_MINUTE = 60_000_000

DERIVED_COLUMNS = {
    "contract_line": ("first_month", "last_month", "mrr_cents", "cost_cents"),
    "ticket": ("resolved_month", "resolution_us", "sla_verdict"),
}
"""Per table, the columns derived from the row's other fields: cleared when the row is edited,
so ``fill_derived`` sets them again."""


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
        "contract_line": list(conn.execute(sa.select(_LINE.c.id).where(line_wrong)).scalars()),
        "ticket": list(conn.execute(sa.select(_TICKET.c.id).where(ticket_wrong)).scalars()),
    }


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
    x = spelling(dialect)
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


def line_derived_values(dialect: str) -> dict[str, ColumnElement[Any]]:
    """What a contract line's derived columns hold, as SQL of its own fields: its first and last
    month end as ``Month.index`` (``kpi.mrr``'s month-end view: from its start's month to the
    month before the day after its end; last NULL while running, first - 1 if it covers no month
    end), its MRR (``line_mrr_sql``) and its direct cost a month (quantity x unit cost; NULL
    when unknown)."""
    x, c = spelling(dialect), _LINE.c
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
    x = spelling(dialect)
    t = _TICKET
    opened_day = x.day_of(t.c.opened_at)
    tier_id = (
        sa.select(_LINE.c.tier_id)
        .where(
            _LINE.c.client_id == t.c.client_id,
            _LINE.c.kind == "tier",
            _LINE.c.start_date <= opened_day,
            sa.func.coalesce(_LINE.c.end_date, sa.literal(FAR_FUTURE, sa.Date)) >= opened_day,
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
