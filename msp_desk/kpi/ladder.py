"""Ladder KPIs (DESIGN §5): who is on each rung, moves up and down, cohorts, transitions, next rung.

A client's rung on a day is the highest-ranked tier of its tier lines running that day. A move
is a tier line that starts, on the day after the client's previous tier line ended (or while it
still ran), on a tier of another rank: up or down. Read from the ranks, not from the lines'
``change`` words, so any history (entered, imported, generated) counts the same; a return after
a gap is no move. Churn in the transition matrix means "on no tier any more".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from msp_desk.domain.values import ONE_DAY, Month
from msp_desk.kpi.inputs import AddOnOption, RungFacts, RungLine, TierInfo, TierOption, TierSpell
from msp_desk.kpi.readiness import tenure_text

STAGES = ("run", "protect", "optimize", "scale")  # seed 000's compounding sequence (GrowthStage)
COHORT_MONTHS = 6  # "moved up within 6 months"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, on the month's last day when it has no such day."""
    target = Month.of(day) + months
    return target.first_day().replace(day=min(day.day, calendar.monthrange(target.year, target.month)[1]))


# -- who is on each rung ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RungStats:
    """One rung on a day: its clients, their whole MRR and direct cost (every running line of
    the clients on it), and the tier lines' own MRR and cost. Margins are over the lines whose
    cost is known; None when there are none."""

    tier_id: int
    rank: int
    name: str
    clients: int
    mrr_cents: int
    cost_cents: int  # of the lines with a known cost
    costed_mrr_cents: int  # MRR of the lines with a known cost
    tier_mrr_cents: int
    tier_cost_cents: int
    tier_costed_mrr_cents: int

    @property
    def margin(self) -> float | None:
        return _margin(self.costed_mrr_cents, self.cost_cents)

    @property
    def tier_margin(self) -> float | None:
        return _margin(self.tier_costed_mrr_cents, self.tier_cost_cents)


def _margin(revenue: int, cost: int) -> float | None:
    return None if revenue <= 0 else (revenue - cost) / revenue


def rung_stats(running: Iterable[RungLine], tiers: Sequence[TierInfo]) -> tuple[RungStats, ...]:
    """Every tier's rung (by rank) from the lines running on a day. A client's lines all count
    on its highest-ranked tier; clients on no tier are left out."""
    rank_of = {t.tier_id: t.rank for t in tiers}
    by_client: dict[int, list[RungLine]] = defaultdict(list)
    for line in running:
        by_client[line.client_id].append(line)
    sums: dict[int, list[int]] = {t.tier_id: [0] * 7 for t in tiers}
    for lines in by_client.values():
        on = [x.tier_id for x in lines if x.tier_id in rank_of]
        if not on:
            continue
        rung = max(on, key=lambda tier_id: (rank_of[tier_id], tier_id))
        s = sums[rung]
        s[0] += 1
        for x in lines:
            costed = x.cost_cents is not None
            s[1] += x.mrr_cents
            s[2] += x.cost_cents or 0
            s[3] += x.mrr_cents if costed else 0
            if x.tier_id == rung:
                s[4] += x.mrr_cents
                s[5] += x.cost_cents or 0
                s[6] += x.mrr_cents if costed else 0
    return tuple(
        RungStats(t.tier_id, t.rank, t.name, *sums[t.tier_id]) for t in sorted(tiers, key=lambda t: t.rank)
    )


# -- moves up and down -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TierMove:
    client_id: int
    day: dt.date  # the new tier's first day
    from_rank: int
    to_rank: int

    @property
    def up(self) -> bool:
        return self.to_rank > self.from_rank


def _by_client(spells: Iterable[TierSpell]) -> dict[int, list[TierSpell]]:
    grouped: dict[int, list[TierSpell]] = defaultdict(list)
    for spell in spells:
        grouped[spell[0]].append(spell if isinstance(spell, TierSpell) else TierSpell(*spell))
    for group in grouped.values():
        group.sort(key=lambda s: (s.start, s.rank))
    return grouped


def tier_moves(spells: Iterable[TierSpell]) -> list[TierMove]:
    """Every move up or down, in date order (then client)."""
    moves = []
    for client_id, group in _by_client(spells).items():
        previous, reach = group[0], group[0].end  # reach: the last day on the ladder so far
        for spell in group[1:]:
            contiguous = reach is None or spell.start <= reach + ONE_DAY
            if contiguous and spell.rank != previous.rank:
                moves.append(TierMove(client_id, spell.start, previous.rank, spell.rank))
            if reach is not None:
                reach = None if spell.end is None else max(reach, spell.end)
            previous = spell
    return sorted(moves, key=lambda m: (m.day, m.client_id))


@dataclass(frozen=True, slots=True)
class MonthMoves:
    month: Month
    upgrades: int
    downgrades: int


def moves_by_month(moves: Iterable[TierMove], first: Month, last: Month) -> tuple[MonthMoves, ...]:
    """Upgrades and downgrades effective in each month from ``first`` to ``last``."""
    counts = {m: [0, 0] for m in range(first.index, last.index + 1)}
    for move in moves:
        slot = counts.get(move.day.year * 12 + move.day.month - 1)
        if slot is not None:
            slot[0 if move.up else 1] += 1
    return tuple(MonthMoves(Month.from_index(m), up, down) for m, (up, down) in counts.items())


# -- start cohorts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CohortShare:
    """The clients who first started in ``month`` and how many moved up within 6 months of
    their start. ``complete`` once every one of them has had its 6 months."""

    month: Month
    clients: int
    moved_up: int
    complete: bool

    @property
    def share(self) -> float | None:
        return self.moved_up / self.clients if self.clients else None


def cohort_upgrades(
    spells: Iterable[TierSpell],
    day: dt.date,
    within_months: int = COHORT_MONTHS,
    moves: Iterable[TierMove] | None = None,
) -> tuple[CohortShare, ...]:
    """Per month of first start (up to ``day``), the share that moved up within the window
    (moves after ``day`` not counted yet). ``moves``: ``tier_moves(spells)`` if already made."""
    spells = list(spells)
    first_start = {cid: group[0].start for cid, group in _by_client(spells).items()}
    moved = {
        m.client_id
        for m in (tier_moves(spells) if moves is None else moves)
        if m.up and m.day <= day and m.day <= add_months(first_start[m.client_id], within_months)
    }
    cohorts: dict[Month, list[int]] = defaultdict(lambda: [0, 0])
    for cid, start in first_start.items():
        if start <= day:
            c = cohorts[Month.of(start)]
            c[0] += 1
            c[1] += cid in moved
    return tuple(
        CohortShare(month, n, up, day >= add_months(month.last_day(), within_months))
        for month, (n, up) in sorted(cohorts.items())
    )


# -- transitions -----------------------------------------------------------------------------------


def ranks_on(spells: Iterable[TierSpell], day: dt.date) -> dict[int, int]:
    """Each client's rung (highest rank running) on ``day``; clients on no tier are absent."""
    ranks: dict[int, int] = {}
    for cid, _tier, rank, start, end in spells:
        if start <= day and (end is None or day <= end) and rank > ranks.get(cid, 0):
            ranks[cid] = rank
    return ranks


@dataclass(frozen=True, slots=True)
class TransitionMatrix:
    """Clients by rung on ``start`` (rows) and on ``end`` (columns; None = on no tier: churned).
    Clients who joined after ``start`` are not in it."""

    start: dt.date
    end: dt.date
    ranks: tuple[int, ...]
    counts: Mapping[tuple[int, int | None], int]

    def count(self, from_rank: int, to_rank: int | None) -> int:
        return self.counts.get((from_rank, to_rank), 0)

    def row_total(self, from_rank: int) -> int:
        return sum(n for (a, _b), n in self.counts.items() if a == from_rank)

    def rate(self, from_rank: int, to_rank: int | None) -> float | None:
        total = self.row_total(from_rank)
        return self.count(from_rank, to_rank) / total if total else None


def transition_matrix(
    spells: Iterable[TierSpell], start: dt.date, end: dt.date, ranks: Sequence[int] = ()
) -> TransitionMatrix:
    """Where the clients on each rung on ``start`` are on ``end`` (12 months on for DESIGN §5)."""
    spells = list(spells)
    before, after = ranks_on(spells, start), ranks_on(spells, end)
    counts: dict[tuple[int, int | None], int] = defaultdict(int)
    for cid, rank in before.items():
        counts[rank, after.get(cid)] += 1
    all_ranks = sorted({*ranks, *before.values(), *after.values()})
    return TransitionMatrix(start, end, tuple(all_ranks), dict(counts))


# -- the next rung of one client -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TierStep:
    tier_id: int
    rank: int
    name: str
    mrr_cents: int  # what the client would pay on it
    mrr_delta_cents: int  # more than on its tier now


@dataclass(frozen=True, slots=True)
class AddOnStep:
    addon_id: int
    name: str
    stage: str
    mrr_delta_cents: int


@dataclass(frozen=True, slots=True)
class Signal:
    code: str  # tickets_up, roadmap_open, business_changes, tenure
    reason: str


@dataclass(frozen=True, slots=True)
class NextRung:
    """The next tier up, the add-ons of the next growth stage, and the signals behind them."""

    client_id: int
    current: TierOption | None
    next_tier: TierStep | None
    stage: str | None  # the growth stage the add-ons come from
    addons: tuple[AddOnStep, ...]
    signals: tuple[Signal, ...]


def next_tier(current: TierOption | None, tiers: Iterable[TierOption], current_mrr: int) -> TierStep | None:
    """The lowest-ranked active tier above ``current`` (None on the top rung or on no tier)."""
    if current is None:
        return None
    above = [t for t in tiers if t.active and t.rank > current.rank]
    if not above:
        return None
    step = min(above, key=lambda t: t.rank)
    return TierStep(step.tier_id, step.rank, step.name, step.mrr_cents, step.mrr_cents - current_mrr)


def next_stage_addons(
    addons: Iterable[AddOnOption], owned: frozenset[int]
) -> tuple[str | None, tuple[AddOnStep, ...]]:
    """The first growth stage after "run" (the tier itself keeps things running; run add-ons
    are situational) with an active add-on the client lacks, and those add-ons by name."""
    addons = [a for a in addons if a.active]
    for stage in STAGES[1:]:
        missing = sorted(
            (a for a in addons if a.stage == stage and a.addon_id not in owned), key=lambda a: a.name
        )
        if missing:
            return stage, tuple(AddOnStep(a.addon_id, a.name, a.stage, a.mrr_cents) for a in missing)
    return None, ()


def ticket_trend_up(last: int, prior: int) -> bool:
    """Up: at least 2 more tickets and at least 20% more than the three months before."""
    return last - prior >= 2 and 5 * last >= 6 * prior


def rung_signals(facts: RungFacts, day: dt.date) -> tuple[Signal, ...]:
    """Plain reasons to suggest the next rung now."""
    signals = []
    last, prior = facts.tickets_last_3m, facts.tickets_prior_3m
    if ticket_trend_up(last, prior):
        growth = f" {(last - prior) / prior:.0%}" if prior else ""
        was = f"{prior}" if prior else "none"
        signals.append(
            Signal("tickets_up", f"Tickets up{growth}: {last} in the last 3 months vs {was} in the 3 before")
        )
    if facts.open_roadmap:
        shown = "; ".join(facts.open_roadmap[:3])
        more = f" and {len(facts.open_roadmap) - 3} more" if len(facts.open_roadmap) > 3 else ""
        n = len(facts.open_roadmap)
        signals.append(
            Signal("roadmap_open", f"{n} roadmap item{'s' if n != 1 else ''} open or accepted: {shown}{more}")
        )
    changes = "; ".join(line.strip() for line in facts.business_changes.splitlines() if line.strip())
    if changes and facts.last_qbr_day is not None:
        signals.append(
            Signal("business_changes", f"Business changes at the last QBR ({facts.last_qbr_day}): {changes}")
        )
    if facts.start is not None and facts.start <= day:
        signals.append(Signal("tenure", tenure_text(facts.start, day)))
    return tuple(signals)


def next_rung(
    facts: RungFacts, tiers: Sequence[TierOption], addons: Sequence[AddOnOption], day: dt.date
) -> NextRung:
    """The next rung of one client on ``day``, with each step's MRR delta and the signals."""
    current = next((t for t in tiers if t.tier_id == facts.current_tier_id), None)
    stage, steps = next_stage_addons(addons, facts.owned_addon_ids) if current else (None, ())
    return NextRung(
        facts.client_id,
        current,
        next_tier(current, tiers, facts.current_tier_mrr_cents),
        stage,
        steps,
        rung_signals(facts, day),
    )
