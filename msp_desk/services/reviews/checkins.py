"""Check-in calls with a purpose (seed 003): one open ``check_in`` task per active client, due
its tier's cadence after its last call (or its start), and logging a call (it closes the task,
schedules the next and records the satisfaction heard). Each write is one unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.checkins import CheckIn, next_check_in, validate_check_in
from msp_desk.domain.clients import Client
from msp_desk.domain.enums import ClientStatus, TaskKind
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.ladder.cadence import DEFAULT_CADENCE, cadence_of, cadences
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries import checkins as queries

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class CheckInRow:
    id: int
    day: dt.date
    purpose: str
    note: str
    satisfaction: int | None


def check_in_title(name: str) -> str:
    return f"Check-in call with {name}"


def _anchor(
    start: dt.date | None, onboarding: dt.date | None, last: dt.date | None, today: dt.date
) -> dt.date:
    """What the next call counts from: the last call, else the client's start, else today."""
    return last or start or onboarding or today


def schedule_in(session: Session, today: dt.date, only: tuple[int, ...] | None = None) -> list[Task]:
    """In the caller's unit of work: an open check-in task for each active client (or those of
    ``only``) that has none, due on its next check-in (``domain.checkins.next_check_in``)."""
    conn = session.connection()
    open_already = queries.clients_with_open_check_in(conn)
    clients = [c for c in queries.active_clients(conn, only) if c[0] not in open_already]
    if not clients:
        return []
    ids = [c[0] for c in clients]
    last = queries.last_contacts(conn, ids)
    every = cadences(conn, today)
    added = []
    for cid, name, start, onboarding in clients:
        cadence = every.get(cid, DEFAULT_CADENCE)
        due = next_check_in(_anchor(start, onboarding, last.get(cid), today), cadence.check_in_days, today)
        task = Task(due_on=due, kind=TaskKind.CHECK_IN.value, title=check_in_title(name), client_id=cid)
        validate_task(task)
        session.add(task)
        added.append(task)
    session.flush()
    return added


def schedule_check_ins(db: Database, today: dt.date) -> Changes:
    """Keep one open check-in task per active client: each client without one gets it, due its
    tier's cadence after its last call (or its start). A client's open task is left as it is
    (snoozed or not). Run with the day's work; running it twice adds nothing."""
    with db.unit_of_work() as session:
        added = schedule_in(session, today)
        clients = frozenset(task.client_id for task in added if task.client_id is not None)
        message = (
            f"Scheduled {fmt.plural(len(added), 'check-in call')}"
            if added
            else "Every active client has a check-in"
        )
        return recorded(session, Changes(message, clients))


def log_check_in(
    db: Database,
    client_id: int,
    day: dt.date,
    purpose: str,
    note: str = "",
    satisfaction: int | None = None,
    *,
    today: dt.date | None = None,
) -> Changes:
    """Record a check-in call on ``day``: its purpose, a note and the satisfaction heard (0-10,
    optional: when given it becomes the client's, which readiness and the review flags read).
    The client's earliest open check-in task is done on ``day``; an active client gets the next
    one, due its tier's cadence after the call (on the cadence's next beat from ``today`` when
    the call was logged that long after)."""
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        check_in = CheckIn(
            client_id=client_id,
            day=day,
            purpose=purpose.strip(),
            note=note.strip(),
            satisfaction=satisfaction,
        )
        validate_check_in(check_in)
        session.add(check_in)
        closed = queries.open_check_in_tasks(session, client_id)[:1]
        for task in closed:
            task.done, task.done_on = True, day
        if satisfaction is not None:
            client.satisfaction = satisfaction
        session.flush()
        message = f"Logged a check-in call with {client.name} on {day_text(session, day)}"
        if client.status == ClientStatus.ACTIVE.value and not queries.open_check_in_tasks(session, client_id):
            every = cadence_of(session.connection(), client_id, day).check_in_days
            due = next_check_in(day, every, max(day, today or day))
            task = Task(
                due_on=due,
                kind=TaskKind.CHECK_IN.value,
                title=check_in_title(client.name),
                client_id=client_id,
            )
            validate_task(task)
            session.add(task)
            message += f"; the next is due {day_text(session, due)}"
        return recorded(session, Changes(message, frozenset({client_id})))


def check_ins(db: Database, client_id: int) -> list[CheckInRow]:
    """The client's check-in calls, newest first."""
    with db.read() as conn:
        return [CheckInRow(*row) for row in queries.check_ins_of(conn, client_id)]
