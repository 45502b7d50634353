"""Read the plain facts the KPI engine needs, with SQL (Core), never ORM objects in bulk."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import (
    ClientFact,
    LineFact,
    Policy,
    ProjectFact,
    ShopFacts,
    SpendFact,
    TicketFact,
)
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.store.database import Database


def as_date(value: object) -> dt.date | None:
    """A date from what the driver returns (a date, or ISO text on some drivers)."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value))


def as_datetime(value: object) -> dt.datetime | None:
    """A datetime from what the driver returns (a datetime, or ISO text)."""
    if value is None or isinstance(value, dt.datetime):
        return value  # type: ignore[return-value]
    return dt.datetime.fromisoformat(str(value))


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
                start=as_date(start),  # type: ignore[arg-type]
                end=as_date(end),
                mrr_cents=line_mrr_cents(qty, price, period, disc),
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
    """Tickets with the targets of the tier the client was on when each ticket was opened.

    With ``resolved_from``/``resolved_before`` only the tickets resolved in that span are read
    (the ticket KPIs of a month look at nothing else; ``resolved_at`` is indexed).
    """
    tiers: dict[int, list[tuple[dt.date, dt.date | None, int]]] = {}
    for cid, start, end, tier_id in conn.execute(
        sa.text("SELECT client_id, start_date, end_date, tier_id FROM contract_line WHERE kind = 'tier'")
    ):
        tiers.setdefault(cid, []).append((as_date(start), as_date(end), tier_id))  # type: ignore[arg-type]
    targets = {
        (tier_id, prio): (resp, res)
        for tier_id, prio, resp, res in conn.execute(
            sa.text("SELECT tier_id, priority, first_response_min, resolution_min FROM response_target")
        )
    }
    facts = []
    sql = "SELECT client_id, priority, opened_at, first_response_at, resolved_at, fcr, sla_met FROM ticket"
    params: dict[str, object] = {}
    if resolved_from is not None and resolved_before is not None:
        sql += " WHERE resolved_at >= :lo AND resolved_at < :hi"
        params = {"lo": resolved_from, "hi": resolved_before}
    query = sa.text(sql).bindparams(*(sa.bindparam(name, type_=sa.DateTime()) for name in params))
    rows = conn.execute(query, params)
    for cid, prio, opened, first, resolved, fcr, sla_met in rows:
        opened_at = as_datetime(opened)
        assert opened_at is not None
        day = opened_at.date()
        tier_id = next((t for s, e, t in tiers.get(cid, ()) if s <= day and (e is None or day <= e)), None)
        resp, res = targets.get((tier_id, prio), (None, None))
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


def load_shop_facts(db: Database, first: Month | None = None, last: Month | None = None) -> ShopFacts:
    """Every fact the KPI snapshots of ``first``..``last`` need, read in a handful of SQL queries.

    Without a range every ticket is read; with one, only the tickets resolved in it.
    """
    span = (None, None)
    if first is not None and last is not None:
        span = (
            dt.datetime.combine(first.first_day(), dt.time()),
            dt.datetime.combine((last + 1).first_day(), dt.time()),
        )
    with db.read() as conn:
        clients = tuple(
            ClientFact(cid, channel)
            for cid, channel in conn.execute(sa.text("SELECT id, channel FROM client"))
        )
        projects = tuple(
            ProjectFact(cid, as_date(day), amount, cost)  # type: ignore[arg-type]
            for cid, day, amount, cost in conn.execute(
                sa.text("SELECT client_id, day, amount_cents, cost_cents FROM project_revenue")
            )
        )
        spend = tuple(
            SpendFact(Month.parse(month).index, channel, amount)
            for month, channel, amount in conn.execute(
                sa.text("SELECT month, channel, amount_cents FROM marketing_spend")
            )
        )
        return ShopFacts(
            lines=load_lines(conn),
            clients=clients,
            projects=projects,
            spend=spend,
            tickets=load_tickets(conn, *span),
            policy=load_policy(conn),
        )
