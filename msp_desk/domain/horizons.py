"""The vCIO roadmap's horizons as rules: their order, which make "the next 90 days", where an item
is pushed back to, where a chosen one lands, reordering within a horizon and placing an item at a
position of one (seed 001 §3-4)."""

from __future__ import annotations

from collections.abc import Sequence

from msp_desk.domain.enums import Horizon, RoadmapStatus

HORIZONS: tuple[Horizon, ...] = tuple(Horizon)  # nearest first
NEXT_90_DAYS = frozenset({Horizon.NOW, Horizon.DAYS_30, Horizon.THIS_QUARTER})
# Items still to be done: what the plan of a QBR moves (declined and done ones stay where they are).
OPEN_STATUSES = frozenset({RoadmapStatus.PROPOSED, RoadmapStatus.ACCEPTED, RoadmapStatus.IN_PROGRESS})
HORIZON_WORDS = {
    Horizon.NOW: "Now",
    Horizon.DAYS_30: "30 days",
    Horizon.THIS_QUARTER: "This quarter",
    Horizon.NEXT_QUARTER: "Next quarter",
    Horizon.MONTHS_6_12: "6-12 months",
    Horizon.LATER: "Later",
}
STATUS_WORDS = {
    RoadmapStatus.PROPOSED: "Proposed",
    RoadmapStatus.ACCEPTED: "Accepted",
    RoadmapStatus.DECLINED: "Declined",
    RoadmapStatus.IN_PROGRESS: "In progress",
    RoadmapStatus.DONE: "Done",
}


def in_next_90_days(horizon: str) -> bool:
    """Whether an item of ``horizon`` is planned for the next 90 days (now, 30 days, this quarter)."""
    return Horizon(horizon) in NEXT_90_DAYS


def pushed_back(horizon: str) -> Horizon:
    """One horizon later ("later" stays "later"): where the plan of a QBR sends an item not chosen."""
    index = HORIZONS.index(Horizon(horizon))
    return HORIZONS[min(index + 1, len(HORIZONS) - 1)]


def chosen_horizon(horizon: str) -> Horizon:
    """Where an item chosen for the next 90 days goes: it keeps a horizon already within them;
    one further out comes to "this quarter" (the furthest of the three: its date is not pressing)."""
    found = Horizon(horizon)
    return found if found in NEXT_90_DAYS else Horizon.THIS_QUARTER


def is_open(status: str) -> bool:
    return RoadmapStatus(status) in OPEN_STATUSES


def moved(order: Sequence[int], item_id: int, step: int) -> list[int]:
    """``order`` (ids in one horizon) with ``item_id`` moved ``step`` places (negative: up), kept
    within the list; an id not in it leaves the order as it is."""
    ids = list(order)
    if item_id not in ids:
        return ids
    at = ids.index(item_id)
    to = max(0, min(len(ids) - 1, at + step))
    ids.insert(to, ids.pop(at))
    return ids


def placed(order: Sequence[int], item_id: int, position: int) -> list[int]:
    """``order`` (ids in one horizon) with ``item_id`` taken out wherever it was and put at
    ``position`` (0: first; kept within the list, so a large one means last)."""
    ids = [i for i in order if i != item_id]
    ids.insert(max(0, min(len(ids), position)), item_id)
    return ids
