"""Service-desk tickets (VA agencies: requests), imported from a PSA export or entered."""

from __future__ import annotations

import sqlalchemy as sa
from pydantic import NaiveDatetime
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.enums import Priority
from msp_desk.errors import ValidationError


class Ticket(Record, table=True):
    """A ticket with the times MTTR and SLA need and what is known of first-contact resolution."""

    __tablename__ = "ticket"
    __table_args__ = (
        # Covers the monthly ticket sums the KPIs read (``store.queries.kpis.ticket_month_stats``).
        sa.Index(
            "ix_ticket_month_stats", "resolved_month", "priority", "resolution_us", "fcr", "sla_verdict"
        ),
    )

    client_id: int = Field(foreign_key="client.id", index=True)
    external_id: str = Field(default="", max_length=60)
    subject: str = Field(default="", max_length=300)
    priority: str = Field(default=Priority.P3.value, max_length=2)
    # Wall-clock times of the shop, as PSA exports write them (no time zone).
    opened_at: NaiveDatetime = Field(index=True)
    first_response_at: NaiveDatetime | None = None
    resolved_at: NaiveDatetime | None = Field(default=None, index=True)
    fcr: bool | None = None  # resolved on first contact; None = unknown, never guessed
    sla_met: bool | None = None  # as judged by the source; None = judge from the targets below
    # The targets in force when the ticket came in (minutes): from the import, or else the
    # client's tier on the day it was opened (``store.queries.kpis.fill_ticket_targets``).
    response_target_min: int | None = None
    resolution_target_min: int | None = None
    source: str = Field(default="", max_length=40)
    # Derived from the fields above when the ticket is written (``store.queries.kpis.fill_ticket_derived``,
    # run by every unit of work that writes tickets), so the KPIs sum integers instead of
    # parsing 500,000 datetimes: the month it was resolved in (``Month.index``), the
    # resolution time in microseconds (None if resolved before it was opened), the SLA verdict
    # (None = not judged). NULL while unresolved.
    resolved_month: int | None = None
    resolution_us: int | None = Field(default=None, sa_type=sa.BigInteger)
    sla_verdict: bool | None = None


def validate_ticket(ticket: Ticket) -> None:
    """Every field of a ticket as it may be saved: one-line texts without control characters
    within their lengths, a known priority, targets not negative, and times in order (a first
    response or a resolution is never before the ticket was opened)."""
    if ticket.client_id is None:
        raise ValidationError("client", "a ticket belongs to a client")
    rules.one_line(ticket.external_id, "external_id", 60)
    rules.one_line(ticket.subject, "subject", 300)
    rules.one_line(ticket.source, "source", 40)
    rules.known(ticket.priority, Priority, "priority")
    rules.non_negative(ticket.response_target_min, "response_target_min")
    rules.non_negative(ticket.resolution_target_min, "resolution_target_min")
    if ticket.opened_at is None:
        raise ValidationError("opened_at", "say when the ticket was opened")
    for name in ("first_response_at", "resolved_at"):
        value = getattr(ticket, name)
        if value is not None and value < ticket.opened_at:
            raise ValidationError(
                name,
                f"{value.isoformat(sep=' ')} is before it was opened ({ticket.opened_at.isoformat(sep=' ')})",
            )
    if ticket.fcr and ticket.resolved_at is None:
        raise ValidationError("fcr", "a ticket resolved on first contact has a resolution time")
