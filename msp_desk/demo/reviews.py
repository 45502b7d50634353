"""Writes the demo's QBRs, vCIO roadmaps, renewal and onboarding tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.demo.context import BuildContext, stamp
from msp_desk.demo.plan import Plan
from msp_desk.domain import reviews
from msp_desk.domain.enums import Horizon, QbrOutcome, RoadmapStatus, TaskKind
from msp_desk.domain.values import ONE_DAY

if TYPE_CHECKING:
    from sqlmodel import Session

HEARD = {QbrOutcome.POSITIVE: 9, QbrOutcome.NEUTRAL: 7, QbrOutcome.NEGATIVE: 4}  # satisfaction said at a QBR
HORIZONS = (Horizon.NOW, Horizon.DAYS_30, Horizon.THIS_QUARTER, Horizon.NEXT_QUARTER, Horizon.MONTHS_6_12)


class ReviewWriter(BuildContext):
    """Writes QBR meetings with their roadmap items, and the tasks that follow them."""

    def write_reviews(self, session: Session, plans: Sequence[Plan]) -> None:
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
                    satisfaction=HEARD[
                        outcome
                    ],  # from the outcome, not the generator: the demo stays as it was
                    notes="Pushed back on every recommendation; asked for a discount" if plan.killer else "",
                    created_at=stamp(day, 15),
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
                        f"Renewal of {plan.name} on {fmt.date_text(renewal)}",  # the demos are en_US shops
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

    def onboarding(self, session: Session, plan: Plan, cid: int) -> None:
        offsets = (0, 7, 14, 30, 90)
        for step, offset in zip(self.p.onboarding_steps, offsets, strict=True):
            self.task(
                session,
                plan.start + dt.timedelta(days=offset),
                TaskKind.ONBOARDING,
                f"{plan.name}: {step}",
                client_id=cid,
            )

    def roadmap(self, session: Session, plan: Plan, qbr: reviews.QbrMeeting, day: dt.date) -> None:
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
