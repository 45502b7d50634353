"""One-off revenue entered in the app (a project, or hardware resold): added, edited or deleted
in one unit of work returning ``Changes`` (undoable). Recurring share and gross margin read it
beside the ledger; a row without its direct cost leaves its month's gross margin unknown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from msp_desk.domain import rules
from msp_desk.domain.clients import Client
from msp_desk.domain.contracts import ProjectRevenue, validate_project
from msp_desk.domain.enums import RevenueKind
from msp_desk.domain.values import Month
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries import finances as queries

if TYPE_CHECKING:
    from sqlmodel import Session

REVENUE_FIELDS = frozenset({"day", "client_id", "kind", "amount_cents", "cost_cents", "description"})
KIND_WORDS = {RevenueKind.PROJECT.value: "project", RevenueKind.HARDWARE.value: "hardware"}


@dataclass(frozen=True)
class RevenueRow:
    """One one-off revenue row as the page lists it and the dialog edits it."""

    id: int
    day: dt.date
    client_id: int | None
    client: str | None  # the client's name; None for revenue of no client
    kind: str
    amount_cents: int
    cost_cents: int | None  # None: unknown
    description: str


def revenue_list(db: Database) -> list[RevenueRow]:
    """Every one-off revenue row, newest first."""
    with db.read() as conn:
        return [RevenueRow(*row) for row in queries.revenue_rows(conn)]


def revenue(db: Database, revenue_id: int) -> RevenueRow:
    with db.read() as conn:
        found = queries.revenue_row(conn, revenue_id)
    if found is None:
        raise NotFound(f"no revenue row with id {revenue_id}")
    return RevenueRow(*found)


def revenue_without_cost(db: Database, month: Month) -> bool:
    """Whether one-off revenue of ``month`` lacks its direct cost (its gross margin is then unknown)."""
    with db.read() as conn:
        return queries.uncosted_revenue_between(conn, month.first_day(), month.last_day())


def client_choices(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every client, by name: whose revenue a row may be."""
    with db.read() as conn:
        return queries.client_choices(conn)


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - REVENUE_FIELDS
    if unknown:
        raise TypeError(f"not revenue fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if isinstance(values.get("kind"), str):
        values["kind"] = values["kind"].strip().lower()
    if "description" in values:
        values["description"] = " ".join((values["description"] or "").split())
    return values


def revenue_problems(**fields: Any) -> list[ValidationError]:
    """What is wrong with ``fields`` (among ``REVENUE_FIELDS``; the amount 0 when not given) by
    themselves, without the database: a form shows them with its own (an amount it cannot read)."""
    values = {"day": dt.date.min, "amount_cents": 0, **_values(fields)}
    return rules.problems(partial(validate_project, ProjectRevenue(**values)))


def check_revenue(session: Session, row: ProjectRevenue) -> None:
    validate_project(row)
    if row.client_id is not None and session.get(Client, row.client_id) is None:
        raise ValidationError("client", f"there is no client with id {row.client_id}")


def _label(session: Session, row: ProjectRevenue) -> str:
    what = row.description or f"{KIND_WORDS.get(row.kind, row.kind)} revenue"
    return f"{what} of {day_text(session, row.day)}"


def add_revenue(
    db: Database,
    *,
    day: dt.date,
    amount_cents: int,
    kind: str = RevenueKind.PROJECT.value,
    client_id: int | None = None,
    cost_cents: int | None = None,
    description: str = "",
) -> Changes:
    """Record one-off revenue of ``day`` (of ``client_id``, or of no client)."""
    values = _values(
        {
            "day": day,
            "client_id": client_id,
            "kind": kind,
            "amount_cents": amount_cents,
            "cost_cents": cost_cents,
            "description": description,
        }
    )
    with db.unit_of_work() as session:
        row = ProjectRevenue(**values)
        check_revenue(session, row)
        session.add(row)
        session.flush()
        return recorded(session, Changes(f"Added {_label(session, row)}", _clients(row.client_id)))


def update_revenue(db: Database, revenue_id: int, **fields: Any) -> Changes:
    """Save ``fields`` (among ``REVENUE_FIELDS``) of one revenue row, all checked first."""
    values = _values(fields)
    with db.unit_of_work() as session:
        row = _revenue(session, revenue_id)
        before = row.client_id
        for key, value in values.items():
            setattr(row, key, value)
        changed = session.is_modified(row)
        check_revenue(session, row)
        message = f"Saved {_label(session, row)}" if changed else "No changes to save"
        return recorded(session, Changes(message, _clients(before) | _clients(row.client_id)))


def delete_revenue(db: Database, revenue_id: int) -> Changes:
    with db.unit_of_work() as session:
        row = _revenue(session, revenue_id)
        session.delete(row)
        return recorded(session, Changes(f"Deleted {_label(session, row)}", _clients(row.client_id)))


def _clients(client_id: int | None) -> frozenset[int]:
    return frozenset() if client_id is None else frozenset({client_id})


def _revenue(session: Session, revenue_id: int) -> ProjectRevenue:
    found = session.get(ProjectRevenue, revenue_id)
    if found is None:
        raise NotFound(f"no revenue row with id {revenue_id}")
    return found


def new_revenue_id(changes: Changes) -> int:
    """The id of the row an ``add_revenue`` call added."""
    return changes.inserted("project_revenue")[0]
