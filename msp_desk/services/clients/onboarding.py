"""The onboarding template (the first-90-days checklist: steps with their offset in days), the
tasks it gives a client moved to onboarding, and the client's onboarding progress."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.checkins import OnboardingStep, step_due, validate_step
from msp_desk.domain.clients import Client
from msp_desk.domain.enums import ShopKind, TaskKind
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries import checkins as queries

if TYPE_CHECKING:
    from sqlmodel import Session

# The built-in checklist: days after the move to onboarding, the step for an MSP, for a VA agency.
ONBOARDING_STEPS = (
    (2, "Kickoff meeting: goals, contacts and access", "Kickoff call: goals, tools and access"),
    (14, "Document the network, accounts and vendors", "Document the processes, tools and logins"),
    (21, "Security baseline: MFA, backups, patching", "Access baseline: password manager and MFA"),
    (30, "First check-in call", "First check-in call"),
    (90, "First QBR", "First QBR"),
)
# The step a client's first QBR closes: the one naming a QBR (the built-in "First QBR", or a
# renamed "Hold the first quarterly business review"). Steps carry no kind, only their words, so
# a step renamed without them is left for the owner to tick.
FIRST_QBR_STEP = re.compile(r"\bQBRs?\b|\bquarterly (business )?reviews?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Step:
    """A step of the template: its title and its due day counted from the start of onboarding."""

    title: str
    offset_days: int


@dataclass(frozen=True, slots=True)
class Progress:
    """A client's onboarding: ``done`` of ``total`` steps, ``days_in`` since it started."""

    done: int
    total: int
    days_in: int | None  # None: when it started is not known

    def text(self, locale: str = "en_US") -> str:
        """ "2 of 5 done, 17 days in"."""
        done = f"{fmt.count(self.done, locale)} of {fmt.count(self.total, locale)} done"
        if self.days_in is None:
            return done
        return f"{done}, {fmt.plural(self.days_in, 'day', locale=locale)} in"


def default_steps(kind: str) -> list[Step]:
    """The built-in checklist of a shop kind (a VA agency's words for a VA agency)."""
    va = kind == ShopKind.VA.value
    return [Step(va_title if va else msp_title, days) for days, msp_title, va_title in ONBOARDING_STEPS]


def _template_in(session: Session, kind: str) -> list[Step]:
    stored = queries.template_steps(session)
    return [Step(s.title, s.offset_days) for s in stored] if stored else default_steps(kind)


def onboarding_template(db: Database) -> list[Step]:
    """The shop's onboarding template in its order: as edited in Settings, else the built-in one."""
    kind = shop_profile(db).kind
    with db.unit_of_work() as session:
        return _template_in(session, kind)


def save_template(db: Database, steps: Sequence[Step]) -> Changes:
    """The template becomes ``steps`` (in this order; each checked first). Clients already
    onboarding keep their tasks; the next client moved to onboarding gets the new ones."""
    if not steps:
        raise ValidationError("steps", "keep at least one step: onboarding needs a checklist")
    checked = []
    for position, step in enumerate(steps, start=1):
        row = OnboardingStep(
            position=position, title=" ".join(step.title.split()), offset_days=step.offset_days
        )
        try:
            validate_step(row)
        except ValidationError as exc:
            raise ValidationError(exc.field, f"step {position}: {exc.reason}") from None
        checked.append(row)
    with db.unit_of_work() as session:
        for old in queries.template_steps(session):
            session.delete(old)
        session.flush()
        session.add_all(checked)
        return recorded(
            session, Changes(f"Saved the onboarding template ({fmt.plural(len(checked), 'step')})")
        )


def add_onboarding_tasks(session: Session, client: Client, start: dt.date, kind: str) -> list[Task]:
    """In the caller's unit of work: the template's steps as tasks of ``client``, each due its
    offset after ``start`` (which becomes the client's onboarding start)."""
    client.onboarding_started_on = start
    tasks = []
    for step in _template_in(session, kind):
        task = Task(
            due_on=step_due(start, step.offset_days),
            kind=TaskKind.ONBOARDING.value,
            title=step.title,
            client_id=client.id,
        )
        validate_task(task)
        session.add(task)
        tasks.append(task)
    return tasks


def close_first_qbr_step(session: Session, client_id: int, day: dt.date) -> list[Task]:
    """In the caller's unit of work (a QBR recorded on ``day``): the client's open onboarding
    step naming a QBR (``FIRST_QBR_STEP``, the earliest due) is done on ``day``."""
    steps = [
        task
        for task in queries.open_client_tasks(session, client_id, (TaskKind.ONBOARDING.value,))
        if FIRST_QBR_STEP.search(task.title)
    ][:1]
    for task in steps:
        task.done, task.done_on = True, day
    return steps


def onboarding_progress(db: Database, client_id: int, today: dt.date) -> Progress | None:
    """The client's onboarding progress on ``today``: None when it has no onboarding tasks."""
    with db.read() as conn:
        tasks = queries.onboarding_tasks(conn, client_id)
        if not tasks:
            return None
        started = queries.onboarding_start(conn, client_id)
    done = sum(finished for _due, finished in tasks)
    days_in = None if started is None else max((today - started).days, 0)
    return Progress(done, len(tasks), days_in)
