"""A churned client's account tasks closed with the churn: its open QBR, check-in, renewal and
onboarding tasks are done on the churn day, their titles saying why; a referral follow-up, a
partner touch or a reward to pay stays open (the relationship and the money outlive the contract)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msp_desk.domain.enums import TaskKind
from msp_desk.store.queries.checkins import open_client_tasks

if TYPE_CHECKING:
    from sqlmodel import Session

    from msp_desk.domain.reviews import Task

# The tasks that exist only while the client is a client (Today already hides them once churned).
ACCOUNT_TASK_KINDS = (
    TaskKind.QBR.value,
    TaskKind.CHECK_IN.value,
    TaskKind.RENEWAL.value,
    TaskKind.ONBOARDING.value,
)
CLOSED_NOTE = " (closed: the client churned)"
TITLE_MAX = 200  # ``Task.title``'s length


def close_account_tasks(session: Session, client_id: int, day: dt.date) -> list[Task]:
    """In the caller's unit of work (the churn): the client's open account tasks done on ``day``,
    each title noting the churn (the Task has no note of its own)."""
    closed = [
        task
        for task in open_client_tasks(session, client_id, ACCOUNT_TASK_KINDS)
        if task.partner_id is None and task.referral_id is None and task.reward_id is None
    ]
    for task in closed:
        task.done, task.done_on = True, day
        task.title = task.title[: TITLE_MAX - len(CLOSED_NOTE)] + CLOSED_NOTE
    return closed
