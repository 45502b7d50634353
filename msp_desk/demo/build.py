"""Writes a demo plan into an empty database: people, the ledger, money, notes, then the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk.demo.context import slug, stamp
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
from msp_desk.demo.msp import MSP
from msp_desk.demo.names import DECIDER_ROLES, OTHER_ROLES
from msp_desk.demo.plan import Plan, active_on
from msp_desk.demo.referrals import ReferralWriter
from msp_desk.demo.reviews import ReviewWriter
from msp_desk.demo.tickets import TicketWriter
from msp_desk.demo.va import VA
from msp_desk.domain import clients as client_tables
from msp_desk.domain import contracts, referrals, shop
from msp_desk.domain.enums import ClientStatus, ShopKind, TaskKind
from msp_desk.domain.values import ONE_DAY, Month
from msp_desk.errors import Conflict
from msp_desk.kpi.rewards import RewardRule
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import shop_mrr_series
from msp_desk.services.ladder.defaults import install_default_ladder
from msp_desk.services.referrals.partners import DEFAULT_TOUCH_DAYS
from msp_desk.store.queries.demo import builder as queries
from msp_desk.store.queries.ladder import items as ladder_queries
from msp_desk.store.queries.shop import settings_row

if TYPE_CHECKING:
    from sqlmodel import Session

PROFILES = {MSP.kind: MSP, VA.kind: VA}


class Builder(ReferralWriter, ReviewWriter, TicketWriter):
    """Writes a plan into an empty database: ledger through the service, the rest in bulk."""

    def write_people(self, plans: Sequence[Plan]) -> None:
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
                    # One point of contact each (seed 001), the shop's people in turn: its tasks are theirs.
                    account_lead=self.p.staff[plan.index % len(self.p.staff)].split(" (")[0].split()[0],
                    created_at=stamp(plan.start - dt.timedelta(days=10)),
                )
                client_tables.validate_client(client)
                session.add(client)
                session.flush()
                assert client.id is not None
                self.client_ids[plan.index] = client.id
                domain = f"{slug(plan.name)}.example"
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
                    email=f"{slug(person.split()[0])}@{slug(company)}.example",
                    phone=self.phone(),
                    last_touch=today - dt.timedelta(days=rng.randint(5, 40)),
                    notes=f"Strategic referral partner since {first_day.year}.",
                    created_at=stamp(first_day),
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
                assert partner.last_touch is not None
                self.task(  # the next touch, as touch_partner plans it (at most a day late: open)
                    session,
                    max(partner.last_touch + dt.timedelta(days=DEFAULT_TOUCH_DAYS), today - ONE_DAY),
                    TaskKind.CHECK_IN,
                    f"Touch base with {person}",
                    partner_id=partner.id,
                )

    # -- the ledger ----------------------------------------------------------------------------------

    def write_ledger(self, plans: Sequence[Plan]) -> None:
        with self.db.unit_of_work() as session:
            tiers = {t.rank: t for t in ladder_queries.tiers(session)}
            addons = {a.name: a.saved_id for a in ladder_queries.addons(session)}
        self.tiers = tiers
        self.addons = addons
        tier_ids = {rank: tier.saved_id for rank, tier in tiers.items()}
        events: list[tuple[dt.date, int, int, Move | None]] = []  # None: the client starts
        for plan in plans:
            if plan.upcoming:
                continue
            events.append((plan.start, plan.index, 0, None))
            for k, (day, planned) in enumerate(plan.events, start=1):
                events.append((day, plan.index, k, planned))
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        db = self.db
        for day, index, _, move in events:
            plan, cid = plans[index], self.client_ids[index]
            match move:
                case None:
                    ledger.start_client(
                        db, cid, tier_ids[plan.rank], plan.seats, day, [addons[a] for a in plan.addons]
                    )
                case TierMove(rank):
                    ledger.change_tier(db, cid, tier_ids[rank], day)
                case SeatsMove(seats):
                    ledger.change_seats(db, cid, seats, day)
                case AddOnTaken(name):
                    ledger.add_addon(db, cid, addons[name], day)
                case AddOnDropped(name):
                    ledger.remove_addon(db, cid, addons[name], day)
                case Churned(reason):
                    ledger.churn(db, cid, day, reason)
                case Returned(rank, seats, names):
                    ledger.reactivate(db, cid, tier_ids[rank], seats, day, [addons[a] for a in names])
                case Repriced(rise_bp, discount_bp):
                    line = self.open_tier_line(cid)
                    price = line.unit_price_cents
                    if rise_bp:
                        price = (price * (10_000 + rise_bp) // 10_000 + 50) // 100 * 100
                    ledger.change_price(db, line.saved_id, price, day, discount_bp)

    def open_tier_line(self, client_id: int) -> contracts.ContractLine:
        with self.db.unit_of_work() as session:
            return queries.open_tier_line(session, client_id)

    def write_notes_and_tags(self, session: Session, plans: Sequence[Plan]) -> None:
        tags: dict[str, int] = {}

        def tag(cid: int, name: str) -> None:
            if name not in tags:
                row = client_tables.Tag(name=name, created_at=stamp(self.planner.first_month.first_day()))
                session.add(row)
                session.flush()
                tags[name] = row.saved_id
            session.add(
                client_tables.ClientTag(client_id=cid, tag_id=tags[name], created_at=stamp(self.today))
            )

        def note(cid: int, day: dt.date, body: str) -> None:
            session.add(client_tables.ClientNote(client_id=cid, body=body, created_at=stamp(day, 14)))

        for plan in plans:
            cid = self.client_ids[plan.index]
            if plan.industry in ("Dental", "Healthcare") and self.p.kind == ShopKind.MSP.value:
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

    # -- money ---------------------------------------------------------------------------------------

    def write_money(self, session: Session, plans: Sequence[Plan]) -> None:
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
                spend = contracts.MarketingSpend(
                    month=str(month),
                    channel=channel,
                    amount_cents=amount,
                    note=note,
                    created_at=stamp(month.last_day(), 17),
                )
                contracts.validate_spend(spend)
                session.add(spend)
            spend_by_month.append(total)
            active = [pl for pl in plans if active_on(pl, month.last_day())]
            budget = int(mrr[pos] * rng.uniform(*p.project_share))
            while budget > 0 and active:
                desc, lo, hi = rng.choice(p.projects)
                amount = min(budget, rng.randint(lo, hi) * 100) if budget > lo * 100 else lo * 100
                budget -= amount
                owner = rng.choices(active, [pl.seats for pl in active])[0]
                day = month.first_day() + dt.timedelta(days=rng.randint(0, month.last_day().day - 1))
                project = contracts.ProjectRevenue(
                    client_id=self.client_ids[owner.index],
                    day=day,
                    amount_cents=amount,
                    cost_cents=int(amount * rng.uniform(0.5, 0.65)),
                    description=desc,
                    created_at=stamp(day, 17),
                )
                contracts.validate_project(project)
                session.add(project)
        new_by_month: dict[int, list[int]] = {}
        for plan in plans:
            if not plan.upcoming:
                new_by_month.setdefault(plan.start_pos, []).append(plan.index)
        for pos, indexes in new_by_month.items():
            for index in indexes:
                client = session.get_one(client_tables.Client, self.client_ids[index])
                client.acquisition_cost_cents = spend_by_month[pos] // len(indexes)

    def build(self, anchor: str) -> None:
        """Write the whole demo; the shop settings get ``anchor`` last."""
        p = self.p
        with self.db.unit_of_work() as session:
            if not queries.shop_is_empty(session):
                raise Conflict("A demo shop is built only into an empty database")
        install_default_ladder(self.db, p.kind)
        plans = self.plans = self.planner.plans()
        self.renewals: dict[int, dt.date] = {}
        self.write_people(plans)
        with self.db.unit_of_work() as session:
            for plan in plans:
                client = session.get_one(client_tables.Client, self.client_ids[plan.index])
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
            settings = settings_row(session)
            if settings is None:
                settings = shop.ShopSettings()
                session.add(settings)
            settings.kind, settings.name = p.kind, p.shop_name
            settings.address, settings.phone = p.address, p.phone
            settings.email, settings.booking_link = f"hello@{p.domain}", f"https://{p.domain}/book"
            settings.employees, settings.sales_marketing_share_bp = employees, 1500
            kind, amount, condition, condition_n, clawback = p.reward  # the rule its rewards follow
            settings.reward_rule_json = RewardRule(kind, amount, condition, condition_n, clawback).to_json()
            shop.validate_shop(settings)
        with self.db.unit_of_work() as session:  # last: a file without its anchor is rebuilt
            settings = settings_row(session)
            assert settings is not None  # written by the unit of work before
            settings.demo_anchor = anchor
            session.flush()
            queries.normalize_timestamps(session, stamp(self.planner.first_month.first_day(), 8), stamp)
