"""The referral pipeline's reads: the board's cards (with referrer, the client each became and
the next open follow-up), who can be named as a referrer, and a client by its name key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from msp_desk.domain.clients import Client
from msp_desk.store.tables import CLIENT, CONTACT, PARTNER, REFERRAL, TASK

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class CardRow:
    """One referral with the names around it, as the board reads it."""

    id: int
    company: str
    stage: str
    referrer_client: str | None  # the referring client's name
    referrer_contact: str | None  # the referring contact's name
    referrer_partner: str | None  # the referring partner's name
    received_on: dt.date
    stage_changed_on: dt.date | None
    expected_mrr_cents: int | None
    contact_name: str | None
    industry: str | None
    pain: str | None
    lost_reason: str | None
    client_id: int | None
    client_name: str | None  # the client it became
    next_follow_up: dt.date | None  # the earliest open follow-up's due day
    follow_up_title: str  # that follow-up's title ("" without one)


def card_rows(conn: Connection) -> list[CardRow]:
    """Every referral (in no particular order) with its referrer's names, the client it became
    and its earliest open follow-up (two queries)."""
    r, referrer, contact, made = REFERRAL.alias(), CLIENT.alias(), CONTACT.alias(), CLIENT.alias()
    p, tk = PARTNER, TASK.c
    due = (
        sa.select(tk.referral_id, sa.func.min(tk.due_on).label("due"))
        .where(tk.referral_id.is_not(None), sa.not_(tk.done))
        .group_by(tk.referral_id)
        .subquery()
    )
    query = sa.select(
        r.c.id,
        r.c.company,
        r.c.stage,
        referrer.c.name.label("referrer_client"),
        contact.c.name.label("referrer_contact"),
        p.c.name.label("referrer_partner"),
        r.c.received_on,
        r.c.stage_changed_on,
        r.c.expected_mrr_cents,
        r.c.contact_name,
        r.c.industry,
        r.c.pain,
        r.c.lost_reason,
        r.c.client_id,
        made.c.name.label("client_name"),
        due.c.due.label("next_follow_up"),
    ).select_from(
        r.outerjoin(referrer, referrer.c.id == r.c.referrer_client_id)
        .outerjoin(contact, contact.c.id == r.c.referrer_contact_id)
        .outerjoin(p, p.c.id == r.c.referrer_partner_id)
        .outerjoin(made, made.c.id == r.c.client_id)
        .outerjoin(due, due.c.referral_id == r.c.id)
    )
    rows = conn.execute(query).all()
    titles = dict(
        conn.execute(
            sa.select(tk.referral_id, tk.title)
            .where(tk.referral_id.is_not(None), sa.not_(tk.done))
            .order_by(tk.due_on.desc(), tk.id.desc())
        ).all()
    )  # the earliest due wins: later rows overwrite earlier ones
    return [
        CardRow(**row._asdict(), follow_up_title=titles.get(row.id, "") if row.next_follow_up else "")
        for row in rows
    ]


def clients_in(conn: Connection, statuses: Iterable[str]) -> list[tuple[int, str]]:
    """(id, name) of the clients whose status is one of ``statuses``, by name."""
    c = CLIENT.c
    query = (
        sa.select(c.id, c.name).where(c.status.in_(sorted(statuses))).order_by(sa.func.lower(c.name), c.id)
    )
    return [(cid, name) for cid, name in conn.execute(query)]


def referring_partners(conn: Connection) -> list[tuple[int, str, str]]:
    """(id, name, company) of every partner, by name."""
    p = PARTNER.c
    query = sa.select(p.id, p.name, p.company).order_by(sa.func.lower(p.name), p.id)
    return [(pid, name, company) for pid, name, company in conn.execute(query)]


def client_by_name_key(session: Session, key: str) -> Client | None:
    """The client whose name key is ``key`` (``domain.clients.name_key``), if any."""
    return session.exec(select(Client).where(col(Client.name_key) == key)).first()
