"""The accounts' reads for the ledger and its actions: a client's running lines (to edit), and what
the account actions offer (the client, its running lines, the active tiers and add-ons at the
prices listed on a day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from msp_desk.domain.contracts import ContractLine
from msp_desk.store.tables import ADDON, CLIENT, CONTRACT_LINE, TIER

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


def open_lines(session: Session, client_id: int) -> list[ContractLine]:
    """The client's contract lines without an end date, to edit in ``session``."""
    query = select(ContractLine).where(
        ContractLine.client_id == client_id, col(ContractLine.end_date).is_(None)
    )
    return list(session.exec(query))


def lines_running_from(
    session: Session, client_id: int, day: dt.date, addon_id: int | None = None
) -> list[ContractLine]:
    """The client's lines (of one add-on, if given) still running on or after ``day``: open,
    or ending on a later day."""
    query = select(ContractLine).where(
        ContractLine.client_id == client_id,
        sa.or_(col(ContractLine.end_date).is_(None), col(ContractLine.end_date) >= day),
    )
    if addon_id is not None:
        query = query.where(ContractLine.addon_id == addon_id)
    return list(session.exec(query))


# -- what the account actions offer ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunningLine:
    """A line without an end date, as the account actions offer it."""

    id: int
    kind: str
    tier_id: int | None
    addon_id: int | None
    description: str
    unit_price_cents: int


@dataclass(frozen=True, slots=True)
class LadderItem:
    """An active tier or add-on with its own (newest) price; an add-on's rank is 0."""

    id: int
    name: str
    price_cents: int
    rank: int
    price_model: str


def client_status(conn: Connection, client_id: int) -> tuple[str, str, int] | None:
    """(name, status, seats) of the client; None when there is no such client."""
    c = CLIENT.c
    row = conn.execute(sa.select(c.name, c.status, c.seats).where(c.id == client_id)).first()
    return None if row is None else (row[0], row[1], row[2])


def running_lines(conn: Connection, client_id: int) -> list[RunningLine]:
    """The client's lines without an end date, by id."""
    ln = CONTRACT_LINE.c
    query = (
        sa.select(ln.id, ln.kind, ln.tier_id, ln.addon_id, ln.description, ln.unit_price_cents)
        .where(ln.client_id == client_id, ln.end_date.is_(None))
        .order_by(ln.id)
    )
    return [RunningLine(*row) for row in conn.execute(query)]


def active_tiers(conn: Connection) -> list[LadderItem]:
    """The active tiers, by rank."""
    t = TIER.c
    query = sa.select(t.id, t.name, t.price_cents, t.rank, t.price_model).where(t.active).order_by(t.rank)
    return [LadderItem(*row) for row in conn.execute(query)]


def active_addons(conn: Connection) -> list[LadderItem]:
    """The active add-ons, by name."""
    a = ADDON.c
    query = sa.select(a.id, a.name, a.price_cents, a.price_model).where(a.active).order_by(a.name)
    return [LadderItem(aid, name, price, 0, model) for aid, name, price, model in conn.execute(query)]
