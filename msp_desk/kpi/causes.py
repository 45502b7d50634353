"""Why a client's MRR moved, in ladder terms: tier up/down, seats, add-ons, price, discount."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import LineFact
from msp_desk.kpi.movements import Movements
from msp_desk.kpi.mrr import active_month_range

TIER_PREFIX = "tier:"
ADDON_PREFIX = "addon:"


class Cause(StrEnum):
    """A reason behind a movement; several can explain one client's change."""

    NEW = "new"
    RETURN = "return"
    CANCEL = "cancel"
    TIER_UP = "tier up"
    TIER_DOWN = "tier down"
    SEATS = "seats"
    ADDON_ON = "add-on on"
    ADDON_OFF = "add-on off"
    PRICE_CHANGE = "price change"
    DISCOUNT_START = "discount start"
    DISCOUNT_END = "discount end"
    OTHER = "other"  # a custom line started or stopped, or nothing in the lines explains it


@dataclass(frozen=True, slots=True)
class _Item:
    """The lines of one item at one month end, summed."""

    quantity: int
    discount_bp: int
    mrr_cents: int


def _items(lines: Iterable[LineFact]) -> dict[str, _Item]:
    grouped: dict[str, list[LineFact]] = defaultdict(list)
    for line in lines:
        grouped[line.item].append(line)
    return {
        item: _Item(
            quantity=sum(x.quantity for x in group),
            discount_bp=max(x.discount_bp for x in group),
            mrr_cents=sum(x.mrr_cents for x in group),
        )
        for item, group in grouped.items()
    }


def _item_change(before: _Item, after: _Item) -> set[Cause]:
    """Causes of the change of an item present at both month ends."""
    causes: set[Cause] = set()
    if before.quantity != after.quantity:
        causes.add(Cause.SEATS)
    if before.discount_bp != after.discount_bp:
        if before.discount_bp == 0:
            causes.add(Cause.DISCOUNT_START)
        elif after.discount_bp == 0:
            causes.add(Cause.DISCOUNT_END)
        else:
            causes.add(Cause.PRICE_CHANGE)
    if not causes and before.mrr_cents != after.mrr_cents:
        causes.add(Cause.PRICE_CHANGE)
    return causes


def _top_rank(lines: Iterable[LineFact]) -> int | None:
    ranks = [x.tier_rank for x in lines if x.item.startswith(TIER_PREFIX) and x.tier_rank]
    return max(ranks) if ranks else None


def _tier_change(prev: list[LineFact], cur: list[LineFact]) -> set[Cause]:
    """Tier up/down from the highest tier rank sold, and seats if the tier quantity moved."""
    before, after = _top_rank(prev), _top_rank(cur)
    if before is None or after is None or before == after:
        return set()
    causes = {Cause.TIER_UP if after > before else Cause.TIER_DOWN}
    seats_before = sum(x.quantity for x in prev if x.item.startswith(TIER_PREFIX))
    seats_after = sum(x.quantity for x in cur if x.item.startswith(TIER_PREFIX))
    if seats_before != seats_after:
        causes.add(Cause.SEATS)
    return causes


def _one_sided(item: str, started: bool, tier_explained: bool) -> set[Cause]:
    """Cause of an item sold at only one of the two month ends."""
    if item.startswith(ADDON_PREFIX):
        return {Cause.ADDON_ON if started else Cause.ADDON_OFF}
    if item.startswith(TIER_PREFIX) and tier_explained:
        return set()
    return {Cause.OTHER}


def movement_causes(
    prev_lines: Iterable[LineFact], cur_lines: Iterable[LineFact], had_mrr_before: bool = False
) -> frozenset[Cause]:
    """Causes of one client's MRR change between two month ends.

    ``prev_lines``/``cur_lines`` are the client's lines active at the end of M-1 and of M.
    A client from 0 to MRR > 0 is NEW, or RETURN if ``had_mrr_before``; a client whose lines
    all ended is CANCEL. Otherwise the lines are compared item by item (a line moved to $0 or
    to a 100% discount reads as a price or discount change, and still counts as churn).
    """
    prev, cur = list(prev_lines), list(cur_lines)
    prev_mrr, cur_mrr = sum(x.mrr_cents for x in prev), sum(x.mrr_cents for x in cur)
    if prev_mrr == 0 and cur_mrr > 0:
        return frozenset({Cause.RETURN if had_mrr_before else Cause.NEW})
    if prev_mrr > 0 and not cur:
        return frozenset({Cause.CANCEL})
    causes = _tier_change(prev, cur)
    tier_explained = bool(causes)
    before, after = _items(prev), _items(cur)
    for item in before.keys() | after.keys():
        if item in before and item in after:
            causes |= _item_change(before[item], after[item])
        else:
            causes |= _one_sided(item, item in after, tier_explained)
    if not causes and prev_mrr != cur_mrr:
        causes.add(Cause.OTHER)
    return frozenset(causes)


def _active_at(line: LineFact, index: int) -> bool:
    span = active_month_range(line.start, line.end)
    return span is not None and span[0] <= index and (span[1] is None or index <= span[1])


def month_causes(
    lines: Iterable[LineFact], month: Month, movements: Movements
) -> dict[int, frozenset[Cause]]:
    """Causes of every client whose MRR changed in ``month``.

    ``movements`` is that month's ``Movements``: a client going from 0 to MRR > 0 that is not
    among its new clients is a return (the reactivation policy already decided which is which).
    """
    prev: dict[int, list[LineFact]] = defaultdict(list)
    cur: dict[int, list[LineFact]] = defaultdict(list)
    for line in lines:
        if _active_at(line, month.index - 1):
            prev[line.client_id].append(line)
        if _active_at(line, month.index):
            cur[line.client_id].append(line)
    new = set(movements.new_client_ids)
    result: dict[int, frozenset[Cause]] = {}
    for client_id in prev.keys() | cur.keys():
        before, after = prev[client_id], cur[client_id]
        if sum(x.mrr_cents for x in before) != sum(x.mrr_cents for x in after):
            result[client_id] = movement_causes(before, after, client_id not in new)
    return result
