"""The exports' reads: every row of a table with the names its ids stand for, in the column order
of ``io.columns.TABLE_COLUMNS`` (money in cents, dates as dates, booleans as bools)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.store.queries.clients import tiers_on
from msp_desk.store.queries.kpis import mrr_by_client_on
from msp_desk.store.tables import (
    ADDON,
    CLIENT,
    CLIENT_TAG,
    CONTACT,
    CONTRACT_LINE,
    MARKETING_SPEND,
    PARTNER,
    PRICE_CHANGE,
    PROJECT_REVENUE,
    REFERRAL,
    RESPONSE_TARGET,
    REWARD,
    TAG,
    TICKET,
    TIER,
)

Row = tuple[Any, ...]
PRIORITIES = ("P1", "P2", "P3", "P4")  # the order of the ladder's p1_..p4_ target columns


def _rows(conn: Connection, query: sa.Select[Any]) -> list[Row]:
    return [tuple(row) for row in conn.execute(query)]


def _referrer(client: sa.Table | Any, partner: sa.Table | Any) -> tuple[sa.ColumnElement[Any], ...]:
    """(referrer type, referrer name) of a row whose referrer is ``client`` or ``partner``."""
    kind = sa.case(
        (client.c.id.is_not(None), sa.literal("client")),
        (partner.c.id.is_not(None), sa.literal("partner")),
        else_=sa.null(),
    )
    return kind, sa.func.coalesce(client.c.name, partner.c.name)


def client_rows(conn: Connection, day: dt.date) -> list[Row]:
    """Every client by name, its tier and MRR those on ``day``, ``referred_by`` the name of the
    client or partner who referred it, its tags a list of names (last)."""
    c = CLIENT.c
    referral, referrer, partner = (
        REFERRAL.alias("referral"),
        CLIENT.alias("referrer"),
        PARTNER.alias("partner"),
    )
    query = (
        sa.select(
            c.id,
            c.name,
            c.status,
            c.seats,
            c.industry,
            c.channel,
            c.start_date,
            c.renewal_date,
            c.term_months,
            c.employees,
            c.locations,
            c.servers,
            sa.func.coalesce(referrer.c.name, partner.c.name),
            c.acquisition_cost_cents,
            c.satisfaction,
            c.churned_on,
            c.churn_reason,
            c.notes,
        )
        .select_from(
            CLIENT.outerjoin(referral, referral.c.id == c.referred_by_referral_id)
            .outerjoin(referrer, referrer.c.id == referral.c.referrer_client_id)
            .outerjoin(partner, partner.c.id == referral.c.referrer_partner_id)
        )
        .order_by(sa.func.lower(c.name), c.id)
    )
    tiers, mrr, tags = tiers_on(conn, day), mrr_by_client_on(conn, day), tags_by_client(conn)
    rows = []
    for cid, name, status, seats, *middle, notes in conn.execute(query):
        tier = tiers.get(cid, ("", 0))[0]
        rows.append((name, status, tier, seats, mrr.get(cid, 0), *middle, notes, tags.get(cid, [])))
    return rows


def tags_by_client(conn: Connection) -> dict[int, list[str]]:
    """Each tagged client's tag names, alphabetical."""
    query = (
        sa.select(CLIENT_TAG.c.client_id, TAG.c.name)
        .select_from(CLIENT_TAG.join(TAG, TAG.c.id == CLIENT_TAG.c.tag_id))
        .order_by(sa.func.lower(TAG.c.name))
    )
    found: dict[int, list[str]] = defaultdict(list)
    for cid, name in conn.execute(query):
        found[cid].append(name)
    return found


def contact_rows(conn: Connection) -> list[Row]:
    """Every contact: clients' by client, then partners', by name."""
    k, client, partner = CONTACT.c, CLIENT.alias("client"), PARTNER.alias("partner")
    query = (
        sa.select(client.c.name, partner.c.name, k.name, k.role, k.email, k.phone, k.decision_maker)
        .select_from(
            CONTACT.outerjoin(client, client.c.id == k.client_id).outerjoin(
                partner, partner.c.id == k.partner_id
            )
        )
        .order_by(
            client.c.id.is_(None), sa.func.lower(client.c.name), sa.func.lower(partner.c.name), k.name, k.id
        )
    )
    return _rows(conn, query)


def ticket_rows(conn: Connection) -> list[Row]:
    """Every ticket, by the time it was opened."""
    t = TICKET.c
    query = (
        sa.select(
            t.external_id,
            CLIENT.c.name,
            t.subject,
            t.priority,
            t.opened_at,
            t.first_response_at,
            t.resolved_at,
            t.fcr,
            t.sla_met,
            t.response_target_min,
            t.resolution_target_min,
            t.source,
        )
        .select_from(TICKET.join(CLIENT, CLIENT.c.id == t.client_id))
        .order_by(t.opened_at, t.id)
    )
    return _rows(conn, query)


def contract_line_rows(conn: Connection) -> list[Row]:
    """Every contract line, by client, then by start."""
    ln = CONTRACT_LINE.c
    item = sa.func.coalesce(TIER.c.name, ADDON.c.name, ln.description)
    query = (
        sa.select(
            CLIENT.c.name,
            ln.kind,
            item,
            ln.description,
            ln.quantity,
            ln.unit_price_cents,
            ln.unit_cost_cents,
            ln.period,
            ln.discount_bp,
            ln.start_date,
            ln.end_date,
            ln.change,
        )
        .select_from(
            CONTRACT_LINE.join(CLIENT, CLIENT.c.id == ln.client_id)
            .outerjoin(TIER, TIER.c.id == ln.tier_id)
            .outerjoin(ADDON, ADDON.c.id == ln.addon_id)
        )
        .order_by(sa.func.lower(CLIENT.c.name), CLIENT.c.id, ln.start_date, ln.id)
    )
    return _rows(conn, query)


def referral_rows(conn: Connection) -> list[Row]:
    """Every referral, by the day it was received."""
    r = REFERRAL.c
    referrer, partner = CLIENT.alias("referrer"), PARTNER.alias("partner")
    contact, became = CONTACT.alias("contact"), CLIENT.alias("became")
    query = (
        sa.select(
            r.company,
            r.contact_name,
            r.contact_email,
            r.contact_phone,
            r.industry,
            r.pain,
            *_referrer(referrer, partner),
            contact.c.name,
            r.received_on,
            r.stage,
            r.stage_changed_on,
            r.lost_reason,
            r.expected_mrr_cents,
            became.c.name,
            r.won_on,
            r.no_reward,
            r.no_reward_reason,
        )
        .select_from(
            REFERRAL.outerjoin(referrer, referrer.c.id == r.referrer_client_id)
            .outerjoin(partner, partner.c.id == r.referrer_partner_id)
            .outerjoin(contact, contact.c.id == r.referrer_contact_id)
            .outerjoin(became, became.c.id == r.client_id)
        )
        .order_by(r.received_on, r.id)
    )
    return _rows(conn, query)


def reward_rows(conn: Connection) -> list[Row]:
    """Every reward, by its referral's day received."""
    w, r = REWARD.c, REFERRAL.c
    referrer, partner = CLIENT.alias("referrer"), PARTNER.alias("partner")
    query = (
        sa.select(
            *_referrer(referrer, partner),
            r.company,
            r.received_on,
            w.kind,
            w.amount_cents,
            w.condition,
            w.condition_n,
            w.clawback_months,
            w.status,
            w.earned_on,
            w.settled_on,
            w.voided_on,
            w.void_reason,
        )
        .select_from(
            REWARD.join(REFERRAL, REFERRAL.c.id == w.referral_id)
            .outerjoin(referrer, referrer.c.id == w.referrer_client_id)
            .outerjoin(partner, partner.c.id == w.referrer_partner_id)
        )
        .order_by(r.received_on, r.id, w.id)
    )
    return _rows(conn, query)


def ladder_rows(conn: Connection) -> list[Row]:
    """The tiers by rank (with their targets), the add-ons by name, then the list-price changes
    of each by day, in the ladder export's single layout (unused columns None)."""
    targets: dict[int, dict[str, tuple[int | None, int | None]]] = defaultdict(dict)
    g = RESPONSE_TARGET.c
    for tier_id, priority, first, resolution in conn.execute(
        sa.select(g.tier_id, g.priority, g.first_response_min, g.resolution_min)
    ):
        targets[tier_id][priority] = (first, resolution)
    t, a, p = TIER.c, ADDON.c, PRICE_CHANGE.c
    rows: list[Row] = []
    tiers = sa.select(
        t.id,
        t.name,
        t.rank,
        t.description,
        t.inclusions,
        t.price_model,
        t.price_cents,
        t.cost_cents,
        t.hours_per_block,
        t.tech_minutes_per_seat,
        t.active,
    ).order_by(t.rank)
    for tid, name, rank, desc, incl, model, price, cost, hours, minutes, active in conn.execute(tiers):
        by_priority = targets.get(tid, {})
        flat = [m for priority in PRIORITIES for m in by_priority.get(priority, (None, None))]
        rows.append(
            ("tier", name, rank, desc, incl, model, price, cost, hours, minutes, None, active, *flat)
            + (None,) * 4
        )
    addons = sa.select(
        a.name, a.description, a.price_model, a.price_cents, a.cost_cents, a.growth_stage, a.active
    ).order_by(sa.func.lower(a.name))
    for name, desc, model, price, cost, stage, active in conn.execute(addons):
        rows.append(
            ("addon", name, None, desc, None, model, price, cost, None, None, stage, active)
            + (None,) * (len(PRIORITIES) * 2 + 4)
        )
    changes = (
        sa.select(
            sa.case((p.tier_id.is_not(None), sa.literal("tier_price")), else_=sa.literal("addon_price")),
            sa.func.coalesce(t.name, a.name),
            p.price_cents,
            p.cost_cents,
            p.effective_date,
            p.old_price_cents,
            p.old_cost_cents,
            p.existing_clients,
        )
        .select_from(PRICE_CHANGE.outerjoin(TIER, t.id == p.tier_id).outerjoin(ADDON, a.id == p.addon_id))
        .order_by(p.tier_id.is_(None), t.rank, sa.func.lower(a.name), p.effective_date, p.id)
    )
    for kind, name, price, cost, day, old_price, old_cost, existing in conn.execute(changes):
        rows.append(
            (kind, name, None, None, None, None, price, cost, None, None, None, None)
            + (None,) * (len(PRIORITIES) * 2)
            + (day, old_price, old_cost, existing)
        )
    return rows


def spend_rows(conn: Connection) -> list[Row]:
    """Every month's marketing spend, by month and channel."""
    s = MARKETING_SPEND.c
    query = sa.select(s.month, s.channel, s.amount_cents, s.note).order_by(s.month, s.channel, s.id)
    return _rows(conn, query)


def revenue_rows(conn: Connection) -> list[Row]:
    """Every one-off project revenue, by day (client empty for none)."""
    v = PROJECT_REVENUE.c
    query = (
        sa.select(v.day, CLIENT.c.name, v.kind, v.description, v.amount_cents, v.cost_cents)
        .select_from(PROJECT_REVENUE.outerjoin(CLIENT, CLIENT.c.id == v.client_id))
        .order_by(v.day, v.id)
    )
    return _rows(conn, query)


READERS: dict[str, Callable[[Connection, dt.date], list[Row]]] = {
    "clients": client_rows,
    "contacts": lambda conn, _day: contact_rows(conn),
    "tickets": lambda conn, _day: ticket_rows(conn),
    "contract-lines": lambda conn, _day: contract_line_rows(conn),
    "referrals": lambda conn, _day: referral_rows(conn),
    "rewards": lambda conn, _day: reward_rows(conn),
    "ladder": lambda conn, _day: ladder_rows(conn),
    "spend": lambda conn, _day: spend_rows(conn),
    "revenue": lambda conn, _day: revenue_rows(conn),
}
"""Each export kind's read: (connection, the day of the export) -> rows in its column order."""
