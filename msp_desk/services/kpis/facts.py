"""The plain facts the KPI engine needs (``kpi.inputs``), made from the rows ``store.queries.kpis``
reads (Core, never ORM objects in bulk)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msp_desk.domain.enums import Channel
from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import (
    ClientFact,
    LineFact,
    LineHistory,
    Policy,
    ProjectFact,
    ShopFacts,
    SpanRow,
    SpendFact,
    TicketFact,
    TicketMonthStats,
)
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.kpi.snapshot import TRAILING_MONTHS
from msp_desk.store.database import Database
from msp_desk.store.queries import kpis as queries
from msp_desk.store.queries.common import Memo

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _mrr(key: tuple[int, int, str, int]) -> int:
    return line_mrr_cents(*key)


def load_line_spans(conn: Connection, running_from: dt.date | None = None) -> tuple[SpanRow, ...]:
    """Every contract line (or only those running on ``running_from`` or later) as a
    ``SpanRow``: what the MRR and cost series need, the rows as the database returns them
    (from the columns each line carries)."""
    return tuple(queries.line_span_rows(conn, running_from))


def load_line_history(conn: Connection, lines_from: Month) -> LineHistory | None:
    """What the KPIs need of the lines before ``lines_from`` (``LineHistory``), when only the
    lines running from then on are read; None if history begins no earlier (read them all)."""
    start = queries.first_line_start(conn)
    if start is None or Month.of(start) >= lines_from:
        return None
    last_positive = queries.last_positive_months(conn, lines_from.last_day())
    return LineHistory(lines_from, Month.of(start), last_positive)


def load_ticket_stats(
    conn: Connection, first: Month | None = None, last: Month | None = None
) -> tuple[TicketMonthStats, ...]:
    """The ticket KPIs' sums of the tickets resolved in ``first``..``last`` (all without a
    range), per month and priority, computed by the database."""
    return tuple(TicketMonthStats(*row) for row in queries.ticket_month_stats(conn, first, last))


def load_lines(conn: Connection, client_id: int | None = None) -> tuple[LineFact, ...]:
    """Every contract line (or the client's) as the KPIs see it, its MRR computed as the
    ledger bills it (once per distinct quantity, price, period and discount)."""
    facts = []
    mrr_of = Memo(_mrr)
    for row in queries.contract_line_rows(conn, client_id):
        (cid, start, end, qty, price, cost, period, disc, kind, tier_id, addon_id, desc, rank) = row
        item = (
            f"tier:{tier_id}"
            if kind == "tier"
            else f"addon:{addon_id}"
            if kind == "addon"
            else f"custom:{desc}"
        )
        cost_cents = None if cost is None else qty * cost  # cost is per unit a month
        facts.append(
            LineFact(
                client_id=cid,
                start=start,
                end=end,
                mrr_cents=mrr_of[qty, price, period, disc],
                cost_cents=cost_cents,
                item=item,
                tier_rank=rank,
                quantity=qty,
                discount_bp=disc,
            )
        )
    return tuple(facts)


def load_policy(conn: Connection) -> Policy:
    row = queries.policy_row(conn)
    if row is None:
        return Policy()
    employees, share_bp, cap_months, window_days = row
    return Policy(
        employees=employees,
        sales_marketing_share_bp=share_bp,
        lifetime_cap_months=cap_months,
        reactivation_window_days=window_days,
    )


def load_tickets(
    conn: Connection,
    resolved_from: dt.datetime | None = None,
    resolved_before: dt.datetime | None = None,
    *,
    client_id: int | None = None,
) -> tuple[TicketFact, ...]:
    """Tickets with the targets they are judged by (set when each was written).

    With ``resolved_from``/``resolved_before`` only the tickets resolved in that span are read
    (the ticket KPIs of a month look at nothing else; ``resolved_at`` is indexed); with
    ``client_id`` only that client's (a QBR's preparation: not the whole shop's, then filtered).
    """
    rows = queries.ticket_rows(conn, resolved_from, resolved_before, client_id=client_id)
    return tuple(TicketFact(*row) for row in rows)


def load_spend(conn: Connection) -> tuple[SpendFact, ...]:
    """The recorded sales & marketing spend, plus every referral reward paid or applied, as
    spend of the month it was settled in: a partner's on the partner channel, a client's on
    the referral channel (DESIGN §4)."""
    recorded = [
        SpendFact(Month.parse(month).index, channel, amount)
        for month, channel, amount in queries.spend_rows(conn)
    ]
    rewards = [
        SpendFact(
            Month.of(day).index,
            Channel.PARTNER.value if by_partner else Channel.REFERRAL.value,
            amount,
        )
        for day, by_partner, amount in queries.settled_reward_rows(conn)
    ]
    return (*recorded, *rewards)


def load_shop_facts(db: Database, first: Month | None = None, last: Month | None = None) -> ShopFacts:
    """Every fact the KPI snapshots of ``first``..``last`` need, read in a handful of SQL queries.

    The ticket KPIs come as per-month sums computed by the database (``ticket_stats``), of the
    tickets resolved in the range (every month without one). With a range starting at least a
    year after history began, only the lines running from 12 months before it are read, with
    what the KPIs need of the earlier ones (``history``).
    """
    with db.read() as conn:
        clients = tuple(ClientFact(cid, channel) for cid, channel in queries.client_channel_rows(conn))
        projects = tuple(ProjectFact(*row) for row in queries.project_rows(conn))
        spend = load_spend(conn)
        history = None if first is None else load_line_history(conn, first - TRAILING_MONTHS)
        running_from = None if history is None else history.lines_from.last_day()
        return ShopFacts(
            clients=clients,
            projects=projects,
            spend=spend,
            policy=load_policy(conn),
            ticket_stats=load_ticket_stats(conn, first, last),
            spans=load_line_spans(conn, running_from),
            history=history,
        )
