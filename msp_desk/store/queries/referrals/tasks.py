"""The open tasks a referral write closes: a referral's follow-ups, a partner's check-ins, a
reward's payout (ORM objects, edited in the caller's unit of work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from msp_desk.domain.reviews import Task

if TYPE_CHECKING:
    from sqlmodel import Session


def open_tasks(
    session: Session,
    *,
    referral_id: int | None = None,
    partner_id: int | None = None,
    reward_id: int | None = None,
    kind: str | None = None,
) -> list[Task]:
    """The tasks not done yet of the referral, partner or reward named (all that are given),
    of ``kind`` when given."""
    if referral_id is None and partner_id is None and reward_id is None:
        raise ValueError("open_tasks needs a referral, a partner or a reward")
    query = select(Task).where(sa.not_(col(Task.done)))
    for column, value in (
        (Task.referral_id, referral_id),
        (Task.partner_id, partner_id),
        (Task.reward_id, reward_id),
        (Task.kind, kind),
    ):
        if value is not None:
            query = query.where(col(column) == value)
    return list(session.exec(query))
