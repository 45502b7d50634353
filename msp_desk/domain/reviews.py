"""Quarterly business reviews, the vCIO roadmap, and tasks with due dates."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.enums import Horizon, QbrOutcome, RoadmapStatus, TaskKind
from msp_desk.errors import ValidationError


class QbrMeeting(Record, table=True):
    __tablename__ = "qbr_meeting"

    client_id: int = Field(foreign_key="client.id", index=True)
    day: dt.date
    attendees: str = ""
    accomplishments: str = ""  # last 90 days, one a line
    business_changes: str = ""  # hires, locations, expansion, M&A, industry changes
    outcome: str = Field(default=QbrOutcome.NEUTRAL.value, max_length=10)
    next_qbr_on: dt.date | None = None
    notes: str = ""
    satisfaction: int | None = None  # 0-10, as the client said at the meeting
    priorities: str = ""  # the next 90 days, one a line
    questions: str = ""  # the questions asked and the answers heard (``qbr_schedule.QBR_QUESTIONS``)


class RoadmapItem(Record, table=True):
    __tablename__ = "roadmap_item"

    client_id: int = Field(foreign_key="client.id", index=True)
    qbr_id: int | None = Field(default=None, foreign_key="qbr_meeting.id")
    title: str = Field(max_length=200)
    category: str = Field(default="", max_length=60)
    horizon: str = Field(default=Horizon.THIS_QUARTER.value, max_length=20)
    status: str = Field(default=RoadmapStatus.PROPOSED.value, max_length=20)
    proposed_on: dt.date | None = None
    est_one_off_cents: int = 0
    mrr_impact_cents: int = 0
    done_on: dt.date | None = None
    position: int = 0  # the order within its horizon, 0 first
    # The ladder change the item stands for (None: none): an add-on to add or a tier to move to.
    addon_id: int | None = Field(default=None, foreign_key="addon.id")
    tier_id: int | None = Field(default=None, foreign_key="tier.id")


class Task(Record, table=True):
    __tablename__ = "task"

    due_on: dt.date = Field(index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    referral_id: int | None = Field(default=None, foreign_key="referral.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id")
    reward_id: int | None = Field(default=None, foreign_key="reward.id")
    done: bool = False
    done_on: dt.date | None = None
    owner: str = Field(default="", max_length=60)  # who does it (a short name); "" for nobody yet
    first_due_on: dt.date | None = None  # the due date before it was first snoozed


def validate_qbr(qbr: QbrMeeting) -> None:
    rules.all_of(
        *(
            (lambda name=name: rules.note(getattr(qbr, name), name))
            for name in (
                "attendees",
                "accomplishments",
                "business_changes",
                "notes",
                "priorities",
                "questions",
            )
        ),
        lambda: rules.known(qbr.outcome, QbrOutcome, "outcome"),
        lambda: rules.in_range(qbr.satisfaction, 0, 10, "satisfaction"),
        lambda: _next_after(qbr.day, qbr.next_qbr_on),
    )


def _next_after(day: dt.date, next_on: dt.date | None) -> None:
    if next_on is not None and next_on <= day:
        raise ValidationError("next_qbr_on", "the next QBR must come after this one")


def validate_roadmap_item(item: RoadmapItem) -> None:
    rules.text_required(item.title, "title")
    rules.one_line(item.category, "category", max_len=60)
    rules.known(item.horizon, Horizon, "horizon")
    rules.known(item.status, RoadmapStatus, "status")
    rules.non_negative_money(item.est_one_off_cents, "estimated cost")
    if item.status == RoadmapStatus.DONE.value and item.done_on is None:
        raise ValidationError("done_on", "a done item needs the date it was done")
    if item.addon_id is not None and item.tier_id is not None:
        raise ValidationError("addon_id", "an item stands for one ladder change: an add-on or a tier")


def validate_task(task: Task) -> None:
    rules.known(task.kind, TaskKind, "kind")
    rules.text_required(task.title, "title")
    rules.one_line(task.owner, "owner", max_len=60)


@sa.event.listens_for(Task, "before_insert")
def _owner_from_lead(_mapper: object, connection: sa.Connection, task: Task) -> None:
    """A new task for a client with nobody named is its account lead's (seed 001: one point of
    contact owns the relationship). Read here so every service that adds tasks gets it."""
    if task.owner or task.client_id is None:
        return
    client = sa.table("client", sa.column("id"), sa.column("account_lead"))
    lead = connection.execute(sa.select(client.c.account_lead).where(client.c.id == task.client_id)).scalar()
    task.owner = lead or ""
