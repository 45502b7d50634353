"""The vCIO roadmap's reads: one client's items with the ladder change each stands for, the items
of one horizon in order (for reordering), and the add-ons and tiers an item may link to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from msp_desk.domain.reviews import RoadmapItem
from msp_desk.store.tables import ADDON, ROADMAP_ITEM, TIER

if TYPE_CHECKING:
    from sqlalchemy import Connection

ITEM_COLUMNS = (
    "id",
    "client_id",
    "title",
    "category",
    "horizon",
    "status",
    "proposed_on",
    "est_one_off_cents",
    "mrr_impact_cents",
    "done_on",
    "position",
    "addon_id",
    "tier_id",
)


def roadmap_rows(
    conn: Connection, client_id: int | None = None, item_id: int | None = None
) -> list[dict[str, Any]]:
    """Roadmap items (of one client, or the one item ``item_id``) as ``ITEM_COLUMNS`` plus
    ``addon_name`` and ``tier_name`` (the linked ladder items', "" when none), by position then id."""
    query = (
        sa.select(
            *(ROADMAP_ITEM.c[n] for n in ITEM_COLUMNS),
            sa.func.coalesce(ADDON.c.name, "").label("addon_name"),
            sa.func.coalesce(TIER.c.name, "").label("tier_name"),
        )
        .select_from(
            ROADMAP_ITEM.outerjoin(ADDON, ADDON.c.id == ROADMAP_ITEM.c.addon_id).outerjoin(
                TIER, TIER.c.id == ROADMAP_ITEM.c.tier_id
            )
        )
        .order_by(ROADMAP_ITEM.c.position, ROADMAP_ITEM.c.id)
    )
    if client_id is not None:
        query = query.where(ROADMAP_ITEM.c.client_id == client_id)
    if item_id is not None:
        query = query.where(ROADMAP_ITEM.c.id == item_id)
    return [dict(row) for row in conn.execute(query).mappings()]


def items_in_horizon(session: Session, client_id: int, horizon: str) -> list[RoadmapItem]:
    """The client's items of one horizon, in their order (position, then id)."""
    query = (
        select(RoadmapItem)
        .where(RoadmapItem.client_id == client_id, RoadmapItem.horizon == horizon)
        .order_by(col(RoadmapItem.position), col(RoadmapItem.id))
    )
    return list(session.exec(query))


def client_items(session: Session, client_id: int) -> list[RoadmapItem]:
    """All the client's items (any order)."""
    return list(session.exec(select(RoadmapItem).where(RoadmapItem.client_id == client_id)))


def ladder_link_choices(conn: Connection) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The active add-ons and tiers (id, name) an item may stand for: add-ons by name, tiers by rank."""
    addons = conn.execute(
        sa.select(ADDON.c.id, ADDON.c.name).where(ADDON.c.active.is_(True)).order_by(ADDON.c.name)
    )
    tiers = conn.execute(
        sa.select(TIER.c.id, TIER.c.name).where(TIER.c.active.is_(True)).order_by(TIER.c.rank)
    )
    return [(r[0], r[1]) for r in addons], [(r[0], r[1]) for r in tiers]
