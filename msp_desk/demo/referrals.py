"""Writes the demo's referral story: asks, won and open referrals, partners' names, rewards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk.demo.context import BuildContext, slug, stamp
from msp_desk.demo.plan import Plan, active_on
from msp_desk.domain import clients as client_tables
from msp_desk.domain import referrals
from msp_desk.domain.enums import (
    AskResult,
    ReferralStage,
    RewardCondition,
    RewardKind,
    RewardStatus,
    ShopKind,
    TaskKind,
)
from msp_desk.domain.values import ONE_DAY, Month
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.store.queries.referrals.scripts import script_names

if TYPE_CHECKING:
    from sqlmodel import Session


class ReferralWriter(BuildContext):
    """Writes referrals, asks and rewards; a referrer's credit is never lost."""

    def write_referrals(self, session: Session, plans: Sequence[Plan]) -> None:
        rng, p, today = self.rng, self.p, self.today
        scripts = {name: sid for sid, name in script_names(session)}
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
                created_at=stamp(day, 16),
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
                created_at=stamp(plan.received_on, 11),
            )
            if plan.partner == "cpa":
                referral.no_reward = True
                referral.no_reward_reason = "Reciprocal partner: we send each other clients, no fees"
            referrals.validate_referral(referral)
            session.add(referral)
            session.flush()
            session.get_one(client_tables.Client, cid).referred_by_referral_id = referral.id
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
            and active_on(pl, today)
            and pl.start <= today - dt.timedelta(days=120)
        ]
        lost_reasons = list(p.lost_reasons)
        for (company, industry), (stage, lo, hi) in zip(p.prospects, stages, strict=False):
            received = today - dt.timedelta(days=rng.randint(lo, hi))
            pain = rng.choice(p.pains)
            from_partner = rng.random() < 0.35
            partner = rng.choice([k for k, _, _ in p.partners]) if from_partner else None
            referring = None if from_partner else rng.choice(active)
            ask_row = None
            if referring is not None and referring.start < received - dt.timedelta(days=14):
                ask_row = ask(
                    received - dt.timedelta(days=rng.randint(1, 10)),
                    referring.index,
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
                contact_email=f"{local}@{slug(company)}.example",
                contact_phone=self.phone(),
                industry=industry,
                pain=pain,
                referrer_client_id=self.client_ids[referring.index] if referring else None,
                referrer_contact_id=self.deciders[referring.index][0] if referring else None,
                referrer_partner_id=self.partner_ids[partner] if partner else None,
                ask_id=ask_row.id if ask_row else None,
                received_on=received,
                stage=stage.value,
                stage_changed_on=received if stage is ReferralStage.RECEIVED else changed,
                lost_reason=lost_reasons.pop(0) if stage is ReferralStage.LOST else "",
                expected_mrr_cents=self.rough_mrr(),
                created_at=stamp(received, 11),
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
                if not pl.upcoming and active_on(pl, day) and pl.start <= day - dt.timedelta(days=90)
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
        session: Session,
        plan: Plan,
        referral: referrals.Referral,
        kind: str,
        amount: int,
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
            referral_id=referral.saved_id,
            referrer_client_id=referral.referrer_client_id,
            referrer_partner_id=referral.referrer_partner_id,
            kind=kind,
            amount_cents=amount,
            condition=condition,
            condition_n=cond_n,
            clawback_months=clawback,
            created_at=stamp(referral.won_on or referral.received_on, 12),
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
                earned,  # as the rewards service does: due the day it was earned, pay it now
                TaskKind.REWARD_PAYOUT,
                f"Settle {self.referrer_name(plan)}'s reward for introducing {plan.name}",
                reward_id=reward.id,
                client_id=referral.referrer_client_id,
                partner_id=referral.referrer_partner_id,
                done=False,  # open while the reward is earned and not yet applied or paid
            )

    def referrer_name(self, plan: Plan) -> str:
        if plan.referrer is not None:
            return self.plans[plan.referrer].name
        return next(person for key, person, _ in self.p.partners if key == plan.partner)

    def expected_mrr(self, plan: Plan) -> int:
        if plan.upcoming:
            return self.rough_mrr(plan)
        return client_mrr_on(self.db, self.client_ids[plan.index], plan.start)

    def rough_mrr(self, plan: Plan | None = None) -> int:
        seats = plan.seats if plan else self.planner.seats(False)
        rank = plan.rank if plan else self.rng.choice((1, 2, 2, 3))
        tier = self.tiers[rank]
        units = seats if tier.hours_per_block is None else -(-seats // tier.hours_per_block)
        return units * tier.price_cents
