"""Deterministic demo shops: an MSP ("Northwind Shield IT") and a VA agency ("BrightDesk").

``open_demo`` keeps one file per kind in the user's data folder and rebuilds it when the month
(or this generator) changes, so a demo always ends at the last full month. ``build_demo`` fills
an empty database: the default ladder, clients and their contract history (written through the
ledger service, so it is a history a user could have entered), tickets or requests, referrals
with rewards, QBRs and roadmaps, projects, marketing spend and tasks. The same ``kind``,
``today`` and seed always give the same rows: one ``random.Random``, no wall clock, no set order.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel, select

from msp_desk import paths
from msp_desk.domain import clients as client_tables
from msp_desk.domain import contracts, ladder, referrals, reviews, shop, tickets
from msp_desk.domain.enums import (
    AskResult,
    ClientStatus,
    Horizon,
    LineKind,
    QbrOutcome,
    ReferralStage,
    RewardCondition,
    RewardKind,
    RewardStatus,
    RoadmapStatus,
    ShopKind,
    TaskKind,
)
from msp_desk.domain.values import Month, last_full_month
from msp_desk.errors import Conflict, MspError, ValidationError
from msp_desk.services import ledger
from msp_desk.services.demo_profiles import (
    DECIDER_ROLES,
    FIRST_NAMES,
    LAST_NAMES,
    OTHER_ROLES,
    PROFILES,
    Profile,
)
from msp_desk.services.ladder_defaults import install_default_ladder, ladder_specs
from msp_desk.services.mrr import client_mrr_on, shop_mrr_series
from msp_desk.store.database import Database, open_database

GENERATOR_VERSION = 1
ONE_DAY = dt.timedelta(days=1)
HORIZONS = (Horizon.NOW, Horizon.DAYS_30, Horizon.THIS_QUARTER, Horizon.NEXT_QUARTER, Horizon.MONTHS_6_12)
UTC = dt.UTC


def demo_anchor(kind: str, today: dt.date) -> str:
    """What a demo file built for ``kind`` in ``today``'s month by this generator is marked with."""
    return f"{kind}:{today:%Y-%m}:v{GENERATOR_VERSION}"


# ----------------------------------------------------------------------------------------------
# The plan: who joins when, how each account moves on the ladder, who leaves
# ----------------------------------------------------------------------------------------------


@dataclass
class _Plan:
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
    events: list[tuple[dt.date, str, object]] = field(default_factory=list)
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


class _Planner:
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

    def eligible(self, plan: _Plan, addon: str, rank: int) -> bool:
        if addon == "Multi-location governance":
            return plan.locations > 1
        if addon == "Line-of-business app support":
            return plan.industry in ("dental", "legal", "accounting", "healthcare", "veterinary")
        if rank == 4 and addon in self.p.premium_includes:
            return False
        if addon == "vCIO roadmap sessions":
            return rank >= 3
        if addon == "Growth Ops Mastermind":
            return rank >= 2
        if addon == "Compliance reporting":
            return rank >= 3 or plan.industry in ("dental", "healthcare", "legal", "financial services")
        return True

    def new_plan(self, name: str, industry: str, pos: int, day: int, channel: str, killer: bool) -> _Plan:
        rng, p = self.rng, self.p
        rank = 2 if killer else rng.choices((1, 2, 3, 4), weights=p.rank_weights)[0]
        seats = self.seats(killer)
        locations = rng.choices((1, 2, 3), weights=(78, 16, 6))[0]
        plan = _Plan(
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

    def plans(self) -> list[_Plan]:
        p, rng, last = self.p, self.rng, self.last
        killers = [c for c in p.clients if c[0] in p.killers]
        others = [c for c in p.clients if c[0] not in p.killers]
        rng.shuffle(others)
        n_founding = p.founding - len(killers)
        plans: list[_Plan] = []
        for name, industry in killers + others[:n_founding]:
            channel = rng.choices([c for c, _ in p.founding_channels], [w for _, w in p.founding_channels])[0]
            pos = rng.choice((0, 0, 1, 2))
            plans.append(self.new_plan(name, industry, pos, 1, channel, name in p.killers))
        newcomers = others[n_founding:]
        forced = [(last - 1, 1, "referral"), (last, 1, "referral"), (last, 15, "marketing")]
        free = newcomers[: len(newcomers) - len(forced)]
        positions = sorted(
            rng.choices(range(3, last - 1), weights=[1 + k / 36 for k in range(3, last - 1)], k=len(free))
        )
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
        name, industry = p.upcoming
        upcoming = self.new_plan(name, industry, last, 1, "referral", False)
        upcoming.start = (Month.of(self.today) + 1).first_day()
        upcoming.start_pos = last + 2
        upcoming.upcoming = True
        upcoming.index = len(plans)
        plans.append(upcoming)
        self.choose_referrers(plans)
        return plans

    def choose_churns(self, plans: list[_Plan]) -> None:
        rng, last = self.rng, self.last
        reasons = list(self.p.churn_reasons)
        candidates = [
            pl for pl in plans if not (pl.killer or pl.forced or pl.champion) and pl.start_pos <= last - 8
        ]
        claw = [pl for pl in candidates if pl.channel == "referral" and 3 <= pl.start_pos <= last - 6]
        chosen: list[_Plan] = []
        if claw:
            plan = rng.choice(claw)
            plan.churn_pos, plan.clawback, plan.churn_reason = plan.start_pos + 4, True, reasons.pop(0)
            chosen.append(plan)
        pool = [pl for pl in candidates if pl not in chosen]
        rng.shuffle(pool)
        recent = sum(1 for pl in chosen if pl.churn_pos is not None and pl.churn_pos >= last - 11)
        for plan in pool:
            if len(chosen) >= self.p.churns:
                break
            if recent < self.p.recent_churns:
                lo = max(plan.start_pos + 6, last - 11)
                if lo <= last - 1:
                    plan.churn_pos = rng.randint(lo, last - 1)
                    recent += 1
            elif plan.start_pos + 6 <= last - 12:
                plan.churn_pos = rng.randint(plan.start_pos + 6, last - 12)
            if plan.churn_pos is not None:
                plan.churn_reason = (
                    reasons.pop(rng.randrange(len(reasons) - 1)) if len(reasons) > 1 else (reasons.pop())
                )
                chosen.append(plan)
        comeback = [
            pl
            for pl in chosen
            if not pl.clawback and pl.churn_pos is not None and pl.churn_pos + 5 <= last - 2
        ]
        if comeback:
            plan = min(comeback, key=lambda pl: (pl.churn_pos, pl.index))
            plan.return_pos = (plan.churn_pos or 0) + 5
            plan.churn_reason = self.p.churn_reasons[-1]
        for plan in chosen:
            if plan.return_pos is None:
                plan.satisfaction = rng.randint(4, 6)
        stable = [pl for pl in plans if pl.start_pos <= 2 and not pl.killer and pl.churn_pos is None]
        for plan in rng.sample(stable, min(2, len(stable))):
            plan.price_rise_pos = last - 3

    # -- ladder moves ------------------------------------------------------------------------------

    def next_addon(self, plan: _Plan, state: _State) -> str | None:
        for addon in self.p.addon_sequence:
            if addon not in state.addons and self.eligible(plan, addon, state.rank):
                return addon
        return None

    def close_segment(self, plan: _Plan, state: _State, day: dt.date) -> None:
        if state.seg_start is not None:
            plan.segments.append((state.seg_start, day - ONE_DAY, state.rank, state.seats))
        state.seg_start = None

    def move(self, plan: _Plan, state: _State, day: dt.date, op: str, value: object) -> None:
        """Record one ledger event and apply it to the simulated state."""
        plan.events.append((day, op, value))
        if op in ("tier", "seats", "churn", "return"):
            self.close_segment(plan, state, day)
        if op == "tier":
            state.rank = int(value)  # type: ignore[call-overload]
        elif op == "seats":
            state.seats = int(value)  # type: ignore[call-overload]
        elif op == "addon":
            state.addons.append(str(value))
        elif op == "drop":
            state.addons.remove(str(value))
        elif op == "churn":
            state.active = False
        elif op == "return":
            rank, seats, addons = value  # type: ignore[misc]
            state.rank, state.seats, state.addons, state.active = rank, seats, list(addons), True
        if state.active and op in ("tier", "seats", "return"):
            state.seg_start = day

    def grow(self, plan: _Plan) -> None:
        rng, p, last = self.rng, self.p, self.last
        state = _State(plan.rank, plan.seats, list(plan.addons), seg_start=plan.start)
        forced: dict[int, tuple[str, object]] = {}
        if plan.killer and plan.start_pos + 11 <= last - 1:
            forced[plan.start_pos + 11] = ("discount", 3000)
        if plan.price_rise_pos is not None:
            forced[plan.price_rise_pos] = ("rise", 500)
        if plan.churn_pos is not None:
            forced[plan.churn_pos] = ("churn", plan.churn_reason)
        if plan.return_pos is not None:
            forced[plan.return_pos] = ("return", None)
        for pos in range(plan.start_pos + 1, last + 1):
            day = self.day(pos)
            if pos in forced:
                op, value = forced[pos]
                if op == "discount":
                    self.move(plan, state, day, "price", (None, value))
                elif op == "rise":
                    self.move(plan, state, day, "price", (value, None))
                elif op == "churn":
                    self.move(plan, state, day, "churn", value)
                else:
                    self.move(plan, state, day, "return", (state.rank, state.seats, state.addons[:2]))
                continue
            if not state.active:
                continue
            tenure = pos - plan.start_pos
            p_up = 0.0 if plan.killer or state.rank == 4 or tenure < 3 else (0.04 if tenure <= 6 else 0.015)
            nxt = self.next_addon(plan, state)
            p_add = (0.01 if plan.killer else 0.035) if nxt and tenure >= 2 else 0.0
            p_seats = 0.04
            p_down = 0.004 if state.rank > 1 and pos < last and not plan.killer else 0.0
            p_drop = 0.004 if state.addons and pos < last else 0.0
            r = rng.random()
            if r < p_up:
                self.move(plan, state, day, "tier", state.rank + 1)
            elif r < p_up + p_add:
                self.move(plan, state, day, "addon", nxt)
            elif r < p_up + p_add + p_seats:
                grow_it = rng.random() < 0.75 or pos == last
                if p.seat_step == 1:
                    delta = max(1, round(state.seats * rng.uniform(0.05, 0.2)))
                else:
                    delta = p.seat_step * rng.choice((1, 1, 2))
                seats = state.seats + delta if grow_it else state.seats - delta
                if p.seats_range[0] <= seats <= p.seats_range[1] * 2:
                    self.move(plan, state, day, "seats", seats)
            elif r < p_up + p_add + p_seats + p_down:
                self.move(plan, state, day, "tier", state.rank - 1)
            elif r < p_up + p_add + p_seats + p_down + p_drop:
                self.move(plan, state, day, "drop", state.addons[-1])
        if state.active and state.seg_start is not None:
            plan.segments.append((state.seg_start, None, state.rank, state.seats))

    def choose_referrers(self, plans: list[_Plan]) -> None:
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
                    and _active_on(pl, plan.received_on)
                ]
                if candidates:
                    weights = [4 if pl.champion else 1 for pl in candidates]
                    plan.referrer = rng.choices(candidates, weights)[0].index
                    continue
                plan.channel = "partner"
            plan.partner = rng.choices(partner_keys, (4, 3, 2))[0]


def _active_on(plan: _Plan, day: dt.date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end, _, _ in plan.segments)


# ----------------------------------------------------------------------------------------------
# Writing it
# ----------------------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " "))


def _slug(text: str) -> str:
    return "-".join(_ascii(text).lower().split()) or "x"


def _stamp(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class _Builder:
    """Writes a plan into an empty database: ledger through the service, the rest in bulk."""

    def __init__(self, db: Database, profile: Profile, today: dt.date, seed: int) -> None:
        self.db = db
        self.p = profile
        self.today = today
        self.rng = random.Random(seed)
        self.planner = _Planner(profile, today, self.rng)
        self.client_ids: dict[int, int] = {}
        self.deciders: dict[int, tuple[int, str, str]] = {}  # plan index -> contact id, name, email
        self.partner_ids: dict[str, int] = {}
        self.partner_contacts: dict[str, int] = {}
        self.killer_qbrs: dict[int, int] = {}

    # -- people ------------------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return f"{first} {last}", f"{_slug(first)}.{_slug(last)}".replace("-", "")

    def phone(self) -> str:
        return f"({self.rng.choice((503, 971, 360, 206))}) 555-01{self.rng.randint(0, 99):02d}"

    def write_people(self, plans: Sequence[_Plan]) -> None:
        rng, today = self.rng, self.today
        with self.db.unit_of_work() as session:
            for plan in plans:
                renewal: dt.date | None = None
                if plan.churn_pos is None or plan.return_pos is not None:
                    renewal = (Month.of(plan.start) + plan.term_months).first_day()
                    while renewal <= today:
                        renewal = (Month.of(renewal) + plan.term_months).first_day()
                client = client_tables.Client(
                    name=plan.name,
                    industry=plan.industry,
                    status=ClientStatus.ONBOARDING.value,
                    employees=plan.employees,
                    seats=plan.seats if plan.upcoming else 0,
                    locations=plan.locations,
                    servers=plan.servers,
                    start_date=plan.start if plan.upcoming else None,
                    renewal_date=renewal,
                    term_months=plan.term_months,
                    channel=plan.channel,
                    satisfaction=plan.satisfaction,
                    created_at=_stamp(plan.start - dt.timedelta(days=10)),
                )
                client_tables.validate_client(client)
                session.add(client)
                session.flush()
                assert client.id is not None
                self.client_ids[plan.index] = client.id
                domain = f"{_slug(plan.name)}.example"
                for k in range(1 if plan.upcoming else rng.choice((2, 2, 3))):
                    name, local = self.person()
                    contact = client_tables.Contact(
                        client_id=client.id,
                        name=name,
                        role=rng.choice(DECIDER_ROLES) if k == 0 else rng.choice(OTHER_ROLES),
                        email=f"{local}@{domain}",
                        phone=self.phone(),
                        decision_maker=k == 0,
                        created_at=client.created_at,
                    )
                    client_tables.validate_contact(contact)
                    session.add(contact)
                    session.flush()
                    if k == 0:
                        assert contact.id is not None
                        self.deciders[plan.index] = (contact.id, name, contact.email)
            first_day = self.planner.first_month.first_day()
            for key, person, company in self.p.partners:
                partner = referrals.Partner(
                    name=person,
                    kind=key,
                    company=company,
                    email=f"{_slug(person.split()[0])}@{_slug(company)}.example",
                    phone=self.phone(),
                    last_touch=today - dt.timedelta(days=rng.randint(5, 40)),
                    notes=f"Strategic referral partner since {first_day.year}.",
                    created_at=_stamp(first_day),
                )
                referrals.validate_partner(partner)
                session.add(partner)
                session.flush()
                contact = client_tables.Contact(
                    partner_id=partner.id,
                    name=person,
                    role="CPA" if key == "cpa" else key.capitalize(),
                    email=partner.email,
                    phone=partner.phone,
                    decision_maker=True,
                    created_at=partner.created_at,
                )
                session.add(contact)
                session.flush()
                assert partner.id is not None and contact.id is not None
                self.partner_ids[key], self.partner_contacts[key] = partner.id, contact.id

    # -- the ledger ----------------------------------------------------------------------------------

    def write_ledger(self, plans: Sequence[_Plan]) -> None:
        with self.db.unit_of_work() as session:
            tiers = {t.rank: t for t in session.exec(select(ladder.Tier))}
            addons = {a.name: a.id for a in session.exec(select(ladder.AddOn))}
        self.tiers = tiers
        self.addons = addons
        events: list[tuple[dt.date, int, int, str, object]] = []
        for plan in plans:
            if plan.upcoming:
                continue
            events.append((plan.start, plan.index, 0, "start", None))
            for k, (day, op, value) in enumerate(plan.events, start=1):
                events.append((day, plan.index, k, op, value))
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        db = self.db
        for day, index, _, op, value in events:
            plan, cid = plans[index], self.client_ids[index]
            if op == "start":
                ledger.start_client(
                    db, cid, tiers[plan.rank].id, plan.seats, day, [addons[a] for a in plan.addons]
                )
            elif op == "tier":
                ledger.change_tier(db, cid, tiers[int(value)].id, day)  # type: ignore[call-overload]
            elif op == "seats":
                ledger.change_seats(db, cid, int(value), day)  # type: ignore[call-overload]
            elif op == "addon":
                ledger.add_addon(db, cid, addons[str(value)], day)
            elif op == "drop":
                ledger.remove_addon(db, cid, addons[str(value)], day)
            elif op == "churn":
                ledger.churn(db, cid, day, str(value))
            elif op == "return":
                rank, seats, names = value  # type: ignore[misc]
                ledger.reactivate(db, cid, tiers[rank].id, seats, day, [addons[a] for a in names])
            elif op == "price":
                rise_bp, discount_bp = value  # type: ignore[misc]
                line = self.open_tier_line(cid)
                price = line.unit_price_cents
                if rise_bp:
                    price = (price * (10_000 + rise_bp) // 10_000 + 50) // 100 * 100
                ledger.change_price(db, line.id, price, day, discount_bp)  # type: ignore[arg-type]

    def open_tier_line(self, client_id: int) -> contracts.ContractLine:
        with self.db.unit_of_work() as session:
            stmt = select(contracts.ContractLine).where(
                contracts.ContractLine.client_id == client_id,
                contracts.ContractLine.kind == LineKind.TIER.value,
                contracts.ContractLine.end_date.is_(None),  # type: ignore[union-attr]
            )
            return session.exec(stmt).one()

    # -- referrals -----------------------------------------------------------------------------------

    def write_referrals(self, session, plans: Sequence[_Plan]) -> None:  # type: ignore[no-untyped-def]
        rng, p, today = self.rng, self.p, self.today
        scripts = {s.name: s.id for s in session.exec(select(referrals.Script))}
        ask_script = scripts.get("Referral ask")
        targeted = next((sid for name, sid in scripts.items() if name.startswith("Targeted ask")), ask_script)
        questions = scripts.get("Specific questions")
        kind, amount, condition, cond_n, clawback = p.reward

        def ask(
            day: dt.date,
            index: int | None,
            partner: str | None,
            result: str,
            names: int,
            script: int | None,
            industry: str = "",
            pain: str = "",
            notes: str = "",
        ) -> referrals.ReferralAsk:
            follow = day + dt.timedelta(days=14) if result == AskResult.NAMES_GIVEN.value else None
            row = referrals.ReferralAsk(
                day=day,
                client_id=self.client_ids[index] if index is not None else None,
                contact_id=(
                    self.deciders[index][0] if index is not None else self.partner_contacts.get(partner or "")
                ),
                partner_id=self.partner_ids[partner] if partner else None,
                script_id=script,
                target_industry=industry,
                target_pain=pain,
                result=result,
                names_given=names,
                follow_up_on=follow,
                notes=notes,
                created_at=_stamp(day, 16),
            )
            referrals.validate_ask(row)
            session.add(row)
            session.flush()
            return row

        # Won referrals: every referral or partner client, each with a reward or an explicit "none".
        for plan in plans:
            if plan.received_on is None:
                continue
            cid = self.client_ids[plan.index]
            contact = self.deciders[plan.index]
            pain = rng.choice(p.pains)
            ask_row = None
            if plan.referrer is not None:
                referrer = plans[plan.referrer]
                ask_row = ask(
                    plan.received_on - dt.timedelta(days=rng.randint(2, 12)),
                    referrer.index,
                    None,
                    AskResult.NAMES_GIVEN.value,
                    rng.randint(1, 3),
                    rng.choice((ask_script, targeted)),
                    plan.industry,
                    pain,
                )
            won_on = min(plan.start - dt.timedelta(days=rng.randint(3, 12)), today)
            won_on = max(won_on, plan.received_on)
            referral = referrals.Referral(
                company=plan.name,
                contact_name=contact[1],
                contact_email=contact[2],
                industry=plan.industry,
                pain=pain,
                referrer_client_id=self.client_ids[plan.referrer] if plan.referrer is not None else None,
                referrer_contact_id=self.deciders[plan.referrer][0] if plan.referrer is not None else None,
                referrer_partner_id=self.partner_ids[plan.partner] if plan.partner else None,
                ask_id=ask_row.id if ask_row else None,
                received_on=plan.received_on,
                stage=ReferralStage.WON.value,
                stage_changed_on=won_on,
                won_on=won_on,
                expected_mrr_cents=self.expected_mrr(plan),
                client_id=cid,
                created_at=_stamp(plan.received_on, 11),
            )
            if plan.partner == "cpa":
                referral.no_reward = True
                referral.no_reward_reason = "Reciprocal partner: we send each other clients, no fees"
            referrals.validate_referral(referral)
            session.add(referral)
            session.flush()
            client = session.get(client_tables.Client, cid)
            client.referred_by_referral_id = referral.id
            if not referral.no_reward:
                self.reward(session, plan, referral, kind, amount, condition, cond_n, clawback)

        # The open pipeline (every stage) and the lost ones.
        stages = [
            (ReferralStage.RECEIVED, 2, 10),
            (ReferralStage.RECEIVED, 3, 12),
            (ReferralStage.CONTACTED, 5, 20),
            (ReferralStage.CONTACTED, 8, 25),
            (ReferralStage.MEETING, 12, 30),
            (ReferralStage.MEETING, 15, 40),
            (ReferralStage.PROPOSAL, 20, 45),
            (ReferralStage.PROPOSAL, 25, 60),
        ]
        stages += [(ReferralStage.LOST, 60, 30 * p.months - 60) for _ in range(len(p.lost_reasons))]
        active = [
            pl
            for pl in plans
            if not pl.killer
            and not pl.upcoming
            and _active_on(pl, today)
            and pl.start <= today - dt.timedelta(days=120)
        ]
        lost_reasons = list(p.lost_reasons)
        for (company, industry), (stage, lo, hi) in zip(p.prospects, stages, strict=False):
            received = today - dt.timedelta(days=rng.randint(lo, hi))
            pain = rng.choice(p.pains)
            from_partner = rng.random() < 0.35
            partner = rng.choice([k for k, _, _ in p.partners]) if from_partner else None
            referrer = None if from_partner else rng.choice(active)
            ask_row = None
            if referrer is not None and referrer.start < received - dt.timedelta(days=14):
                ask_row = ask(
                    received - dt.timedelta(days=rng.randint(1, 10)),
                    referrer.index,
                    None,
                    AskResult.NAMES_GIVEN.value,
                    rng.randint(1, 3),
                    questions,
                    industry,
                    pain,
                )
            name, local = self.person()
            changed = received + dt.timedelta(days=min(rng.randint(2, 20), max(0, (today - received).days)))
            referral = referrals.Referral(
                company=company,
                contact_name=name,
                contact_email=f"{local}@{_slug(company)}.example",
                contact_phone=self.phone(),
                industry=industry,
                pain=pain,
                referrer_client_id=self.client_ids[referrer.index] if referrer else None,
                referrer_contact_id=self.deciders[referrer.index][0] if referrer else None,
                referrer_partner_id=self.partner_ids[partner] if partner else None,
                ask_id=ask_row.id if ask_row else None,
                received_on=received,
                stage=stage.value,
                stage_changed_on=received if stage is ReferralStage.RECEIVED else changed,
                lost_reason=lost_reasons.pop(0) if stage is ReferralStage.LOST else "",
                expected_mrr_cents=self.rough_mrr(),
                created_at=_stamp(received, 11),
            )
            referrals.validate_referral(referral)
            session.add(referral)
            session.flush()
            if stage is not ReferralStage.LOST:
                due = min(today + dt.timedelta(days=rng.randint(0, 10)), changed + dt.timedelta(days=21))
                self.task(
                    session,
                    max(due, today - dt.timedelta(days=3)),
                    TaskKind.FOLLOW_UP,
                    f"Next step with {company} ({stage.value})",
                    referral_id=referral.id,
                )

        # Asks that gave no referral (yet): declined, "no" (look into the account), names pending.
        history_start = self.planner.first_month.first_day()
        for month in range(p.months):
            if rng.random() > 0.55:
                continue
            day = self.planner.day(month, rng.randint(3, 26))
            asked = [
                pl
                for pl in plans
                if not pl.upcoming and _active_on(pl, day) and pl.start <= day - dt.timedelta(days=90)
            ]
            if not asked:
                continue
            plan = rng.choice(asked)
            if plan.killer:
                result, names, notes = AskResult.NO.value, 0, "Said no outright: review the relationship"
            else:
                result = rng.choices([AskResult.NAMES_GIVEN.value, AskResult.DECLINED.value], (45, 55))[0]
                names = rng.randint(1, 2) if result == AskResult.NAMES_GIVEN.value else 0
                notes = "" if names else "Happy, but could not think of anyone right now"
            ask(
                day,
                plan.index,
                None,
                result,
                names,
                rng.choice((ask_script, questions, targeted)),
                rng.choice(("", plan.industry)),
                rng.choice(p.pains),
                notes,
            )
        for key, _, _ in p.partners:
            day = max(history_start, today - dt.timedelta(days=rng.randint(5, 25)))
            row = ask(
                day,
                None,
                key,
                AskResult.NAMES_GIVEN.value,
                rng.randint(1, 2),
                questions,
                rng.choice(p.prospects)[1],
                rng.choice(p.pains),
                "Quarterly partner catch-up",
            )
            if row.follow_up_on and row.follow_up_on >= today - dt.timedelta(days=7):
                self.task(
                    session,
                    row.follow_up_on,
                    TaskKind.FOLLOW_UP,
                    f"Follow up on the names from {dict((k, n) for k, n, _ in p.partners)[key]}",
                    partner_id=self.partner_ids[key],
                )
        for plan in [pl for pl in plans if pl.killer]:
            ask(
                today - dt.timedelta(days=rng.randint(30, 80)),
                plan.index,
                None,
                AskResult.NO.value,
                0,
                ask_script,
                notes="Said no to introductions at all: something is wrong in this relationship",
            )
        for plan in [pl for pl in plans if pl.champion][:1]:
            row = ask(
                today - dt.timedelta(days=4),
                plan.index,
                None,
                AskResult.NAMES_GIVEN.value,
                2,
                questions,
                plan.industry,
                rng.choice(p.pains),
                "Two names from the specific-questions exercise",
            )
            self.task(
                session,
                row.follow_up_on or today,
                TaskKind.FOLLOW_UP,
                f"Call the two names {plan.name} gave",
                client_id=self.client_ids[plan.index],
            )

    def reward(
        self,
        session,
        plan: _Plan,
        referral: referrals.Referral,
        kind: str,
        amount: int,  # type: ignore[no-untyped-def]
        condition: str,
        cond_n: int,
        clawback: int | None,
    ) -> None:
        today = self.today
        if plan.partner == "attorney":
            kind, amount = RewardKind.GIFT.value, 15_000
        elif plan.partner == "vendor":
            kind, amount = RewardKind.CASH.value, 2 * amount
        elif (
            plan.referrer is not None
            and self.plans[plan.referrer].champion
            and plan.index % 2 == 0
            and self.p.kind == ShopKind.MSP.value
        ):
            kind = RewardKind.DONATION.value  # a champion asked us to give it to their charity
        if condition == RewardCondition.WEEKS_COMPLETED.value:
            earned = plan.start + dt.timedelta(weeks=cond_n)
        else:
            first_full = Month.of(plan.start) if plan.start.day == 1 else Month.of(plan.start) + 1
            earned = (first_full + (cond_n - 1)).last_day() + ONE_DAY
        settled = (Month.of(earned) + 1).first_day()  # with the next invoice / month-end payout run
        reward = referrals.Reward(
            referral_id=referral.id,
            referrer_client_id=referral.referrer_client_id,
            referrer_partner_id=referral.referrer_partner_id,
            kind=kind,
            amount_cents=amount,
            condition=condition,
            condition_n=cond_n,
            clawback_months=clawback,
            created_at=_stamp(referral.won_on or referral.received_on, 12),
        )
        churned = self.planner.day(plan.churn_pos) if plan.churn_pos is not None else None
        if churned and clawback and churned < (Month.of(plan.start) + clawback).first_day():
            if earned < churned:
                reward.status = RewardStatus.CLAWED_BACK.value
                reward.earned_on, reward.settled_on = earned, settled
            else:
                reward.status = RewardStatus.VOID.value
            reward.voided_on = churned
            reward.void_reason = f"The referred client left within the {clawback}-month clawback window"
        elif earned > today:
            reward.status = RewardStatus.PENDING.value
        elif settled > today:
            reward.status, reward.earned_on = RewardStatus.EARNED.value, earned
        else:
            paid = kind in (RewardKind.CASH.value, RewardKind.GIFT.value, RewardKind.DONATION.value)
            reward.status = RewardStatus.PAID.value if paid else RewardStatus.APPLIED.value
            reward.earned_on, reward.settled_on = earned, settled
        referrals.validate_reward(reward)
        session.add(reward)
        session.flush()
        if reward.status == RewardStatus.EARNED.value:
            self.task(
                session,
                settled - ONE_DAY,
                TaskKind.REWARD_PAYOUT,
                f"Settle {self.referrer_name(plan)}'s reward for introducing {plan.name}",
                reward_id=reward.id,
                client_id=referral.referrer_client_id,
                partner_id=referral.referrer_partner_id,
            )

    def referrer_name(self, plan: _Plan) -> str:
        if plan.referrer is not None:
            return self.plans[plan.referrer].name
        return next(person for key, person, _ in self.p.partners if key == plan.partner)

    def expected_mrr(self, plan: _Plan) -> int:
        if plan.upcoming:
            return self.rough_mrr(plan)
        return client_mrr_on(self.db, self.client_ids[plan.index], plan.start)

    def rough_mrr(self, plan: _Plan | None = None) -> int:
        seats = plan.seats if plan else self.planner.seats(False)
        rank = plan.rank if plan else self.rng.choice((1, 2, 2, 3))
        tier = self.tiers[rank]
        units = seats if tier.hours_per_block is None else -(-seats // tier.hours_per_block)
        return units * tier.price_cents

    # -- reviews, tasks, notes ---------------------------------------------------------------------

    def task(self, session, due: dt.date, kind: TaskKind, title: str, **links: int | None) -> None:  # type: ignore[no-untyped-def]
        done = due < self.today - dt.timedelta(days=2)
        row = reviews.Task(
            due_on=due,
            kind=kind.value,
            title=title,
            done=done,
            done_on=due if done else None,
            created_at=_stamp(min(due, self.today) - dt.timedelta(days=7)),
            **links,
        )
        reviews.validate_task(row)
        session.add(row)

    def write_reviews(self, session, plans: Sequence[_Plan]) -> None:  # type: ignore[no-untyped-def]
        rng, p, today = self.rng, self.p, self.today
        for plan in plans:
            if plan.upcoming:
                continue
            cid = self.client_ids[plan.index]
            contact = self.deciders[plan.index][1]
            pos = plan.start_pos + 3
            latest: reviews.QbrMeeting | None = None
            while True:
                day = self.planner.day(pos, rng.randint(8, 24)) if pos <= self.planner.last + 1 else None
                if day is None or day >= today:
                    break
                seg = next((s for s in plan.segments if s[0] <= day and (s[1] is None or day <= s[1])), None)
                if seg is None:
                    pos += 3
                    continue
                rank = seg[2]
                every = 3 if rank >= 3 or plan.killer else 6 if rank == 2 else 12
                if plan.killer:
                    outcome = rng.choices((QbrOutcome.NEGATIVE, QbrOutcome.NEUTRAL), (6, 4))[0]
                else:
                    outcome = rng.choices(
                        (QbrOutcome.POSITIVE, QbrOutcome.NEUTRAL, QbrOutcome.NEGATIVE), (65, 30, 5)
                    )[0]
                wins = rng.sample(p.accomplishments, 2 if plan.killer else 3)
                qbr = reviews.QbrMeeting(
                    client_id=cid,
                    day=day,
                    attendees="\n".join((contact, *p.staff)),
                    accomplishments="\n".join(wins),
                    business_changes=rng.choice(p.business_changes) if rng.random() < 0.4 else "",
                    outcome=outcome.value,
                    next_qbr_on=day + dt.timedelta(days=30 * every + 1),
                    notes="Pushed back on every recommendation; asked for a discount" if plan.killer else "",
                    created_at=_stamp(day, 15),
                )
                reviews.validate_qbr(qbr)
                session.add(qbr)
                session.flush()
                self.roadmap(session, plan, qbr, day)
                latest = qbr
                pos += every
            if plan.churn_pos is None or plan.return_pos is not None:
                upcoming_qbr = latest.next_qbr_on if latest is not None else None
                if upcoming_qbr and upcoming_qbr <= today + dt.timedelta(days=60):
                    self.task(session, upcoming_qbr, TaskKind.QBR, f"QBR with {plan.name}", client_id=cid)
                renewal = self.renewals.get(plan.index)
                if renewal and renewal <= today + dt.timedelta(days=60):
                    self.task(
                        session,
                        renewal - dt.timedelta(days=30),
                        TaskKind.RENEWAL,
                        f"Renewal of {plan.name} on {renewal.isoformat()}",
                        client_id=cid,
                    )
            if plan.killer:
                self.task(
                    session,
                    today + dt.timedelta(days=rng.randint(1, 12)),
                    TaskKind.CHECK_IN,
                    f"Account review with {plan.name}: margin, ticket load, declined advice",
                    client_id=cid,
                )
            if plan.start_pos >= self.planner.last - 2 or plan.upcoming:
                self.onboarding(session, plan, cid)

    def onboarding(self, session, plan: _Plan, cid: int) -> None:  # type: ignore[no-untyped-def]
        offsets = (0, 7, 14, 30, 90)
        for step, offset in zip(self.p.onboarding_steps, offsets, strict=True):
            self.task(
                session,
                plan.start + dt.timedelta(days=offset),
                TaskKind.ONBOARDING,
                f"{plan.name}: {step}",
                client_id=cid,
            )

    def roadmap(self, session, plan: _Plan, qbr: reviews.QbrMeeting, day: dt.date) -> None:  # type: ignore[no-untyped-def]
        rng, today = self.rng, self.today
        age = (today - day).days
        killer_items = self.p.killer_roadmap
        picks = (
            [killer_items[self.killer_qbrs.setdefault(plan.index, 0) % len(killer_items)]]
            if plan.killer
            else rng.sample(self.p.roadmap, rng.choice((0, 1, 1, 2)))
        )
        if plan.killer:
            self.killer_qbrs[plan.index] += 1
        for title, category, one_off, mrr in picks:
            done_on = None
            if plan.killer:
                status = RoadmapStatus.DECLINED if age > 45 else RoadmapStatus.PROPOSED
            elif age > 240:
                status = rng.choices(
                    (RoadmapStatus.DONE, RoadmapStatus.DECLINED, RoadmapStatus.ACCEPTED), (6, 3, 1)
                )[0]
            elif age > 60:
                status = rng.choices(
                    (
                        RoadmapStatus.DONE,
                        RoadmapStatus.IN_PROGRESS,
                        RoadmapStatus.ACCEPTED,
                        RoadmapStatus.DECLINED,
                    ),
                    (3, 3, 2, 2),
                )[0]
            else:
                status = rng.choice((RoadmapStatus.PROPOSED, RoadmapStatus.ACCEPTED))
            if status is RoadmapStatus.DONE:
                done_on = min(day + dt.timedelta(days=rng.randint(20, 120)), today - ONE_DAY)
            horizon = rng.choice(HORIZONS) if status is not RoadmapStatus.DONE else Horizon.NOW
            item = reviews.RoadmapItem(
                client_id=qbr.client_id,
                qbr_id=qbr.id,
                title=title,
                category=category,
                horizon=horizon.value,
                status=status.value,
                proposed_on=day,
                est_one_off_cents=one_off * 100,
                mrr_impact_cents=mrr * 100,
                done_on=done_on,
                created_at=qbr.created_at,
            )
            reviews.validate_roadmap_item(item)
            session.add(item)

    def write_notes_and_tags(self, session, plans: Sequence[_Plan]) -> None:  # type: ignore[no-untyped-def]
        tags: dict[str, int] = {}

        def tag(cid: int, name: str) -> None:
            if name not in tags:
                row = client_tables.Tag(name=name, created_at=_stamp(self.planner.first_month.first_day()))
                session.add(row)
                session.flush()
                tags[name] = row.id  # type: ignore[assignment]
            session.add(
                client_tables.ClientTag(client_id=cid, tag_id=tags[name], created_at=_stamp(self.today))
            )

        def note(cid: int, day: dt.date, body: str) -> None:
            session.add(client_tables.ClientNote(client_id=cid, body=body, created_at=_stamp(day, 14)))

        for plan in plans:
            cid = self.client_ids[plan.index]
            if plan.industry in ("dental", "healthcare") and self.p.kind == ShopKind.MSP.value:
                tag(cid, "HIPAA")
            if plan.locations > 1:
                tag(cid, "multi-site")
            if plan.champion:
                tag(cid, "referral champion")
                note(
                    cid,
                    plan.start + dt.timedelta(days=200),
                    "Loves the service; happy to take reference calls.",
                )
            if plan.killer:
                tag(cid, "at risk")
                note(
                    cid,
                    plan.start + dt.timedelta(days=330),
                    "Threatened to leave at renewal; we agreed 30% off to keep them. Margin is now thin.",
                )
                note(
                    cid,
                    self.today - dt.timedelta(days=20),
                    "Declined the same roadmap items again. Tickets per seat are several times our median.",
                )
            if plan.churn_pos is not None:
                note(
                    cid,
                    self.planner.day(plan.churn_pos) - dt.timedelta(days=20),
                    f"Gave notice: {plan.churn_reason}.",
                )
            if plan.return_pos is not None:
                note(
                    cid,
                    self.planner.day(plan.return_pos) - dt.timedelta(days=10),
                    "Coming back: the cheaper provider missed two outages. Restarting without the extras.",
                )
            if plan.upcoming:
                note(
                    cid,
                    self.today - dt.timedelta(days=3),
                    f"Signed; service starts {plan.start.isoformat()}.",
                )

    # -- money and tickets -------------------------------------------------------------------------

    def write_money(self, session, plans: Sequence[_Plan]) -> None:  # type: ignore[no-untyped-def]
        rng, p, planner = self.rng, self.p, self.planner
        mrr = shop_mrr_series(self.db, planner.first_month, planner.last_month)
        self.final_mrr = mrr[-1]
        spend_by_month: list[int] = []
        for pos in range(p.months):
            month = planner.first_month + pos
            ramp = 0.7 + 0.45 * pos / max(1, p.months - 1)
            total = 0
            for channel, base, note in p.spend:
                amount = int(base * ramp * rng.uniform(0.85, 1.15)) // 1000 * 1000
                total += amount
                row = contracts.MarketingSpend(
                    month=str(month),
                    channel=channel,
                    amount_cents=amount,
                    note=note,
                    created_at=_stamp(month.last_day(), 17),
                )
                contracts.validate_spend(row)
                session.add(row)
            spend_by_month.append(total)
            active = [pl for pl in plans if _active_on(pl, month.last_day())]
            budget = int(mrr[pos] * rng.uniform(*p.project_share))
            while budget > 0 and active:
                desc, lo, hi = rng.choice(p.projects)
                amount = min(budget, rng.randint(lo, hi) * 100) if budget > lo * 100 else lo * 100
                budget -= amount
                owner = rng.choices(active, [pl.seats for pl in active])[0]
                day = month.first_day() + dt.timedelta(days=rng.randint(0, month.last_day().day - 1))
                row = contracts.ProjectRevenue(
                    client_id=self.client_ids[owner.index],
                    day=day,
                    amount_cents=amount,
                    cost_cents=int(amount * rng.uniform(0.5, 0.65)),
                    description=desc,
                    created_at=_stamp(day, 17),
                )
                contracts.validate_project(row)
                session.add(row)
        new_by_month: dict[int, list[int]] = {}
        for plan in plans:
            if not plan.upcoming:
                new_by_month.setdefault(plan.start_pos, []).append(plan.index)
        for pos, indexes in new_by_month.items():
            for index in indexes:
                client = session.get(client_tables.Client, self.client_ids[index])
                client.acquisition_cost_cents = spend_by_month[pos] // len(indexes)

    def write_tickets(self, session, plans: Sequence[_Plan]) -> int:  # type: ignore[no-untyped-def]
        """Tickets (requests) of every client month by month, bulk-inserted in one statement.

        Misses, first-contact resolutions and known FCR are spread by error diffusion rather than
        independent coin flips, so each month lands near the intended rates (SLA ~95%, FCR ~72%)
        instead of wandering with a couple of hundred tickets a month.
        """
        rng, p, planner = self.rng, self.p, self.planner
        specs = ladder_specs(p.kind)[0]
        cutoff = dt.datetime(self.today.year, self.today.month, self.today.day, 8)
        last_open = self.today - ONE_DAY
        self.spread = {name: rng.random() for name in ("miss", "fcr", "known")}
        rows: list[dict[str, object]] = []
        month = planner.first_month
        while month.first_day() <= last_open:
            for plan in plans:
                factor = 3.5 if plan.killer else 1.0
                for start, end, rank, seats in plan.segments:
                    lo = max(start, month.first_day())
                    hi = min(end or last_open, last_open, month.last_day())
                    days = (hi - lo).days + 1
                    if days <= 0:
                        continue
                    lam = p.ticket_rate[rank - 1] * seats * factor * days / month.last_day().day
                    cid, targets = self.client_ids[plan.index], specs[rank - 1].targets
                    for _ in range(_poisson(rng, lam)):
                        rows.append(self.ticket(cid, plan.killer, targets, lo, days, cutoff))
            month = month + 1
        rows.sort(key=lambda r: (r["opened_at"], r["client_id"]))  # type: ignore[arg-type,return-value]
        for n, row in enumerate(rows, start=1):
            row["external_id"] = f"{p.ticket_prefix}-{10_000 + n}"
        if rows:
            session.execute(sa.insert(tickets.Ticket.__table__), rows)  # type: ignore[attr-defined]
        return len(rows)

    def spread_hit(self, name: str, probability: float) -> bool:
        """Error diffusion: True about ``probability`` of the time, with the error carried over."""
        self.spread[name] += probability
        if self.spread[name] >= 1.0:
            self.spread[name] -= 1.0
            return True
        return False

    def ticket(
        self,
        cid: int,
        killer: bool,
        targets,
        first: dt.date,
        days: int,  # type: ignore[no-untyped-def]
        cutoff: dt.datetime,
    ) -> dict[str, object]:
        rng, p = self.rng, self.p
        priority = rng.choices((0, 1, 2, 3), (5, 16, 54, 25))[0]
        day = first + dt.timedelta(days=rng.randrange(days))
        for _ in range(2):  # fewer tickets at weekends
            if day.weekday() < 5:
                break
            day = first + dt.timedelta(days=rng.randrange(days))
        opened = dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randrange(60))
        response_target, resolution_target = targets[priority]
        miss = self.spread_hit("miss", 0.10 if killer else 0.035)
        miss_response = miss and rng.random() < 0.5
        fcr = self.spread_hit("fcr", (0.3, 0.64, 0.8, 0.83)[priority] - (0.1 if killer else 0.0))
        response = response_target * (rng.uniform(1.1, 2.2) if miss_response else rng.uniform(0.15, 0.9))
        response = max(2.0, response)
        if miss and not miss_response:
            fcr = False
            resolved = resolution_target * rng.uniform(1.05, 1.25 if priority == 0 else 1.6)
        elif fcr:
            resolved = response + rng.uniform(8, 50)
        else:
            cap = (300, 900, 2880, 7200)[priority]
            low = 0.4 if priority == 0 else 0.35
            resolved = max(response + 15, min(resolution_target, cap) * rng.uniform(low, 0.93))
        first_at = opened + dt.timedelta(minutes=round(response))
        if not fcr and opened >= cutoff - dt.timedelta(days=3) and rng.random() < 0.4:
            # still being worked on when the demo was built
            resolved = resolution_target * 0.9 + (cutoff - opened).total_seconds() / 60
        resolved_at = opened + dt.timedelta(minutes=round(max(resolved, response)))
        known = self.spread_hit("known", 0.88)
        stamp = opened.replace(tzinfo=UTC)
        return {
            "client_id": cid,
            "external_id": "",
            "subject": rng.choice(p.subjects[priority]),
            "priority": f"P{priority + 1}",
            "opened_at": opened,
            "first_response_at": first_at if first_at <= cutoff else None,
            "resolved_at": resolved_at if resolved_at <= cutoff else None,
            "fcr": (fcr if known else None) if resolved_at <= cutoff else None,
            "sla_met": None,
            "source": rng.choice(p.sources),
            "created_at": stamp,
            "updated_at": stamp,
        }

    # -- the whole thing ---------------------------------------------------------------------------

    def build(self) -> None:
        p, today = self.p, self.today
        with self.db.unit_of_work() as session:
            if (
                session.exec(select(client_tables.Client.id).limit(1)).first() is not None
                or session.exec(select(ladder.Tier.id).limit(1)).first() is not None
            ):
                raise Conflict("A demo shop is built only into an empty database")
        install_default_ladder(self.db, p.kind)
        plans = self.plans = self.planner.plans()
        self.renewals: dict[int, dt.date] = {}
        self.write_people(plans)
        with self.db.unit_of_work() as session:
            for plan in plans:
                client = session.get(client_tables.Client, self.client_ids[plan.index])
                if client.renewal_date:
                    self.renewals[plan.index] = client.renewal_date
        self.write_ledger(plans)
        with self.db.unit_of_work() as session:
            self.write_referrals(session, plans)
            self.write_reviews(session, plans)
            self.write_notes_and_tags(session, plans)
            self.write_money(session, plans)
            self.ticket_count = self.write_tickets(session, plans)
            employees = max(2, round(self.final_mrr * 12 / 20_000_000))
            settings = session.exec(select(shop.ShopSettings).order_by(shop.ShopSettings.id)).first()  # type: ignore[arg-type]
            if settings is None:
                settings = shop.ShopSettings()
                session.add(settings)
            settings.kind, settings.name = p.kind, p.shop_name
            settings.address, settings.phone = p.address, p.phone
            settings.email, settings.booking_link = f"hello@{p.domain}", f"https://{p.domain}/book"
            settings.employees, settings.sales_marketing_share_bp = employees, 1500
            shop.validate_shop(settings)
        with self.db.unit_of_work() as session:  # last: a file without its anchor is rebuilt
            settings = session.exec(select(shop.ShopSettings).order_by(shop.ShopSettings.id)).first()  # type: ignore[arg-type]
            settings.demo_anchor = demo_anchor(p.kind, today)
            session.flush()
            _normalize_timestamps(session, self.planner.first_month.first_day())


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, product = math.exp(-lam), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _normalize_timestamps(session, history_start: dt.date) -> None:  # type: ignore[no-untyped-def]
    """Give rows written with the wall clock (ladder, ledger, settings) dates from the story.

    Contract lines are stamped with their start date; the rest of those with the first day of
    history; ``updated_at`` follows ``created_at`` everywhere, so two builds are identical.
    """
    base = _stamp(history_start, 8)
    metadata = SQLModel.metadata
    line = metadata.tables["contract_line"]
    rows = session.execute(sa.select(line.c.id, line.c.start_date)).all()
    if rows:
        session.execute(
            sa.update(line)
            .where(line.c.id == sa.bindparam("line_id"))
            .values(created_at=sa.bindparam("stamp")),
            [{"line_id": lid, "stamp": _stamp(start)} for lid, start in rows],
        )
    for name in ("tier", "response_target", "addon", "script", "shop_settings"):
        session.execute(sa.update(metadata.tables[name]).values(created_at=base))
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        if "updated_at" in table.c and "created_at" in table.c:
            session.execute(sa.update(table).values(updated_at=table.c.created_at))


def build_demo(db: Database, kind: str, today: dt.date, seed: int = 7) -> None:
    """Fill the EMPTY database ``db`` with the demo shop of ``kind`` (``msp`` or ``va``).

    History runs up to the last full month before ``today`` (the current month holds only
    tickets, tasks and an upcoming client). Deterministic for a given kind, ``today`` and
    ``seed``. Raises Conflict when the database already holds clients or a ladder.
    """
    profile = PROFILES.get(kind)
    if profile is None:
        raise ValidationError("kind", f"{kind!r} is not one of msp, va")
    _Builder(db, profile, today, seed).build()


def _side_files(path: Path) -> list[Path]:
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ]


def _remove(path: Path) -> None:
    for side in _side_files(path):
        side.unlink(missing_ok=True)


def _current_anchor(db: Database) -> str | None:
    with db.read() as conn:
        return conn.execute(
            sa.text("SELECT demo_anchor FROM shop_settings ORDER BY id LIMIT 1")
        ).scalar_one_or_none()


def open_demo(kind: str, today: dt.date) -> Database:
    """Open the demo shop of ``kind``, rebuilding its file when it was built for another month.

    The file (``paths.demo_db_path(kind)``) is reused while its anchor matches ``today``'s month
    and this generator's version; otherwise it is rebuilt beside it and swapped in, so a
    half-built demo is never opened. A damaged or foreign demo file is simply rebuilt.
    """
    if kind not in PROFILES:
        raise ValidationError("kind", f"{kind!r} is not one of msp, va")
    path = paths.demo_db_path(kind)
    if path.exists():
        try:
            db = open_database(path, backup_dir=path.parent / "backups")
        except MspError:
            db = None
        if db is not None:
            try:
                if _current_anchor(db) == demo_anchor(kind, today):
                    return db
            except sa.exc.SQLAlchemyError:
                pass
            db.close()
    building = path.with_name(path.name + ".building")
    _remove(building)
    db = open_database(building)
    try:
        build_demo(db, kind, today)
    finally:
        db.close()
    _remove(path)
    building.replace(path)
    return open_database(path)
