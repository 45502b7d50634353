"""What the Ladder page shows: each rung and add-on with its listed and upcoming prices, its
response targets, and its clients, MRR and margin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from msp_desk.domain.enums import GrowthStage
from msp_desk.domain.ladder import AddOn, PriceChange, Tier, listed_on
from msp_desk.services.ladder.items_shared import Minutes
from msp_desk.store.database import Database
from msp_desk.store.queries.ladder import items as queries

# -- what the ladder page shows --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upcoming:
    """A list price that starts after the day shown."""

    effective: dt.date
    price_cents: int
    existing_clients: bool


@dataclass(frozen=True, slots=True)
class TierItem:
    """A rung as the page shows it on a day: the price and cost listed that day, and later ones."""

    id: int
    rank: int
    name: str
    description: str
    inclusions: tuple[str, ...]
    price_model: str
    price_cents: int
    cost_cents: int
    hours_per_block: int | None
    active: bool
    targets: Mapping[str, Minutes]
    upcoming: tuple[Upcoming, ...] = ()


@dataclass(frozen=True, slots=True)
class AddOnItem:
    """An add-on on a day, with the clients who have it then and its lines' MRR and cost."""

    id: int
    name: str
    description: str
    price_model: str
    price_cents: int
    cost_cents: int
    growth_stage: str
    active: bool
    upcoming: tuple[Upcoming, ...] = ()
    clients: int = 0
    mrr_cents: int = 0
    costed_mrr_cents: int = 0  # MRR of its lines whose cost is known
    line_cost_cents: int = 0  # their direct cost a month

    @property
    def margin(self) -> float | None:
        if self.costed_mrr_cents <= 0:
            return None
        return (self.costed_mrr_cents - self.line_cost_cents) / self.costed_mrr_cents


@dataclass(frozen=True, slots=True)
class LadderItems:
    tiers: tuple[TierItem, ...]  # by rank
    addons: tuple[AddOnItem, ...]  # by growth stage (run -> scale), then name


def ladder_items(db: Database, day: dt.date) -> LadderItems:
    """Every tier (with its targets) and add-on (with its clients, MRR and margin) on ``day``,
    retired ones too, each at the price listed that day with the list prices still to come."""
    stages = [s.value for s in GrowthStage]
    with db.unit_of_work() as session:
        changes: dict[tuple[str, int | None], list[PriceChange]] = {}
        for change in queries.price_changes(session):
            key = ("tier", change.tier_id) if change.tier_id is not None else ("addon", change.addon_id)
            changes.setdefault(key, []).append(change)
        targets: dict[int, dict[str, Minutes]] = {}
        for t in queries.all_response_targets(session):
            targets.setdefault(t.tier_id, {})[t.priority] = (t.first_response_min, t.resolution_min)

        def priced(kind: str, item: Tier | AddOn) -> tuple[int, int, tuple[Upcoming, ...]]:
            found = changes.get((kind, item.saved_id), [])
            price, cost = listed_on(found, item.price_cents, item.cost_cents, day)
            later = tuple(
                Upcoming(c.effective_date, c.price_cents, c.existing_clients)
                for c in found
                if c.effective_date > day
            )
            return price, cost, later

        tiers = tuple(
            TierItem(
                t.saved_id,
                t.rank,
                t.name,
                t.description,
                tuple(x for x in t.inclusions.splitlines() if x.strip()),
                t.price_model,
                *priced("tier", t)[:2],
                t.hours_per_block,
                t.active,
                targets.get(t.saved_id, {}),
                priced("tier", t)[2],
            )
            for t in queries.tiers(session)
        )
        figures = queries.addon_figures(session, day)
        addons = []
        for a in queries.addons(session):
            price, cost, later = priced("addon", a)
            addons.append(
                AddOnItem(
                    a.saved_id,
                    a.name,
                    a.description,
                    a.price_model,
                    price,
                    cost,
                    a.growth_stage,
                    a.active,
                    later,
                    *figures.get(a.saved_id, (0, 0, 0, 0)),
                )
            )
    order = {stage: n for n, stage in enumerate(stages)}
    addons.sort(key=lambda a: (order.get(a.growth_stage, len(order)), a.name.lower()))
    return LadderItems(tiers, tuple(addons))
