"""Tickets one at a time, for editing: one ticket's fields, and whether an external id is taken."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import Session, col, select

from msp_desk.domain.tickets import Ticket
from msp_desk.store.tables import TICKET

# The fields a ticket is edited by, in order.
EDITED_COLUMNS = (
    "id",
    "client_id",
    "external_id",
    "subject",
    "priority",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "fcr",
    "source",
)


def ticket_fields(conn: Connection, ticket_id: int) -> dict[str, Any] | None:
    """The edited fields of one ticket (``EDITED_COLUMNS``), None if there is no such ticket."""
    found = conn.execute(sa.select(*(TICKET.c[n] for n in EDITED_COLUMNS)).where(TICKET.c.id == ticket_id))
    row = found.mappings().first()
    return None if row is None else dict(row)


def ticket_with_external_id(
    session: Session, external_id: str, other_than: int | None = None
) -> Ticket | None:
    """Another ticket with ``external_id`` (matched exactly, as a PSA writes it), if there is one."""
    query = select(Ticket).where(Ticket.external_id == external_id)
    if other_than is not None:
        query = query.where(col(Ticket.id) != other_than)
    return session.exec(query.limit(1)).first()
