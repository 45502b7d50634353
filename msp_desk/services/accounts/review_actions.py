"""What the owner does about an account: propose its next rung as a roadmap item, or plan a
difficult client's exit (seed 003's "killer customers") as a follow-up task."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msp_desk.domain.enums import Horizon, RoadmapStatus, TaskKind
from msp_desk.domain.reviews import RoadmapItem, Task, validate_roadmap_item, validate_task
from msp_desk.errors import NotFound
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

EXIT_PLAN_DAYS = 14  # when the exit conversation is due


def _client_name(session: Session, client_id: int) -> str:
    from msp_desk.domain.clients import Client

    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    return client.name


def propose(
    db: Database,
    client_id: int,
    title: str,
    mrr_impact_cents: int,
    today: dt.date,
    *,
    category: str = "ladder",
    horizon: str = Horizon.THIS_QUARTER.value,
) -> Changes:
    """Put a next-rung suggestion on the client's roadmap as a proposed item (for the next QBR)."""
    with db.unit_of_work() as session:
        name = _client_name(session, client_id)
        item = RoadmapItem(
            client_id=client_id,
            title=title.strip(),
            category=category,
            horizon=horizon,
            status=RoadmapStatus.PROPOSED.value,
            proposed_on=today,
            mrr_impact_cents=mrr_impact_cents,
        )
        validate_roadmap_item(item)
        session.add(item)
        return recorded(session, Changes(f"Proposed to {name}: {item.title}", frozenset({client_id})))


def plan_exit(db: Database, client_id: int, today: dt.date, reasons: str) -> Changes:
    """A follow-up task to decide on the client's exit, due in two weeks, with the reasons."""
    with db.unit_of_work() as session:
        name = _client_name(session, client_id)
        task = Task(
            due_on=today + dt.timedelta(days=EXIT_PLAN_DAYS),
            kind=TaskKind.FOLLOW_UP.value,
            title=f"Plan the exit of {name}: {reasons.strip()}"[:200],
            client_id=client_id,
        )
        validate_task(task)
        session.add(task)
        return recorded(
            session,
            Changes(f"Exit plan for {name} due {day_text(session, task.due_on)}", frozenset({client_id})),
        )
