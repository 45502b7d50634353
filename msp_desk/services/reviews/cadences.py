"""How often each tier's clients get a QBR and a check-in call, as Settings > Reviews edits them
(the same tier fields and checks as the Ladder's tier form), and the open tasks that follow a
cadence when it changes (a tier's cadence edited, or a client moved to another tier)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.checkins import next_check_in
from msp_desk.domain.ladder import validate_tier
from msp_desk.errors import ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.ladder.cadence import DEFAULT_CADENCE, Cadence, cadences
from msp_desk.services.ladder.items_shared import get_item
from msp_desk.services.reviews.qbrs import reschedule_qbrs_in
from msp_desk.store.database import Database
from msp_desk.store.queries import checkins as queries
from msp_desk.store.queries.accounts import active_tiers

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class TierCadence:
    """A row of the cadence table: the tier and its days between QBRs and between calls."""

    tier_id: int
    name: str
    qbr_days: int
    check_in_days: int


def tier_cadences(db: Database) -> list[TierCadence]:
    """The active tiers' cadences, by rank."""
    with db.unit_of_work() as session:
        found = []
        for item in active_tiers(session.connection()):
            tier = get_item(session, "tier", item.id)
            found.append(TierCadence(item.id, tier.name, tier.qbr_every_days, tier.check_in_every_days))
        return found


def cadence_field(tier_id: int, what: str) -> str:
    """The ValidationError field of a tier's cadence (``what``: "qbr" or "check_in")."""
    return f"{what}_days_{tier_id}"


def save_cadences(db: Database, wanted: Mapping[int, Cadence], today: dt.date) -> Changes:
    """Each tier of ``wanted`` gets its cadences (checked as the tier form checks them; nothing
    saved when one is refused), and the open tasks of the clients on a changed tier follow
    (``follow_cadences``), in one unit of work."""
    with db.unit_of_work() as session:
        conn = session.connection()
        before = cadences(conn, today)
        changed = []
        for tier_id, cadence in wanted.items():
            tier = get_item(session, "tier", tier_id)
            if (tier.qbr_every_days, tier.check_in_every_days) == (cadence.qbr_days, cadence.check_in_days):
                continue
            tier.qbr_every_days, tier.check_in_every_days = cadence.qbr_days, cadence.check_in_days
            try:
                validate_tier(tier)
            except ValidationError as exc:
                what = "qbr" if exc.field == "qbr_every_days" else "check_in"
                said = "QBR" if what == "qbr" else "check-in call"
                raise ValidationError(
                    cadence_field(tier_id, what), f"{tier.name}, {said} every: {exc.reason}"
                ) from None
            changed.append(tier.name)
        session.flush()
        moved = follow_cadences(session, today, before)
        if not changed:
            message = "The cadences are as they were"
        else:
            message = f"Saved the cadences of {', '.join(changed)}"
            if moved:
                message += f"; {fmt.plural(moved, 'open task')} moved to them"
        return recorded(session, Changes(message))


def check_in_due_after_change(anchor: dt.date, every_days: int, old_due: dt.date, today: dt.date) -> dt.date:
    """An open check-in's due date when its cadence becomes ``every_days``. A call not yet due
    moves to the new cadence's next beat after ``anchor`` (the last call, else the start) that is
    not before ``today``, as a fresh schedule would have it. A call already overdue stays owed:
    a shorter cadence leaves it where it is, a longer one moves it to ``anchor`` + the new
    cadence (the day it is owed now, overdue or not)."""
    if old_due < today:
        return max(old_due, anchor + dt.timedelta(days=every_days))
    return next_check_in(anchor, every_days, today)


def follow_cadences(
    session: Session, today: dt.date, before: Mapping[int, Cadence], only: Collection[int] | None = None
) -> int:
    """In the caller's unit of work, after cadences changed: each active client (or those of
    ``only``) whose cadence on ``today`` differs from ``before`` gets its open check-in task
    moved to the new one (``check_in_due_after_change``) and its open QBR task re-dated as the
    day's scheduling would (``qbrs.reschedule_qbrs_in``: from its start while it has held no QBR;
    after one, the date that meeting set stands). A snoozed task keeps the date it was given.
    Returns how many tasks moved."""
    session.flush()  # the tier lines and cadences just written are read below
    conn = session.connection()
    now = cadences(conn, today)
    clients = queries.active_clients(conn, only)
    moved_check_in = [c for c in clients if _of(now, c[0]).check_in_days != _of(before, c[0]).check_in_days]
    moved_qbr = [c[0] for c in clients if _of(now, c[0]).qbr_days != _of(before, c[0]).qbr_days]
    last = queries.last_contacts(conn, [c[0] for c in moved_check_in])
    moved = 0
    for cid, _name, start, onboarding in moved_check_in:
        for task in queries.open_check_in_tasks(session, cid)[:1]:
            if task.first_due_on is not None:
                continue  # snoozed to a day the owner chose
            anchor = last.get(cid) or start or onboarding or today
            due = check_in_due_after_change(anchor, _of(now, cid).check_in_days, task.due_on, today)
            if due != task.due_on:
                task.due_on = due
                moved += 1
    if moved_qbr:
        moved += reschedule_qbrs_in(session, today, moved_qbr)
    session.flush()
    return moved


def _of(found: Mapping[int, Cadence], client_id: int) -> Cadence:
    return found.get(client_id, DEFAULT_CADENCE)
