"""Read the plain facts the KPI engine needs, with SQL (Core), never ORM objects in bulk."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import Connection

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
from msp_desk.store.queries.common import as_date, as_datetime


class _Memo(dict):  # type: ignore[type-arg]
    """``memo[key]`` = ``fn(key)``, computed once per key: dates and prices repeat a lot
    across contract lines, so parsing and normalising them once each is most of the saving."""

    def __init__(self, fn) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.fn = fn

    def __missing__(self, key):  # type: ignore[no-untyped-def]
        value = self[key] = self.fn(key)
        return value


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
    start = as_date(queries.first_line_start(conn))
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
    sql = (
        "SELECT l.client_id, l.start_date, l.end_date, l.quantity, l.unit_price_cents,"
        " l.unit_cost_cents, l.period, l.discount_bp, l.kind, l.tier_id, l.addon_id,"
        " l.description, t.rank FROM contract_line l LEFT JOIN tier t ON t.id = l.tier_id"
    )
    params: dict[str, object] = {}
    if client_id is not None:
        sql += " WHERE l.client_id = :cid"
        params["cid"] = client_id
    facts = []
    day_of, mrr_of = _Memo(as_date), _Memo(_mrr)
    for row in conn.execute(sa.text(sql), params):
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
                start=day_of[start],
                end=None if end is None else day_of[end],
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
    row = conn.execute(
        sa.text(
            "SELECT employees, sales_marketing_share_bp, lifetime_cap_months, reactivation_window_days"
            " FROM shop_settings ORDER BY id LIMIT 1"
        )
    ).first()
    if row is None:
        return Policy()
    return Policy(
        employees=row[0],
        sales_marketing_share_bp=row[1],
        lifetime_cap_months=row[2],
        reactivation_window_days=row[3],
    )


def load_tickets(
    conn: Connection, resolved_from: dt.datetime | None = None, resolved_before: dt.datetime | None = None
) -> tuple[TicketFact, ...]:
    """Tickets with the targets they are judged by (set when each was written).

    With ``resolved_from``/``resolved_before`` only the tickets resolved in that span are read
    (the ticket KPIs of a month look at nothing else; ``resolved_at`` is indexed).
    """
    sql = (
        "SELECT client_id, priority, opened_at, first_response_at, resolved_at, fcr, sla_met,"
        " response_target_min, resolution_target_min FROM ticket"
    )
    params: dict[str, object] = {}
    if resolved_from is not None and resolved_before is not None:
        sql += " WHERE resolved_at >= :lo AND resolved_at < :hi"
        params = {"lo": resolved_from, "hi": resolved_before}
    query = sa.text(sql).bindparams(*(sa.bindparam(name, type_=sa.DateTime()) for name in params))
    facts = []
    for cid, prio, opened, first, resolved, fcr, sla_met, resp, res in conn.execute(query, params):
        opened_at = as_datetime(opened)
        assert opened_at is not None
        facts.append(
            TicketFact(
                client_id=cid,
                priority=prio,
                opened_at=opened_at,
                first_response_at=as_datetime(first),
                resolved_at=as_datetime(resolved),
                fcr=None if fcr is None else bool(fcr),
                sla_met=None if sla_met is None else bool(sla_met),
                response_target_min=resp,
                resolution_target_min=res,
            )
        )
    return tuple(facts)


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
            Month.of(as_date(day)).index,  # type: ignore[arg-type]
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
        projects = tuple(
            ProjectFact(cid, as_date(day), amount, cost)  # type: ignore[arg-type]
            for cid, day, amount, cost in queries.project_rows(conn)
        )
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
