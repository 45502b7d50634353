"""The scripts library's reads: the scripts in library order, their names (to keep them unique),
how many asks name one, and what the merge fields of a client or partner are filled from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.store.tables import CLIENT, CONTACT, PARTNER, REFERRAL_ASK, SCRIPT

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


def script_rows(conn: Connection) -> list[tuple[int, str, str, str, bool]]:
    """(id, name, kind, body, built in) of every script: the built-in ones first (in the order
    installed), then the shop's own by name."""
    t = SCRIPT.c
    query = sa.select(t.id, t.name, t.kind, t.body, t.builtin).order_by(
        t.builtin.desc(), sa.case((t.builtin, t.id), else_=0), t.name
    )
    return [(i, name, kind, body, bool(builtin)) for i, name, kind, body, builtin in conn.execute(query)]


def script_names(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every script."""
    return [(i, name) for i, name in session.execute(sa.select(SCRIPT.c.id, SCRIPT.c.name))]


def asks_naming(session: Session, script_id: int) -> int:
    """How many asks of the log name the script."""
    query = sa.select(sa.func.count()).where(REFERRAL_ASK.c.script_id == script_id)
    return int(session.execute(query).scalar_one())


def client_for_merge(conn: Connection, client_id: int) -> tuple[str, str] | None:
    """(name, industry) of a client; None when there is no such client."""
    k = CLIENT.c
    row = conn.execute(sa.select(k.name, k.industry).where(k.id == client_id)).first()
    return None if row is None else (row[0], row[1])


def first_contact(conn: Connection, client_id: int) -> tuple[str, str] | None:
    """(name, email) of a client's decision maker, else of its first contact; None without one."""
    k = CONTACT.c
    query = (
        sa.select(k.name, k.email)
        .where(k.client_id == client_id)
        .order_by(k.decision_maker.desc(), k.id)
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1])


def partner_for_merge(conn: Connection, partner_id: int) -> tuple[str, str, str] | None:
    """(name, company, email) of a partner; None when there is no such partner."""
    p = PARTNER.c
    row = conn.execute(sa.select(p.name, p.company, p.email).where(p.id == partner_id)).first()
    return None if row is None else (row[0], row[1], row[2])
