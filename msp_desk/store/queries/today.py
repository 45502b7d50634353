"""The agenda's reads: open tasks due by a day (with their client's name), the clients with a
renewal date, and the rewards whose payout has an open task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.domain.enums import ClientStatus, TaskKind
from msp_desk.store.queries.common import as_date
from msp_desk.store.tables import CLIENT, TASK

if TYPE_CHECKING:
    from sqlalchemy import Connection

RENEWING = (ClientStatus.ACTIVE.value, ClientStatus.ONBOARDING.value)  # a client that renews
# Tasks that serve a running account: moot once the client has left (a reward or a referral
# follow-up still stands).
ACCOUNT_TASKS = (
    TaskKind.QBR.value,
    TaskKind.CHECK_IN.value,
    TaskKind.RENEWAL.value,
    TaskKind.ONBOARDING.value,
)


def _not_for_a_churned_account() -> sa.ColumnElement[bool]:
    ts, c = TASK.c, CLIENT.c
    return sa.or_(
        ts.client_id.is_(None), ts.kind.not_in(ACCOUNT_TASKS), c.status != ClientStatus.CHURNED.value
    )


@dataclass(frozen=True, slots=True)
class OpenTask:
    """An open task as the agenda lists it."""

    id: int
    kind: str
    due_on: dt.date
    title: str
    client_id: int | None
    client: str | None  # the client's name
    partner_id: int | None
    referral_id: int | None
    reward_id: int | None
    owner: str
    first_due_on: dt.date | None  # before it was snoozed


def open_tasks_due(conn: Connection, last_day: dt.date, *, kinds_until: dict[str, dt.date]) -> list[OpenTask]:
    """The open tasks due on or before ``last_day`` (or, for a kind in ``kinds_until``, on or
    before its own day), earliest first."""
    ts, c = TASK.c, CLIENT.c
    due_by = sa.or_(
        *(sa.and_(ts.kind == kind, ts.due_on <= day) for kind, day in kinds_until.items()),
        sa.and_(ts.kind.not_in(list(kinds_until)), ts.due_on <= last_day),
    )
    query = (
        sa.select(
            ts.id,
            ts.kind,
            ts.due_on,
            ts.title,
            ts.client_id,
            c.name,
            ts.partner_id,
            ts.referral_id,
            ts.reward_id,
            ts.owner,
            ts.first_due_on,
        )
        .select_from(TASK.outerjoin(CLIENT, c.id == ts.client_id))
        .where(sa.not_(ts.done), due_by, _not_for_a_churned_account())
        .order_by(ts.due_on, ts.id)
    )
    return [
        OpenTask(
            r[0],
            r[1],
            as_date(r[2]) or last_day,
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9] or "",
            as_date(r[10]),
        )
        for r in conn.execute(query).all()  # one fetch, not one driver call per row
    ]


def renewal_dates(conn: Connection) -> list[tuple[int, str, dt.date, int | None]]:
    """(client id, name, renewal date, term in months) of the active and onboarding clients with
    a renewal date and no open renewal task (the task stands for the renewal when there is one)."""
    ts, c = TASK.c, CLIENT.c
    has_task = (
        sa.select(ts.id)
        .where(ts.client_id == c.id, ts.kind == TaskKind.RENEWAL.value, sa.not_(ts.done))
        .exists()
    )
    query = (
        sa.select(c.id, c.name, c.renewal_date, c.term_months)
        .where(c.status.in_(RENEWING), c.renewal_date.is_not(None), sa.not_(has_task))
        .order_by(c.id)
    )
    return [(r[0], r[1], as_date(r[2]) or dt.date.min, r[3]) for r in conn.execute(query).all()]


def rewards_with_open_payout(conn: Connection) -> set[int]:
    """Ids of the rewards whose payout task is still open (the task stands for the reward)."""
    ts = TASK.c
    query = sa.select(ts.reward_id).where(ts.reward_id.is_not(None), sa.not_(ts.done))
    return set(conn.execute(query).scalars())


def partners_with_open_touch(conn: Connection) -> set[int]:
    """Ids of the partners with an open check-in task (the task stands for the next touch)."""
    ts = TASK.c
    query = sa.select(ts.partner_id).where(
        ts.partner_id.is_not(None), ts.kind == TaskKind.CHECK_IN.value, sa.not_(ts.done)
    )
    return set(conn.execute(query).scalars())


def owner_names(conn: Connection) -> list[str]:
    """Every name that owns a task or leads a client, sorted (what a reassign offers)."""
    ts, c = TASK.c, CLIENT.c
    names = set(conn.execute(sa.select(ts.owner).where(ts.owner != "").distinct()).scalars())
    names |= set(conn.execute(sa.select(c.account_lead).where(c.account_lead != "").distinct()).scalars())
    return sorted(names, key=str.casefold)


def account_leads(conn: Connection) -> dict[int, str]:
    """Each client's account lead, for the clients that have one."""
    c = CLIENT.c
    return {
        cid: lead for cid, lead in conn.execute(sa.select(c.id, c.account_lead).where(c.account_lead != ""))
    }
