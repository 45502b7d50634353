"""QBRs scheduled and recorded: every active client keeps exactly one open QBR task, due when its
next QBR is (``domain.qbr_schedule``), so the agenda shows it; recording a meeting saves it, closes
that task, opens the next one and carries the satisfaction heard to the client, in one unit of
work whose ``Changes`` (qbr_meeting, task, client) refresh readiness, trigger moments and flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.clients import Client
from msp_desk.domain.enums import ClientStatus, QbrOutcome, TaskKind
from msp_desk.domain.qbr_schedule import (
    business_changes_text,
    default_next_qbr,
    next_qbr_due,
    questions_text,
)
from msp_desk.domain.reviews import QbrMeeting, Task, validate_qbr
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.clients.onboarding import close_first_qbr_step
from msp_desk.services.ladder.cadence import DEFAULT_CADENCE, cadence_of, cadences, qbr_every_days
from msp_desk.services.reviews.questions import questions_in
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries import reviews as queries
from msp_desk.store.queries.reviews import MeetingRow

if TYPE_CHECKING:
    from sqlmodel import Session


def qbr_title(name: str) -> str:
    return f"QBR with {name}"


@dataclass(frozen=True)
class QbrRecord:
    """One meeting as the record form gives it. ``changes``: the business-change kinds checked
    (keys of ``qbr_schedule.BUSINESS_CHANGES``), ``changes_text`` what was said about them;
    ``next_qbr_on`` None: the tier's QBR cadence after ``day``."""

    day: dt.date
    outcome: str = QbrOutcome.NEUTRAL.value
    satisfaction: int | None = None
    attendees: tuple[str, ...] = ()
    accomplishments: str = ""
    changes: tuple[str, ...] = ()
    changes_text: str = ""
    questions: str = ""
    priorities: str = ""
    notes: str = ""
    next_qbr_on: dt.date | None = None


@dataclass(frozen=True)
class QbrForm:
    """What the record form opens with for a client."""

    client_id: int
    name: str
    decision_makers: tuple[str, ...]
    questions: str
    next_due: dt.date | None
    default_next: dt.date = field(default=dt.date.min)


@dataclass(frozen=True)
class ClientQbrs:
    """A client's QBRs for its tab: the meetings held (newest first) and the next one's due date."""

    client_id: int
    meetings: tuple[MeetingRow, ...]
    next_due: dt.date | None  # the open QBR task's due day (None: not scheduled)
    active: bool


# -- scheduling --------------------------------------------------------------------------------


def _due_for(
    last: tuple[dt.date, dt.date | None] | None, client: queries.QbrClient, today: dt.date, every_days: int
) -> dt.date:
    """When ``client``'s next QBR is due, from ``last`` (its last QBR's day and the next date it set)."""
    held_on, next_on = last if last is not None else (None, None)
    due = next_qbr_due(held_on, next_on, client.start_date, every_days)
    return due if due is not None else today  # nothing to count from: hold one now


def _keep_one_task(
    session: Session, client: queries.QbrClient, due: dt.date, tasks: list[tuple[int, dt.date]]
) -> bool:
    """Make the client's open QBR tasks exactly one, due on ``due`` (unless snoozed); whether
    anything was written."""
    if not tasks:
        session.add(
            Task(due_on=due, kind=TaskKind.QBR.value, title=qbr_title(client.name), client_id=client.id)
        )
        return True
    wrote = False
    (keep_id, keep_due), *extra = tasks
    if keep_due != due:
        task = session.get(Task, keep_id)
        assert task is not None
        if task.first_due_on is None:  # a snoozed QBR keeps the day the owner moved it to
            task.due_on = due
            wrote = True
    for task_id, _due in extra:  # a second open QBR task would show the meeting twice
        task = session.get(Task, task_id)
        assert task is not None
        session.delete(task)
        wrote = True
    return wrote


def _schedule(session: Session, clients: list[queries.QbrClient], today: dt.date) -> int:
    """Each of ``clients`` gets one open QBR task due when its next QBR is; how many were written."""
    conn = session.connection()
    only = clients[0].id if len(clients) == 1 else None
    tasks = queries.open_qbr_tasks(conn, only)
    last = queries.last_meetings(conn, only)
    every = cadences(conn, today)  # the tier's QBR cadence (Ladder), else every 90 days
    moved = 0
    for client in clients:
        due = _due_for(last.get(client.id), client, today, every.get(client.id, DEFAULT_CADENCE).qbr_days)
        moved += _keep_one_task(session, client, due, tasks.get(client.id, []))
    return moved


def reschedule_qbrs_in(session: Session, today: dt.date, client_ids: Collection[int]) -> int:
    """In the caller's unit of work: the QBR task of each active client of ``client_ids`` due as
    ``schedule_qbrs`` would have it (after a cadence changed); how many tasks were written."""
    wanted = set(client_ids)
    clients = [c for c in queries.qbr_clients(session.connection()) if c.id in wanted]
    return _schedule(session, clients, today) if clients else 0


def schedule_qbrs(db: Database, today: dt.date, client_id: int | None = None) -> Changes:
    """Give every active client (or ``client_id``) one open QBR task due when its next QBR is."""
    with db.unit_of_work() as session:
        conn = session.connection()
        clients = queries.qbr_clients(conn, client_id)
        if client_id is not None and not clients:
            if session.get(Client, client_id) is None:
                raise NotFound(f"no client with id {client_id}")
            raise ValidationError("client", "only an active client has QBRs scheduled")
        moved = _schedule(session, clients, today)
        session.flush()
        open_tasks = queries.open_qbr_tasks(conn, client_id).get(client_id, []) if client_id else []
        if client_id is not None and clients and open_tasks:
            message = f"Next QBR with {clients[0].name}: {day_text(session, open_tasks[0][1])}"
        else:
            message = f"QBRs scheduled: {moved} task{'s' if moved != 1 else ''} added or moved"
        return recorded(
            session, Changes(message, frozenset(c.id for c in clients) if client_id else frozenset())
        )


# -- recording -----------------------------------------------------------------------------------


def qbr_form(db: Database, client_id: int, today: dt.date) -> QbrForm:
    """The record form's defaults: the decision makers, the shop's questions (Settings; seed
    001's unless edited), the next date."""
    with db.read() as conn:
        found = queries.client_name(conn, client_id)
        if found is None:
            raise NotFound(f"no client with id {client_id}")
        makers = tuple(queries.decision_makers(conn, client_id))
        due = next(iter(queries.open_qbr_tasks(conn, client_id).get(client_id, [])), None)
        every_days = cadence_of(conn, client_id, today).qbr_days
        questions = questions_in(conn)
    return QbrForm(
        client_id,
        found,
        makers,
        questions_text(questions),
        due[1] if due else None,
        default_next_qbr(today, every_days),
    )


def record_qbr(db: Database, client_id: int, record: QbrRecord, today: dt.date) -> Changes:
    """Save a QBR held with ``client_id``; close its open QBR task, schedule the next (an active
    client), and set the client's satisfaction to what it said. Every field checked at once."""
    next_on = record.next_qbr_on or default_next_qbr(record.day, qbr_every_days(db, client_id, record.day))
    meeting = QbrMeeting(
        client_id=client_id,
        day=record.day,
        attendees="\n".join(name.strip() for name in record.attendees if name.strip()),
        accomplishments=record.accomplishments.strip(),
        business_changes=business_changes_text(record.changes, record.changes_text),
        outcome=record.outcome,
        satisfaction=record.satisfaction,
        next_qbr_on=next_on,
        notes=record.notes.strip(),
        priorities=record.priorities.strip(),
        questions=record.questions.rstrip(),
    )
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        rules.all_of(lambda: validate_qbr(meeting), lambda: _not_future(record.day, today))
        session.add(meeting)
        if record.satisfaction is not None:
            client.satisfaction = record.satisfaction
        conn = session.connection()
        for task_id, _due in queries.open_qbr_tasks(conn, client_id).get(client_id, []):
            task = session.get(Task, task_id)
            assert task is not None
            task.done, task.done_on = True, record.day
        first_step = close_first_qbr_step(session, client_id, record.day)
        if client.status == ClientStatus.ACTIVE.value:
            session.add(
                Task(
                    due_on=next_on, kind=TaskKind.QBR.value, title=qbr_title(client.name), client_id=client_id
                )
            )
        session.flush()
        message = f"Recorded the QBR with {client.name}; the next is due {day_text(session, next_on)}"
        if first_step:
            message += f" (onboarding step done: {first_step[0].title})"
        return recorded(session, Changes(message, frozenset({client_id})))


def _not_future(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ValidationError("day", "a QBR is recorded once held: the day cannot be in the future")


# -- reading -------------------------------------------------------------------------------------


def client_qbrs(db: Database, client_id: int) -> ClientQbrs:
    """The client's QBRs held (newest first) and the next one scheduled."""
    with db.read() as conn:
        held = queries.meetings(conn, client_id)
        tasks = queries.open_qbr_tasks(conn, client_id).get(client_id, [])
        active = bool(queries.qbr_clients(conn, client_id))
    return ClientQbrs(client_id, tuple(reversed(held)), tasks[0][1] if tasks else None, active)
