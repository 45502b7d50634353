"""The service ladder's items and lookups: tiers, add-ons, their response targets and dated
list prices, the contract lines of one item, the built-in scripts installed with the ladder, and
each add-on's clients and MRR on a day (the ladder page).

Records edited come back as ORM objects of the caller's unit of work; figures as plain values.
An item is named by its kind (``"tier"`` or ``"addon"``) and id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import object_session
from sqlmodel import Session, col, func, select

from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.enums import LineKind
from msp_desk.domain.ladder import AddOn, PriceChange, ResponseTarget, Tier, listed_on
from msp_desk.store.queries import common
from msp_desk.store.tables import CONTRACT_LINE


def item_model(kind: str) -> type[Tier] | type[AddOn]:
    """The ORM class of an item of ``kind`` (``"tier"`` or ``"addon"``)."""
    return Tier if kind == "tier" else AddOn


# -- the items -------------------------------------------------------------------------------------


def tiers(session: Session) -> list[Tier]:
    """Every tier, retired ones too, by rank."""
    return list(session.exec(select(Tier).order_by(col(Tier.rank))))


def addons(session: Session) -> list[AddOn]:
    """Every add-on, retired ones too, by id."""
    return list(session.exec(select(AddOn).order_by(col(AddOn.id))))


def any_tier(session: Session) -> bool:
    """Whether the shop has a ladder (any tier) yet."""
    return session.exec(select(Tier.id).limit(1)).first() is not None


def addon_names(session: Session) -> set[str]:
    return set(session.exec(select(AddOn.name)).all())


def top_tier_rank(session: Session) -> int:
    """The highest tier's rank; 0 without tiers."""
    return session.exec(select(func.max(Tier.rank))).first() or 0


def name_taken(session: Session, kind: str, name: str, other_than: int | None) -> bool:
    """Whether an item of ``kind`` other than ``other_than`` is called ``name`` (trimmed, in any case)."""
    model = item_model(kind)
    query = select(model.id).where(func.lower(model.name) == name.strip().lower())
    if other_than is not None:
        query = query.where(model.id != other_than)
    return session.exec(query).first() is not None


def response_targets(session: Session, tier_id: int) -> dict[str, ResponseTarget]:
    """The tier's response targets by priority."""
    query = select(ResponseTarget).where(ResponseTarget.tier_id == tier_id)
    return {t.priority: t for t in session.exec(query)}


def all_response_targets(session: Session) -> list[ResponseTarget]:
    """Every tier's response targets, by priority."""
    return list(session.exec(select(ResponseTarget).order_by(col(ResponseTarget.priority))))


def price_changes(session: Session) -> list[PriceChange]:
    """Every dated list price of every item, by date (then id)."""
    query = select(PriceChange).order_by(col(PriceChange.effective_date), col(PriceChange.id))
    return list(session.exec(query))


# -- an item's contract lines ----------------------------------------------------------------------


def _item_lines(kind: str, item_id: int) -> Any:
    line = ContractLine
    if kind == "tier":
        return select(line).where(line.kind == LineKind.TIER.value, line.tier_id == item_id)
    return select(line).where(line.kind == LineKind.ADDON.value, line.addon_id == item_id)


def item_lines(
    session: Session,
    kind: str,
    item_id: int,
    *,
    running_from: dt.date | None = None,
    started_before: dt.date | None = None,
) -> list[ContractLine]:
    """The contract lines of an item, by id: with ``running_from`` only those running that
    day or starting later, with ``started_before`` only those started before that day."""
    query = _item_lines(kind, item_id)
    if running_from is not None:
        query = query.where(common.running_from(running_from))
    if started_before is not None:
        query = query.where(ContractLine.start_date < started_before)
    return list(session.exec(query.order_by(ContractLine.id)))


def item_used(session: Session, kind: str, item_id: int) -> bool:
    """Whether any contract line, running or ended, is of the item."""
    return session.exec(_item_lines(kind, item_id).limit(1)).first() is not None


def addon_figures(conn: Connection | Session, day: dt.date) -> dict[int, tuple[int, int, int, int]]:
    """Per add-on: (clients, MRR, MRR of the costed lines, their cost) of its lines running on ``day``."""
    c = CONTRACT_LINE.c
    costed = c.cost_cents.is_not(None)
    query = (
        sa.select(
            c.addon_id,
            sa.func.count(sa.distinct(c.client_id)),
            sa.func.coalesce(sa.func.sum(c.mrr_cents), 0),
            sa.func.coalesce(sa.func.sum(sa.case((costed, c.mrr_cents), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(c.cost_cents), 0),
        )
        .where(c.kind == LineKind.ADDON.value, common.running_on(day))
        .group_by(c.addon_id)
    )
    return {aid: (int(n), int(mrr), int(cmrr), int(cost)) for aid, n, mrr, cmrr, cost in conn.execute(query)}


# -- list prices ----------------------------------------------------------------------------------


def price_changes_of(session: OrmSession, item: Tier | AddOn) -> list[PriceChange]:
    """The dated price changes of ``item``, by date (in any ORM session: the item's own, too)."""
    column = PriceChange.tier_id if isinstance(item, Tier) else PriceChange.addon_id
    query = (
        select(PriceChange)
        .where(col(column) == item.id)
        .order_by(col(PriceChange.effective_date), col(PriceChange.id))
    )
    return list(session.scalars(query))


def listed_price(item: Tier | AddOn, day: dt.date) -> tuple[int, int]:
    """(price, cost) a line of ``item`` (loaded in a session) starting on ``day`` gets."""
    session = object_session(item)
    if session is None or item.id is None:
        return item.price_cents, item.cost_cents
    return listed_on(price_changes_of(session, item), item.price_cents, item.cost_cents, day)
