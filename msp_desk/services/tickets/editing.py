"""Tickets entered in the app (requests for a VA agency): add, edit and resolve one; each write
is one unit of work, validated whole, returning ``Changes`` (so it can be undone).

A ticket's response and resolution targets come from its client's tier on the day it was
opened (the unit of work fills them); a change of priority or of the opening time clears them so
they are filled again for the new priority and day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msp_desk.domain.clients import Client
from msp_desk.domain.enums import Priority
from msp_desk.domain.tickets import Ticket, validate_ticket
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries.tickets import ticket_fields, ticket_with_external_id

if TYPE_CHECKING:
    from sqlmodel import Session

TICKET_FIELDS = frozenset(
    {"external_id", "subject", "priority", "opened_at", "first_response_at", "resolved_at", "fcr", "source"}
)
# Edits to these make the stored targets stale: the unit of work fills them again from the tier.
TARGETS_FOLLOW = frozenset({"priority", "opened_at"})


@dataclass(frozen=True)
class TicketFields:
    """One ticket as the editing dialog shows it."""

    id: int
    client_id: int
    external_id: str
    subject: str
    priority: str
    opened_at: dt.datetime
    first_response_at: dt.datetime | None
    resolved_at: dt.datetime | None
    fcr: bool | None
    source: str


def ticket(db: Database, ticket_id: int) -> TicketFields:
    """One ticket's editable fields."""
    with db.read() as conn:
        found = ticket_fields(conn, ticket_id)
    if found is None:
        raise NotFound(f"no ticket with id {ticket_id}")
    return TicketFields(**found)


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - TICKET_FIELDS
    if unknown:
        raise TypeError(f"not ticket fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    for name in ("external_id", "subject", "source"):
        if name in values:
            values[name] = " ".join((values[name] or "").split())
    for name in ("opened_at", "first_response_at", "resolved_at"):  # minutes: what a person types
        if values.get(name) is not None:
            values[name] = values[name].replace(second=0, microsecond=0)
    return values


def _check(session: Session, ticket: Ticket, now: dt.datetime | None) -> None:
    validate_ticket(ticket)
    if now is not None:
        for name in ("opened_at", "first_response_at", "resolved_at"):
            value = getattr(ticket, name)
            if value is not None and value > now:
                raise ValidationError(
                    name, f"{value.isoformat(sep=' ', timespec='minutes')} is in the future"
                )
    if ticket.external_id:
        other = ticket_with_external_id(session, ticket.external_id, ticket.id)
        if other is not None:
            raise ValidationError("external_id", f"another ticket already has the id {ticket.external_id!r}")


def _label(ticket: Ticket) -> str:
    return ticket.external_id or ticket.subject or f"#{ticket.id}"


def add_ticket(
    db: Database,
    client_id: int,
    *,
    opened_at: dt.datetime,
    now: dt.datetime | None = None,
    **fields: Any,
) -> Changes:
    """A ticket of ``client_id`` opened at ``opened_at``; ``fields`` among ``TICKET_FIELDS``
    (priority P3 unless given). No time may be after ``now`` when it is given."""
    values = _values({"opened_at": opened_at, **fields})
    values.setdefault("priority", Priority.P3.value)
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        ticket = Ticket(client_id=client_id, **values)
        _check(session, ticket, now)
        session.add(ticket)
        session.flush()
        return recorded(session, Changes(f"Added {_label(ticket)} for {client.name}", frozenset({client_id})))


def update_ticket(db: Database, ticket_id: int, *, now: dt.datetime | None = None, **fields: Any) -> Changes:
    """Save ``fields`` (among ``TICKET_FIELDS``) of one ticket, all checked before anything is saved."""
    values = _values(fields)
    with db.unit_of_work() as session:
        ticket = _ticket(session, ticket_id)
        before = {name: getattr(ticket, name) for name in TARGETS_FOLLOW}
        for key, value in values.items():
            setattr(ticket, key, value)
        changed = session.is_modified(ticket)  # before the checks' query flushes it
        _check(session, ticket, now)
        if any(getattr(ticket, name) != old for name, old in before.items()):
            ticket.response_target_min = ticket.resolution_target_min = None
        message = f"Saved {_label(ticket)}" if changed else "No changes to save"
        return recorded(session, Changes(message, frozenset({ticket.client_id})))


def resolve_ticket(
    db: Database,
    ticket_id: int,
    resolved_at: dt.datetime,
    fcr: bool | None = None,
    *,
    now: dt.datetime | None = None,
) -> Changes:
    """Close a ticket: resolved at ``resolved_at``, on first contact or not (None: unknown)."""
    values = _values({"resolved_at": resolved_at, "fcr": fcr})
    with db.unit_of_work() as session:
        ticket = _ticket(session, ticket_id)
        if ticket.resolved_at is not None:
            raise ValidationError(
                "resolved_at", f"{_label(ticket)} is already resolved: edit it to change the time"
            )
        ticket.resolved_at, ticket.fcr = values["resolved_at"], values["fcr"]
        _check(session, ticket, now)
        return recorded(session, Changes(f"Resolved {_label(ticket)}", frozenset({ticket.client_id})))


def _ticket(session: Session, ticket_id: int) -> Ticket:
    found = session.get(Ticket, ticket_id)
    if found is None:
        raise NotFound(f"no ticket with id {ticket_id}")
    return found


def new_ticket_id(changes: Changes) -> int:
    """The id of the ticket an ``add_ticket`` call added."""
    rows = changes.journal.rows if changes.journal else ()
    return next(row.row_id for row in rows if row.table == "ticket" and row.before is None)
