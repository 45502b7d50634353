"""Writes the demo's QBRs, vCIO roadmaps, renewal and onboarding tasks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.demo.context import BuildContext, stamp
from msp_desk.demo.plan import Plan
from msp_desk.demo.profiles import Profile
from msp_desk.domain import reviews
from msp_desk.domain.enums import Horizon, QbrOutcome, RoadmapStatus, TaskKind
from msp_desk.domain.values import ONE_DAY

if TYPE_CHECKING:
    from sqlmodel import Session

HEARD = {QbrOutcome.POSITIVE: 9, QbrOutcome.NEUTRAL: 7, QbrOutcome.NEGATIVE: 4}  # satisfaction said at a QBR
HORIZONS = (Horizon.NOW, Horizon.DAYS_30, Horizon.THIS_QUARTER, Horizon.NEXT_QUARTER, Horizon.MONTHS_6_12)
NEAR = (Horizon.NOW, Horizon.DAYS_30, Horizon.THIS_QUARTER)  # the next 90 days
AHEAD = (Horizon.NEXT_QUARTER, Horizon.MONTHS_6_12, Horizon.LATER)  # beyond them
PER_SEAT = frozenset({"lifecycle", "security"})  # categories quoted per device or person
RoadmapIdea = tuple[str, str, int, int]  # title, category, one-off $, MRR impact $ (for 10 seats)


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
            seats = plan.seats
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
                self.roadmap(session, plan, qbr, day, seg[3])
                latest, seats = qbr, seg[3]
                pos += every
            if plan.churn_pos is None or plan.return_pos is not None:
                if latest is not None and not plan.killer:
                    self.plan_ahead(session, plan, latest, seats)
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

    def plan_ahead(self, session: Session, plan: Plan, qbr: reviews.QbrMeeting, seats: int) -> None:
        """What the client's last QBR put further out (next quarter, 6-12 months, later), as a
        vCIO plan looks a year ahead: one to three ideas still open, from the client's own draw."""
        own = self.roadmap_draws.setdefault(plan.index, RoadmapDraw(self.p, plan))
        for idea in own.ahead_items(own.rng.choice((1, 2, 2, 3))):
            horizon = own.rng.choice(AHEAD)
            status = RoadmapStatus.ACCEPTED if own.rng.random() < 0.3 else RoadmapStatus.PROPOSED
            self.add_item(session, qbr, own, idea, horizon, status, seats)

    def add_item(
        self,
        session: Session,
        qbr: reviews.QbrMeeting,
        own: RoadmapDraw,
        idea: RoadmapIdea,
        horizon: Horizon,
        status: RoadmapStatus,
        seats: int,
        done_on: dt.date | None = None,
    ) -> None:
        """One roadmap item proposed at ``qbr``, last in its horizon."""
        title, category, one_off, mrr = idea
        item = reviews.RoadmapItem(
            client_id=qbr.client_id,
            qbr_id=qbr.id,
            title=title,
            category=category,
            horizon=horizon.value,
            status=status.value,
            proposed_on=qbr.day,
            est_one_off_cents=own.scaled(category, one_off, seats) * 100,
            mrr_impact_cents=own.scaled(category, mrr, seats) * 100,
            done_on=done_on,
            created_at=qbr.created_at,
            position=own.place(horizon),
        )
        reviews.validate_roadmap_item(item)
        session.add(item)

    def roadmap(
        self, session: Session, plan: Plan, qbr: reviews.QbrMeeting, day: dt.date, seats: int
    ) -> None:
        """The items a QBR on ``day`` adds to the client's plan: each title once per client (a
        killer is offered the same advice it keeps declining only once, then the next), done ones
        in the horizon they were planned for, every horizon in order. The shared generator draws
        as it always did (the rest of the demo does not move); titles, the horizons of done items
        and the spread to "later" come from the client's own ``RoadmapDraw``."""
        rng, today = self.rng, self.today
        age = (today - day).days
        own = self.roadmap_draws.setdefault(plan.index, RoadmapDraw(self.p, plan))
        # The count as the shared generator drew it (a sample as large as the pool).
        count = 1 if plan.killer else len(rng.sample(range(len(self.p.roadmap)), rng.choice((0, 1, 1, 2))))
        ideas = own.next_items(count)
        for n in range(count):  # each drawn for, even past the client's last idea (not written)
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
            drawn = rng.choice(HORIZONS) if status is not RoadmapStatus.DONE else None
            if n < len(ideas):
                self.add_item(session, qbr, own, ideas[n], own.horizon(status, drawn), status, seats, done_on)


class RoadmapDraw:
    """One client's roadmap as the demo writes it, QBR after QBR: the titles still to propose (a
    killer's own advice first, then the rest of the profile's, in an order of its own), the next
    position in each horizon, and costs that grow with the seats where a real quote would."""

    def __init__(self, profile: Profile, plan: Plan) -> None:
        self.rng = random.Random(f"roadmap:{profile.kind}:{plan.name}")  # str seeds are stable
        pool = list(profile.roadmap)
        self.rng.shuffle(pool)
        if plan.killer:  # not the general advice the killer's own already says in other words
            said = {category for _, category, _, _ in profile.killer_roadmap}
            pool = [*profile.killer_roadmap, *(item for item in pool if item[1] not in said)]
        self.agenda = pool
        self.ahead = list(profile.roadmap_ahead)
        self.rng.shuffle(self.ahead)
        self.ends: dict[Horizon, int] = {}

    def next_items(self, count: int) -> list[RoadmapIdea]:
        """The next ``count`` ideas to propose (fewer once all have been)."""
        taken, self.agenda = self.agenda[:count], self.agenda[count:]
        return taken

    def ahead_items(self, count: int) -> list[RoadmapIdea]:
        """``count`` ideas for beyond the next 90 days (their own list: never a title proposed before)."""
        return self.ahead[:count]

    def horizon(self, status: RoadmapStatus, drawn: Horizon | None) -> Horizon:
        """Done: one of the next 90 days' (where it was planned); under way: a near one; an idea
        only proposed is at times parked for later."""
        if drawn is None or (status is RoadmapStatus.IN_PROGRESS and drawn not in NEAR):
            return self.rng.choice(NEAR)
        if status is RoadmapStatus.PROPOSED and self.rng.random() < 0.25:
            return Horizon.LATER
        return drawn

    def place(self, horizon: Horizon) -> int:
        """The next position in ``horizon``: each QBR's items go last."""
        found = self.ends.get(horizon, 0)
        self.ends[horizon] = found + 1
        return found

    @staticmethod
    def scaled(category: str, dollars: int, seats: int) -> int:
        """The profile's amount is for 10 seats where the work is per device or per person
        (hardware lifecycle, security tooling and training): scaled to ``seats``, to $50."""
        if category not in PER_SEAT or not dollars:
            return dollars
        return max(50, round(dollars * seats / 10 / 50) * 50)
