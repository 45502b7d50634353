"""How believable a drafted demo story is: its last year's MRR growth and churn, before writing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.demo.moves import AddOnDropped, AddOnTaken, Repriced, Returned
from msp_desk.demo.profiles import Profile
from msp_desk.domain.enums import PriceModel
from msp_desk.services.ladder.defaults import VA_HOURS_PER_BLOCK, ladder_specs

if TYPE_CHECKING:
    from msp_desk.demo.plan import Plan

TRAILING = 12  # months, as the KPIs' trailing window


@dataclass(frozen=True)
class StoryCheck:
    """A draft's last-full-month figures, estimated from the plan alone (list prices)."""

    growth_12m: float | None  # MRR growth over the trailing twelve months
    lifetime_months: float | None  # 1 / mean monthly logo churn over them

    def fits(self, profile: Profile) -> bool:
        """True when both land in the profile's bands."""
        if self.growth_12m is None or self.lifetime_months is None:
            return False
        (g_lo, g_hi), (l_lo, l_hi) = profile.growth_band, profile.lifetime_band
        return g_lo <= self.growth_12m <= g_hi and l_lo <= self.lifetime_months <= l_hi


class _Prices:
    """List prices of the default ladder of a profile's kind, as the ledger would bill them."""

    def __init__(self, kind: str) -> None:
        tiers, addons, model = ladder_specs(kind)
        self.tiers = [t.price_cents for t in tiers]
        self.blocks = model is PriceModel.PER_HOURS_BLOCK
        self.addons = {a.name: (a.price_model, a.price_cents) for a in addons}

    def mrr(self, rank: int, seats: int, addons: Sequence[str], factor: float) -> float:
        units = -(-seats // VA_HOURS_PER_BLOCK) if self.blocks else seats
        total = self.tiers[rank - 1] * units * factor
        for name in addons:
            model, price = self.addons[name]
            total += price * seats if model is PriceModel.PER_SEAT else price
        return total


def plan_mrr(plan: Plan, day: dt.date, prices: _Prices) -> float:
    """The plan's MRR on ``day`` (0 when it is not a client then), replaying its events."""
    segment = next((s for s in plan.segments if s[0] <= day and (s[1] is None or day <= s[1])), None)
    if segment is None:
        return 0.0
    addons, factor = list(plan.addons), 1.0
    for when, move in plan.events:
        if when > day:
            break
        match move:
            case AddOnTaken(name):
                addons.append(name)
            case AddOnDropped(name) if name in addons:
                addons.remove(name)
            case Returned(_, _, returned_addons):
                addons = list(returned_addons)
            case Repriced(rise_bp, discount_bp):
                factor *= (1 + (rise_bp or 0) / 10_000) * (1 - (discount_bp or 0) / 10_000)
    return prices.mrr(segment[2], segment[3], addons, factor)


def check_story(profile: Profile, plans: Sequence[Plan], month_ends: Sequence[dt.date]) -> StoryCheck:
    """Growth and expected lifetime of the last of ``month_ends`` (one per position)."""
    prices = _Prices(profile.kind)
    last = len(month_ends) - 1
    if last < TRAILING:
        return StoryCheck(None, None)
    mrr = {
        pos: [plan_mrr(pl, month_ends[pos], prices) for pl in plans]
        for pos in range(last - TRAILING, last + 1)
    }
    before, now = sum(mrr[last - TRAILING]), sum(mrr[last])
    rates = []
    for pos in range(last - TRAILING + 1, last + 1):
        paying = [k for k, value in enumerate(mrr[pos - 1]) if value > 0]
        churned = sum(1 for k in paying if mrr[pos][k] == 0)
        if paying:
            rates.append(churned / len(paying))
    churn = sum(rates) / len(rates) if rates else 0.0
    return StoryCheck(now / before - 1 if before else None, 1 / churn if churn else None)
