"""Check-in calls with a purpose (seed 003), the onboarding template, and the scheduling rules of
check-ins and onboarding steps (pure date arithmetic on days)."""

from __future__ import annotations

import datetime as dt
import math

from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.errors import ValidationError

DEFAULT_CHECK_IN_DAYS = 60  # a client on no tier (or a tier stored before cadences) is called this often
DEFAULT_QBR_DAYS = 90  # a quarterly business review
CADENCE_RANGE = (7, 730)  # days: from weekly to every two years
OFFSET_RANGE = (0, 730)  # days after the start of onboarding
# Seed 003: "occasional check in calls with a specific purpose", never "just checking in".
NO_PURPOSE = frozenset({"just checking in", "checking in", "check in", "check-in", "just a check-in"})


class CheckIn(Record, table=True):
    """One check-in call with a client: its purpose, a short note, the satisfaction heard."""

    __tablename__ = "check_in"

    client_id: int = Field(foreign_key="client.id", index=True)
    day: dt.date
    purpose: str = Field(max_length=200)
    note: str = ""
    satisfaction: int | None = None  # 0-10; None = not asked


class OnboardingStep(Record, table=True):
    """A step of the onboarding template: a task due ``offset_days`` after onboarding starts."""

    __tablename__ = "onboarding_step"

    position: int  # 1..N, the template's order
    title: str = Field(max_length=200)
    offset_days: int = 0


def validate_check_in(check_in: CheckIn) -> None:
    rules.text_required(check_in.purpose, "purpose", max_len=200)
    if check_in.purpose.strip().strip(".!").casefold() in NO_PURPOSE:
        raise ValidationError("purpose", "a check-in call has a purpose: say what the call is for")
    rules.note(check_in.note, "note")
    rules.in_range(check_in.satisfaction, 0, 10, "satisfaction")


def validate_step(step: OnboardingStep) -> None:
    rules.text_required(step.title, "title", max_len=200)
    rules.positive(step.position, "position")
    rules.in_range(step.offset_days, *OFFSET_RANGE, "offset_days")


def validate_cadence(days: int, field: str) -> None:
    low, high = CADENCE_RANGE
    if not low <= days <= high:
        raise ValidationError(field, f"must be between {low} and {high} days (got {days})")


def next_check_in(anchor: dt.date, every_days: int, today: dt.date) -> dt.date:
    """The next check-in ``every_days`` after ``anchor`` (the last call, or the client's start),
    moved on by whole cadences until it is not before ``today``: a client started years ago, or
    a call logged long after it happened, gets its next call on the cadence's next beat, not a
    backlog of overdue ones."""
    if every_days <= 0:
        raise ValueError("a cadence is a positive number of days")
    due = anchor + dt.timedelta(days=every_days)
    if due < today:
        beats = math.ceil((today - due).days / every_days)
        due += dt.timedelta(days=beats * every_days)
    return due


def step_due(start: dt.date, offset_days: int) -> dt.date:
    """An onboarding step's due date: ``offset_days`` calendar days after the start."""
    return start + dt.timedelta(days=offset_days)
