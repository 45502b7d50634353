"""One client's reads for its detail pane (profile, contacts, lines, tickets, notes, tags, open
tasks, who referred it), and the referrers the new-client dialog offers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from msp_desk.domain.enums import CLOSED_STAGES
from msp_desk.store.tables import (
    ADDON,
    CLIENT,
    CLIENT_NOTE,
    CLIENT_TAG,
    CONTACT,
    CONTRACT_LINE,
    PARTNER,
    REFERRAL,
    TAG,
    TASK,
    TICKET,
    TIER,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The columns of a ticket row, in order: id, external id, subject, priority, opened, resolved, SLA met.
TICKET_COLUMNS = ("id", "external_id", "subject", "priority", "opened_at", "resolved_at", "sla_verdict")


def client_fields(conn: Connection, client_id: int) -> dict[str, Any] | None:
    """Every column of the client, by name; None when there is no such client."""
    row = conn.execute(sa.select(CLIENT).where(CLIENT.c.id == client_id)).first()
    return None if row is None else dict(row._mapping)


def contact_rows(conn: Connection, client_id: int) -> list[tuple[int, str, str, str, str, bool]]:
    """(id, name, role, email, phone, decision maker) of the client's contacts, decision makers
    first, then by name."""
    ct = CONTACT.c
    query = (
        sa.select(ct.id, ct.name, ct.role, ct.email, ct.phone, ct.decision_maker)
        .where(ct.client_id == client_id)
        .order_by(ct.decision_maker.desc(), sa.func.lower(ct.name), ct.id)
    )
    return [tuple(row) for row in conn.execute(query)]


def line_rows(conn: Connection, client_id: int) -> list[tuple[Any, ...]]:
    """The client's contract lines, every one, as (id, kind, item name (its tier's, its add-on's
    or its description), quantity, unit price cents, period, discount bp, start date, end date,
    change)."""
    ln, tier, addon = CONTRACT_LINE.c, TIER.c, ADDON.c
    query = (
        sa.select(
            *(ln[n] for n in ("id", "kind")),
            sa.func.coalesce(tier.name, addon.name, ln.description),
            *(ln[n] for n in ("quantity", "unit_price_cents", "period", "discount_bp")),
            *(ln[n] for n in ("start_date", "end_date", "change")),
        )
        .select_from(
            CONTRACT_LINE.outerjoin(TIER, tier.id == ln.tier_id).outerjoin(ADDON, addon.id == ln.addon_id)
        )
        .where(ln.client_id == client_id)
    )
    return [tuple(row) for row in conn.execute(query)]


def recent_ticket_rows(conn: Connection, client_id: int, limit: int) -> list[tuple[Any, ...]]:
    """The client's ``limit`` latest opened tickets, latest first, as ``TICKET_COLUMNS``."""
    tk = TICKET.c
    query = (
        sa.select(*(tk[n] for n in TICKET_COLUMNS))
        .where(tk.client_id == client_id)
        .order_by(tk.opened_at.desc(), tk.id.desc())
        .limit(limit)
    )
    return [tuple(row) for row in conn.execute(query)]


def ticket_count(conn: Connection, client_id: int) -> int:
    """How many tickets the client has."""
    return conn.execute(sa.select(sa.func.count()).where(TICKET.c.client_id == client_id)).scalar_one()


def note_rows(conn: Connection, client_id: int) -> list[tuple[int, dt.datetime, str]]:
    """(id, written at, body) of the client's dated notes, newest first."""
    nt = CLIENT_NOTE.c
    query = (
        sa.select(nt.id, nt.created_at, nt.body)
        .where(nt.client_id == client_id)
        .order_by(nt.created_at.desc(), nt.id.desc())
    )
    return [tuple(row) for row in conn.execute(query)]


def client_tag_names(conn: Connection, client_id: int) -> list[str]:
    """The names of the client's tags, in no particular order."""
    tg, link = TAG.c, CLIENT_TAG.c
    query = sa.select(tg.name).join(CLIENT_TAG, link.tag_id == tg.id).where(link.client_id == client_id)
    return list(conn.execute(query).scalars())


def open_task_rows(
    conn: Connection, client_id: int
) -> list[tuple[int, dt.date, str, str, str, dt.date | None]]:
    """(id, due on, kind, title, owner, first due on) of the client's tasks not done, by due date."""
    ts = TASK.c
    query = (
        sa.select(ts.id, ts.due_on, ts.kind, ts.title, ts.owner, ts.first_due_on)
        .where(ts.client_id == client_id, sa.not_(ts.done))
        .order_by(ts.due_on, ts.id)
    )
    return [tuple(row) for row in conn.execute(query)]


def _referrals_with_referrers() -> sa.Join:
    """The referrals joined to their referring client and partner (either may be missing)."""
    r, c, p = REFERRAL.c, CLIENT.c, PARTNER.c
    return REFERRAL.outerjoin(CLIENT, c.id == r.referrer_client_id).outerjoin(
        PARTNER, p.id == r.referrer_partner_id
    )


def referrer_names(conn: Connection, referral_id: int) -> tuple[str | None, str | None, str | None] | None:
    """Who made the referral: (referring client's name, partner's name, partner's company), each
    None when not recorded; None when there is no such referral."""
    r, c, p = REFERRAL.c, CLIENT.c, PARTNER.c
    query = (
        sa.select(c.name, p.name, p.company)
        .select_from(_referrals_with_referrers())
        .where(r.id == referral_id)
    )
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1], row[2])


# -- the new-client dialog's referrers -------------------------------------------------------------


def open_referral_rows(conn: Connection) -> list[tuple[int, str, str | None, str, str | None, str | None]]:
    """The referrals still open (not won or lost) without a client yet, latest received first:
    (id, company, industry, stage, referring client's name, partner's name)."""
    r, c, p = REFERRAL.c, CLIENT.c, PARTNER.c
    query = (
        sa.select(r.id, r.company, r.industry, r.stage, c.name, p.name)
        .select_from(_referrals_with_referrers())
        .where(r.client_id.is_(None), r.stage.notin_(CLOSED_STAGES))
        .order_by(r.received_on.desc(), r.id.desc())
    )
    return [tuple(row) for row in conn.execute(query)]


def clients_in_statuses(conn: Connection, statuses: tuple[str, ...]) -> list[tuple[int, str]]:
    """(id, name) of the clients in one of ``statuses``, by name."""
    c = CLIENT.c
    query = sa.select(c.id, c.name).where(c.status.in_(statuses)).order_by(sa.func.lower(c.name), c.id)
    return [tuple(row) for row in conn.execute(query)]
