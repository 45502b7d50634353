"""The clients' reads: the roster's (every client with its MRR, tier and tags on a day, read
straight from the driver: 20,000 clients), tag names, and the searches a client's edits make."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import select

from msp_desk.domain.clients import Client, ClientTag, Tag
from msp_desk.domain.referrals import Referral, ReferralAsk
from msp_desk.store.queries.common import as_date, raw_rows, running_on
from msp_desk.store.queries.kpis import line_mrr_sql
from msp_desk.store.tables import CLIENT, CLIENT_TAG, TAG, TIER
from msp_desk.store.tables import CONTRACT_LINE as LINE

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

# (id, name, status, seats, industry, channel, start date, renewal date, MRR cents on the day)
RosterClient = tuple[
    int, str, str, int | None, str | None, str | None, dt.date | None, dt.date | None, int | None
]


# -- the roster ------------------------------------------------------------------------------------


def roster_clients(conn: Connection, day: dt.date, only: Collection[int] | None = None) -> list[RosterClient]:
    """Every client (or those of ``only``) with its MRR on ``day`` (None without a running
    line), by name then id.

    Read with the driver alone (``raw_rows``): for 20,000 clients SQLAlchemy's per-row result
    processing would cost more than the query. The dates repeat, so each text is parsed once."""
    running = running_on(day) if only is None else sa.and_(running_on(day), LINE.c.client_id.in_(only))
    mrr = (
        sa.select(LINE.c.client_id, sa.cast(sa.func.sum(line_mrr_sql()), sa.BigInteger).label("mrr"))
        .where(running)
        .group_by(LINE.c.client_id)
        .subquery()
    )
    c = CLIENT.c
    query = (
        sa.select(
            c.id, c.name, c.status, c.seats, c.industry, c.channel, c.start_date, c.renewal_date, mrr.c.mrr
        )
        .select_from(CLIENT.outerjoin(mrr, mrr.c.client_id == c.id))
        .order_by(sa.func.lower(c.name), c.id)
    )
    if only is not None:
        query = query.where(c.id.in_(only))
    dates: dict[object, dt.date | None] = {None: None}
    clients = []
    for cid, name, status, seats, industry, channel, start, renewal, cents in raw_rows(conn, query):
        if start not in dates:
            dates[start] = as_date(start)
        if renewal not in dates:
            dates[renewal] = as_date(renewal)
        clients.append((cid, name, status, seats, industry, channel, dates[start], dates[renewal], cents))
    return clients


def tiers_on(
    conn: Connection, day: dt.date, only: Collection[int] | None = None
) -> dict[int, tuple[str, int]]:
    """Each client's (or those of ``only``) tier (name, rank; 0 for a tier without one) on
    ``day``; of overlapping tier lines the latest started."""
    rows = running_tier_rows(conn, day, (TIER.c.name, TIER.c.rank), only)
    return {cid: (name, rank or 0) for cid, name, rank in rows}


def running_tier_rows(
    conn: Connection,
    day: dt.date,
    columns: Sequence[sa.ColumnElement[Any]],
    only: Collection[int] | None = None,
) -> list[tuple[Any, ...]]:
    """(client id, *``columns`` of its tier) for each tier line running on ``day`` (of the
    clients of ``only`` when given), the latest started last: a dict of them keeps that one."""
    query = (
        sa.select(LINE.c.client_id, *columns)
        .select_from(LINE.join(TIER, LINE.c.tier_id == TIER.c.id))
        .where(LINE.c.kind == "tier", running_on(day))
        .order_by(LINE.c.start_date, LINE.c.id)
    )
    if only is not None:
        query = query.where(LINE.c.client_id.in_(only))
    return raw_rows(conn, query)


def tags_by_client(conn: Connection, only: Collection[int] | None = None) -> dict[int, tuple[str, ...]]:
    """Each tagged client's (or those of ``only``) tag names, in name order."""
    query = (
        sa.select(CLIENT_TAG.c.client_id, TAG.c.name)
        .select_from(CLIENT_TAG.join(TAG, TAG.c.id == CLIENT_TAG.c.tag_id))
        .order_by(CLIENT_TAG.c.client_id, TAG.c.name)
    )
    if only is not None:
        query = query.where(CLIENT_TAG.c.client_id.in_(only))
    tags: dict[int, list[str]] = {}
    for cid, name in raw_rows(conn, query):
        tags.setdefault(cid, []).append(name)
    return {cid: tuple(names) for cid, names in tags.items()}


def tag_names(conn: Connection) -> list[str]:
    """Every tag's name, in no particular order."""
    return list(conn.execute(sa.select(TAG.c.name)).scalars())


# -- what a client's edits look up (in their unit of work) ------------------------------------------


def client_named(session: Session, key: str) -> Client | None:
    """The client whose ``name_key`` is ``key`` (names ignore case), None when there is none."""
    return session.exec(select(Client).where(Client.name_key == key)).first()


def all_tags(session: Session) -> list[Tag]:
    """Every tag, to edit in ``session``."""
    return list(session.exec(select(Tag)))


def tag_links(session: Session, client_id: int) -> list[ClientTag]:
    """The client's links to its tags, to edit in ``session``."""
    return list(session.exec(select(ClientTag).where(ClientTag.client_id == client_id)))


def contact_credits(session: Session, contact_id: int) -> tuple[int, int]:
    """How many referrals name the contact as their referrer, and how many referral asks were
    made of them."""
    refs = session.exec(select(Referral.id).where(Referral.referrer_contact_id == contact_id)).all()
    asks = session.exec(select(ReferralAsk.id).where(ReferralAsk.contact_id == contact_id)).all()
    return len(refs), len(asks)
