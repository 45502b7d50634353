"""The demo's story, drawn before anything is written: who joins when, ladder moves, churns."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass, field

from msp_desk.demo.check import check_story
from msp_desk.demo.moves import (
    AddOnDropped,
    AddOnTaken,
    Churned,
    Move,
    Repriced,
    Returned,
    SeatsMove,
    TierMove,
)
from msp_desk.demo.profiles import Profile
from msp_desk.domain.values import ONE_DAY, Month, last_full_month

MAX_DRAFTS = 40
LOB_INDUSTRIES = ("Dental", "Legal", "Accounting", "Healthcare", "Veterinary")  # practice software
COMPLIANCE_INDUSTRIES = ("Dental", "Healthcare", "Legal", "Financial services")
KILLER_DISCOUNT_BP = 3000  # what the problem account got off to stay, a year in
PRICE_RISE_BP = 500  # the list-price rise a couple of stable clients take near the end


@dataclass
class Plan:
    index: int
    name: str
    industry: str
    killer: bool
    channel: str
    start_pos: int
    start: dt.date
    rank: int
    seats: int
    addons: list[str]
    employees: int
    locations: int
    servers: int
    term_months: int
    satisfaction: int
    upcoming: bool = False
    champion: bool = False
    forced: bool = False
    churn_pos: int | None = None
    churn_reason: str = ""
    return_pos: int | None = None
    clawback: bool = False
    price_rise_pos: int | None = None
    events: list[tuple[dt.date, Move]] = field(default_factory=list)
    segments: list[tuple[dt.date, dt.date | None, int, int]] = field(default_factory=list)  # tier/seats
    referrer: int | None = None  # plan index of the referring client
    partner: str | None = None  # partner key of the introducing partner
    received_on: dt.date | None = None


@dataclass
class _State:
    rank: int
    seats: int
    addons: list[str]
    active: bool = True
    seg_start: dt.date | None = None


class Planner:
    """Draws the demo's story from one ``random.Random``; no database involved."""

    def __init__(self, profile: Profile, today: dt.date, rng: random.Random) -> None:
        self.p = profile
        self.rng = rng
        self.today = today
        self.last_month = last_full_month(today)
        self.first_month = self.last_month - (profile.months - 1)
        self.last = profile.months - 1  # position of the last full month

    def day(self, pos: int, day: int = 1) -> dt.date:
        return (self.first_month + pos).first_day().replace(day=day)

    # -- accounts --------------------------------------------------------------------------------

    def seats(self, killer: bool) -> int:
        p, rng = self.p, self.rng
        lo, hi = p.seats_range
        value = math.exp(rng.gauss(math.log(p.seats_median), 0.45 if killer else 0.55))
        step = p.seat_step
        return min(hi, max(lo, int(round(value / step)) * step))

    def eligible(self, plan: Plan, addon: str, rank: int) -> bool:
        if addon == "Multi-location governance":
            return plan.locations > 1
        if addon == "Line-of-business app support":
            return plan.industry in LOB_INDUSTRIES
        if rank == 4 and addon in self.p.premium_includes:
            return False
        if addon == "vCIO roadmap sessions":
            return rank >= 3
        if addon == "Growth Ops Mastermind":
            return rank >= 2
        if addon == "Compliance reporting":
            return rank >= 3 or plan.industry in COMPLIANCE_INDUSTRIES
        return True

    def new_plan(self, name: str, industry: str, pos: int, day: int, channel: str, killer: bool) -> Plan:
        rng, p = self.rng, self.p
        rank = 2 if killer else rng.choices((1, 2, 3, 4), weights=p.rank_weights)[0]
        seats = self.seats(killer)
        locations = rng.choices((1, 2, 3), weights=(78, 16, 6))[0]
        plan = Plan(
            index=0,
            name=name,
            industry=industry,
            killer=killer,
            channel=channel,
            start_pos=pos,
            start=self.day(pos, day),
            rank=rank,
            seats=seats,
            addons=[],
            employees=round(seats * rng.uniform(0.8, 1.1)) if p.seat_step == 1 else rng.randint(2, 40),
            locations=locations,
            servers=rng.choice((0, 1, 1, 2, 3)) if p.seat_step == 1 else 0,
            term_months=rng.choice((12, 12, 24, 36)),
            satisfaction=rng.randint(3, 4) if killer else rng.choices((6, 7, 8, 9, 10), (1, 3, 5, 4, 2))[0],
        )
        plan.addons = [
            a for a in p.initial_addons[rank - 1] if self.eligible(plan, a, rank) and rng.random() < 0.8
        ]
        if killer:
            plan.addons = plan.addons[:1]
        return plan

    def plans(self) -> list[Plan]:
        """The story: the first believable draft (see ``demo_check``), then who referred whom.

        A draft's growth and churn swing with the few dozen clients drawn; rather than tune
        the odds until one seed looks right, drafts are drawn until one lands in the profile's
        bands (usually within a few; all from the one ``random.Random``, so still deterministic).
        """
        p, last = self.p, self.last
        month_ends = [self.day(pos + 1) - ONE_DAY for pos in range(last + 1)]
        for _ in range(MAX_DRAFTS):
            plans = self.draft()
            if check_story(p, plans, month_ends).fits(p):
                break
        name, industry = p.upcoming
        upcoming = self.new_plan(name, industry, last, 1, "referral", False)
        upcoming.start = (Month.of(self.today) + 1).first_day()
        upcoming.start_pos = last + 2
        upcoming.upcoming = True
        upcoming.index = len(plans)
        plans.append(upcoming)
        self.choose_referrers(plans)
        return plans

    def draft(self) -> list[Plan]:
        """Who joins when, who leaves when, and how each account moves in between."""
        p, rng, last = self.p, self.rng, self.last
        killers = [c for c in p.clients if c[0] in p.killers]
        others = [c for c in p.clients if c[0] not in p.killers]
        rng.shuffle(others)
        n_founding = p.founding - len(killers)
        plans: list[Plan] = []
        for name, industry in killers + others[:n_founding]:
            channel = rng.choices([c for c, _ in p.founding_channels], [w for _, w in p.founding_channels])[0]
            pos = rng.choice((0, 0, 1, 2))
            plans.append(self.new_plan(name, industry, pos, 1, channel, name in p.killers))
        newcomers = others[n_founding:]
        forced = [(last - 1, 1, "referral"), (last, 1, "referral"), (last, 15, "marketing")]
        free = newcomers[: len(newcomers) - len(forced)]
        positions = self.arrivals(len(free))
        for (name, industry), pos in zip(free, positions, strict=True):
            channel = rng.choices([c for c, _ in p.newcomer_channels], [w for _, w in p.newcomer_channels])[0]
            plans.append(self.new_plan(name, industry, pos, rng.choice((1, 1, 1, 15)), channel, False))
        for (name, industry), (pos, day, channel) in zip(newcomers[len(free) :], forced, strict=True):
            plan = self.new_plan(name, industry, pos, day, channel, False)
            plan.forced = True
            plans.append(plan)
        plans.sort(key=lambda pl: (pl.start, pl.name))
        for i, plan in enumerate(plans):
            plan.index = i
        for plan in rng.sample([pl for pl in plans if pl.start_pos <= 2 and not pl.killer], 3):
            plan.champion = True
            plan.satisfaction = 10
        self.choose_churns(plans)
        for plan in plans:
            self.grow(plan)
        return plans

    def arrivals(self, n: int) -> list[int]:
        """Start positions of ``n`` newcomers, a steady flow that grows with the shop.

        Stratified: the k-th newcomer lands in the k-th n-quantile of the flow (at a random
        point inside it), so new business never bunches up or dries up for months by chance.
        """
        months = list(range(3, self.last - 1))
        cumulative = list(itertools.accumulate(1 + k / 48 for k in months))
        targets = ((k + self.rng.random()) / n * cumulative[-1] for k in range(n))
        return [months[min(bisect.bisect_left(cumulative, x), len(months) - 1)] for x in targets]

    def choose_churns(self, plans: list[Plan]) -> None:
        """Who leaves when: about ``churn_rate`` of the clients each month, one of them returning.

        Month by month the expected churns (rate x clients at the end of the month before, a
        little lumpy) are carried over until a whole one is due, so the trailing twelve months'
        logo churn, and with it the expected lifetime, lands near the profile's. No one leaves in
        the last full month, in their first six months (but the clawback case), or among the
        problem accounts, champions and the clients the demo shows off.
        """
        rng, p, last = self.rng, self.p, self.last
        keep = set(p.keepers)

        def stays(pl: Plan) -> bool:
            return pl.killer or pl.forced or pl.champion or pl.name in keep

        def gone(pl: Plan, pos: int) -> bool:
            if pl.churn_pos is None or pl.churn_pos > pos:
                return False
            return pl.return_pos is None or pl.return_pos > pos

        claw = [pl for pl in plans if pl.channel == "referral" and 3 <= pl.start_pos <= last - 8]
        claw = [pl for pl in claw if not stays(pl)]
        if claw:
            plan = rng.choice(claw)
            plan.churn_pos, plan.clawback = plan.start_pos + 4, True
        carry = rng.random()
        for pos in range(6, last):
            active = [pl for pl in plans if pl.start_pos < pos and not gone(pl, pos - 1)]
            carry += p.churn_rate * len(active) * rng.uniform(0.85, 1.15)
            carry -= sum(1 for pl in active if pl.churn_pos == pos)
            while carry >= 1:
                pool = [pl for pl in active if pl.churn_pos is None and pos - pl.start_pos >= 6]
                pool = [pl for pl in pool if not stays(pl)]
                if not pool:
                    break
                plan = rng.choices(pool, [1 / pl.seats**2 for pl in pool])[0]  # small ones leave more
                plan.churn_pos = pos
                carry -= 1
                if pos + 5 <= last - 2 and not any(pl.return_pos is not None for pl in plans):
                    plan.return_pos = pos + 5
        churned = sorted((pl for pl in plans if pl.churn_pos is not None), key=lambda pl: pl.index)
        self.churn_reasons(churned)
        for plan in churned:
            if plan.return_pos is None:
                plan.satisfaction = rng.randint(4, 6)
        stable = [pl for pl in plans if pl.start_pos <= 2 and not pl.killer and pl.churn_pos is None]
        for plan in rng.sample(stable, min(2, len(stable))):
            plan.price_rise_pos = last - 3

    def churn_reasons(self, churned: list[Plan]) -> None:
        """A reason for every churn that fits the client's industry, repeated only when all are used."""
        reasons = list(self.p.churn_reasons)
        random.Random(self.rng.random()).shuffle(reasons)  # one draw, however many reasons
        used: set[str] = set()
        for plan in churned:
            if plan.return_pos is not None:
                plan.churn_reason = self.p.comeback_reason
                continue
            fitting = [r for r, industries in reasons if not industries or plan.industry in industries]
            fresh = [r for r in fitting if r not in used]
            plan.churn_reason = (fresh or fitting)[0]
            used.add(plan.churn_reason)

    # -- ladder moves ------------------------------------------------------------------------------

    def next_addon(self, plan: Plan, state: _State) -> str | None:
        for addon in self.p.addon_sequence:
            if addon not in state.addons and self.eligible(plan, addon, state.rank):
                return addon
        return None

    def close_segment(self, plan: Plan, state: _State, day: dt.date) -> None:
        if state.seg_start is not None:
            plan.segments.append((state.seg_start, day - ONE_DAY, state.rank, state.seats))
        state.seg_start = None

    def move(self, plan: Plan, state: _State, day: dt.date, move: Move) -> None:
        """Record one ledger event and apply it to the simulated state."""
        plan.events.append((day, move))
        if isinstance(move, TierMove | SeatsMove | Churned | Returned):
            self.close_segment(plan, state, day)
        match move:
            case TierMove(rank):
                state.rank = rank
            case SeatsMove(seats):
                state.seats = seats
            case AddOnTaken(name):
                state.addons.append(name)
            case AddOnDropped(name):
                state.addons.remove(name)
            case Churned():
                state.active = False
            case Returned(rank, seats, addons):
                state.rank, state.seats, state.addons, state.active = rank, seats, list(addons), True
        if state.active and isinstance(move, TierMove | SeatsMove | Returned):
            state.seg_start = day

    def grow(self, plan: Plan) -> None:
        rng, p, last = self.rng, self.p, self.last
        state = _State(plan.rank, plan.seats, list(plan.addons), seg_start=plan.start)
        forced: dict[int, Move | None] = {}  # None: the return, from the state by then
        if plan.killer and plan.start_pos + 11 <= last - 1:
            forced[plan.start_pos + 11] = Repriced(None, KILLER_DISCOUNT_BP)
        if plan.price_rise_pos is not None:
            forced[plan.price_rise_pos] = Repriced(PRICE_RISE_BP, None)
        if plan.churn_pos is not None:
            forced[plan.churn_pos] = Churned(plan.churn_reason)
        if plan.return_pos is not None:
            forced[plan.return_pos] = None
        for pos in range(plan.start_pos + 1, last + 1):
            day = self.day(pos)
            if pos in forced:
                due = forced[pos]
                if due is None:
                    due = Returned(state.rank, state.seats, tuple(state.addons[:2]))
                self.move(plan, state, day, due)
                continue
            if not state.active:
                continue
            tenure = pos - plan.start_pos
            p_up = 0.0 if plan.killer or state.rank == 4 or tenure < 3 else (0.04 if tenure <= 6 else 0.02)
            nxt = self.next_addon(plan, state)
            p_add = (0.01 if plan.killer else 0.045) if nxt and tenure >= 2 else 0.0
            p_seats = 0.045
            p_down = 0.004 if state.rank > 1 and pos < last and not plan.killer else 0.0
            p_drop = 0.004 if state.addons and pos < last else 0.0
            r = rng.random()
            if r < p_up:
                self.move(plan, state, day, TierMove(state.rank + 1))
            elif nxt is not None and r < p_up + p_add:  # p_add is 0 without a next add-on
                self.move(plan, state, day, AddOnTaken(nxt))
            elif r < p_up + p_add + p_seats:
                grow_it = rng.random() < 0.75 or pos == last
                if p.seat_step == 1:
                    delta = max(1, round(state.seats * rng.uniform(0.05, 0.2)))
                else:
                    delta = p.seat_step * rng.choice((1, 1, 1, 2))
                seats = state.seats + delta if grow_it else state.seats - delta
                if p.seats_range[0] <= seats <= p.seats_range[1] * 2:
                    self.move(plan, state, day, SeatsMove(seats))
            elif r < p_up + p_add + p_seats + p_down:
                self.move(plan, state, day, TierMove(state.rank - 1))
            elif r < p_up + p_add + p_seats + p_down + p_drop:
                self.move(plan, state, day, AddOnDropped(state.addons[-1]))
        if state.active and state.seg_start is not None:
            plan.segments.append((state.seg_start, None, state.rank, state.seats))

    def choose_referrers(self, plans: list[Plan]) -> None:
        """Who introduced each referral-channel client (an earlier client, else a partner)."""
        rng = self.rng
        partner_keys = [key for key, _, _ in self.p.partners]
        for plan in plans:
            if plan.channel not in ("referral", "partner"):
                continue
            plan.received_on = plan.start - dt.timedelta(days=rng.randint(21, 60))
            if plan.channel == "referral":
                candidates = [
                    pl
                    for pl in plans
                    if pl is not plan
                    and not pl.killer
                    and not pl.upcoming
                    and pl.start <= plan.received_on - dt.timedelta(days=90)
                    and active_on(pl, plan.received_on)
                ]
                if candidates:
                    weights = [4 if pl.champion else 1 for pl in candidates]
                    plan.referrer = rng.choices(candidates, weights)[0].index
                    continue
                plan.channel = "partner"
            plan.partner = rng.choices(partner_keys, (4, 3, 2))[0]


def active_on(plan: Plan, day: dt.date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end, _, _ in plan.segments)
