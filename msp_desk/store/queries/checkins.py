"""The check-ins' reads: each client's cadences (from the tier it runs on), its last contact,
its check-in calls, the open check-in tasks, the onboarding template and a client's onboarding
tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from msp_desk.domain.checkins import OnboardingStep
from msp_desk.domain.enums import ClientStatus, TaskKind
from msp_desk.domain.reviews import Task
from msp_desk.store.queries.clients import running_tier_rows
from msp_desk.store.queries.common import as_date
from msp_desk.store.tables import CHECK_IN, CLIENT, TASK, TIER

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

# (client id, name, start date, onboarding started on)
ActiveClient = tuple[int, str, dt.date | None, dt.date | None]


def cadences_on(
    conn: Connection, day: dt.date, only: Collection[int] | None = None
) -> dict[int, tuple[int, int]]:
    """Each client's (or those of ``only``) (check-in, QBR) cadence in days, of the tier it runs
    on ``day`` (of overlapping tier lines the latest started); clients on no tier are absent."""
    rows = running_tier_rows(conn, day, (TIER.c.check_in_every_days, TIER.c.qbr_every_days), only)
    return {cid: (check_in, qbr) for cid, check_in, qbr in rows}


def active_clients(conn: Connection, only: Collection[int] | None = None) -> list[ActiveClient]:
    """The active clients (or those of ``only`` that are active), by id."""
    c = CLIENT.c
    query = (
        sa.select(c.id, c.name, c.start_date, c.onboarding_started_on)
        .where(c.status == ClientStatus.ACTIVE.value)
        .order_by(c.id)
    )
    if only is not None:
        query = query.where(c.id.in_(only))
    return [(cid, name, as_date(start), as_date(onb)) for cid, name, start, onb in conn.execute(query)]


def last_contacts(conn: Connection, only: Collection[int] | None = None) -> dict[int, dt.date]:
    """Each client's last check-in: the latest call logged or check-in task done."""
    calls = sa.select(CHECK_IN.c.client_id, sa.func.max(CHECK_IN.c.day)).group_by(CHECK_IN.c.client_id)
    done = (
        sa.select(TASK.c.client_id, sa.func.max(TASK.c.done_on))
        .where(TASK.c.kind == TaskKind.CHECK_IN.value, TASK.c.done, TASK.c.client_id.is_not(None))
        .group_by(TASK.c.client_id)
    )
    if only is not None:
        calls = calls.where(CHECK_IN.c.client_id.in_(only))
        done = done.where(TASK.c.client_id.in_(only))
    latest: dict[int, dt.date] = {}
    for query in (calls, done):
        for cid, day in conn.execute(query):
            found = as_date(day)
            if found is not None and (cid not in latest or found > latest[cid]):
                latest[cid] = found
    return latest


def clients_with_open_check_in(conn: Connection) -> set[int]:
    query = sa.select(TASK.c.client_id).where(
        TASK.c.kind == TaskKind.CHECK_IN.value, sa.not_(TASK.c.done), TASK.c.client_id.is_not(None)
    )
    return set(conn.execute(query).scalars())


def check_ins_of(conn: Connection, client_id: int) -> list[tuple[int, dt.date, str, str, int | None]]:
    """The client's check-in calls, newest first: (id, day, purpose, note, satisfaction)."""
    c = CHECK_IN.c
    query = sa.select(c.id, c.day, c.purpose, c.note, c.satisfaction).where(c.client_id == client_id)
    rows = conn.execute(query.order_by(c.day.desc(), c.id.desc()))
    return [(cid, as_date(day) or dt.date.min, purpose, note, sat) for cid, day, purpose, note, sat in rows]


def open_check_in_tasks(session: Session, client_id: int) -> list[Task]:
    """The client's open check-in tasks, the earliest due first."""
    query = (
        select(Task)
        .where(Task.client_id == client_id, Task.kind == TaskKind.CHECK_IN.value, sa.not_(col(Task.done)))
        .order_by(col(Task.due_on), col(Task.id))
    )
    return list(session.exec(query))


def open_client_tasks(session: Session, client_id: int, kinds: Collection[str]) -> list[Task]:
    """The client's open tasks of ``kinds``, the earliest due first."""
    query = (
        select(Task)
        .where(Task.client_id == client_id, col(Task.kind).in_(kinds), sa.not_(col(Task.done)))
        .order_by(col(Task.due_on), col(Task.id))
    )
    return list(session.exec(query))


def template_steps(session: Session) -> list[OnboardingStep]:
    """The onboarding template as stored, in its order (empty: the shop kind's built-in steps)."""
    return list(session.exec(select(OnboardingStep).order_by(col(OnboardingStep.position))))


def onboarding_tasks(conn: Connection, client_id: int) -> list[tuple[dt.date, bool]]:
    """The client's onboarding tasks: (due on, done)."""
    query = sa.select(TASK.c.due_on, TASK.c.done).where(
        TASK.c.client_id == client_id, TASK.c.kind == TaskKind.ONBOARDING.value
    )
    return [(as_date(due) or dt.date.min, bool(done)) for due, done in conn.execute(query)]


def onboarding_start(conn: Connection, client_id: int) -> dt.date | None:
    """When the client's onboarding started (else its start date)."""
    c = CLIENT.c
    row = conn.execute(sa.select(c.onboarding_started_on, c.start_date).where(c.id == client_id)).first()
    if row is None:
        return None
    return as_date(row[0]) or as_date(row[1])
