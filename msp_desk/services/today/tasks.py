"""Doing something about a task: done, snoozed to a later day, or handed to someone else. Each
is one unit of work returning ``Changes`` (so it can be undone)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session


def _open_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"no task with id {task_id}")
    if task.done:
        raise ValidationError("task", f"“{task.title}” is already done")
    return task


def _changes(session: Session, task: Task, message: str) -> Changes:
    validate_task(task)
    session.add(task)
    clients = frozenset({task.client_id}) if task.client_id is not None else frozenset()
    return recorded(session, Changes(message, clients))


def complete_task(db: Database, task_id: int, day: dt.date) -> Changes:
    """The task was done on ``day``."""
    with db.unit_of_work() as session:
        task = _open_task(session, task_id)
        task.done, task.done_on = True, day
        return _changes(session, task, f"Done: {task.title}")


def snooze_task(db: Database, task_id: int, until: dt.date) -> Changes:
    """The task is due on ``until`` instead; the due date it had first is kept (``first_due_on``)
    so the agenda can say where it was snoozed from."""
    with db.unit_of_work() as session:
        task = _open_task(session, task_id)
        if until <= task.due_on:
            raise ValidationError("until", f"snooze to a day after {day_text(session, task.due_on)}")
        if task.first_due_on is None:
            task.first_due_on = task.due_on
        task.due_on = until
        return _changes(session, task, f"Snoozed to {day_text(session, until)}: {task.title}")


def reassign_task(db: Database, task_id: int, owner: str) -> Changes:
    """``owner`` (a short name; "" for nobody) does the task from now on."""
    owner = " ".join(owner.split())
    rules.one_line(owner, "owner", max_len=60)
    with db.unit_of_work() as session:
        task = _open_task(session, task_id)
        task.owner = owner
        who = owner or "nobody"
        return _changes(session, task, f"Given to {who}: {task.title}")


def owner_names(db: Database) -> list[str]:
    """The names already used as task owners or account leads (what reassigning offers)."""
    from msp_desk.store.queries.today import owner_names as names

    with db.read() as conn:
        return names(conn)
