"""A QBR's preparation, filled from the data (seed 001 §4: "what's been accomplished in the past
90 days"): roadmap items done, service changes from the ledger, the tickets' MTTR, SLA and FCR
against the quarter before (the KPI engine's own functions, as the dashboard computes them),
referrals given and the satisfaction heard at past QBRs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msp_desk.domain.qbr_schedule import QBR_EVERY_DAYS
from msp_desk.errors import NotFound
from msp_desk.kpi.service_desk import fcr_rate, mttr_hours_by_priority, sla_compliance
from msp_desk.services.kpis.facts import load_tickets
from msp_desk.store.database import Database
from msp_desk.store.queries import reviews as queries
from msp_desk.store.queries.reviews import LineChange

ALL = "all"  # ``kpi.service_desk.ALL_PRIORITIES``: the MTTR over every priority


@dataclass(frozen=True)
class TicketQuarter:
    """The service desk for one client over a span: tickets resolved and the KPIs on them."""

    first: dt.date
    last: dt.date
    resolved: int
    mttr_hours: float | None
    sla: float | None
    fcr: float | None


@dataclass(frozen=True)
class QbrPreparation:
    """What to bring to a client's QBR held on ``day``: the last 90 days (``first``..``day``)."""

    client_id: int
    name: str
    first: dt.date
    day: dt.date
    roadmap_done: tuple[tuple[dt.date, str, str], ...]
    service_changes: tuple[LineChange, ...]
    tickets: TicketQuarter
    previous_tickets: TicketQuarter
    referrals: tuple[tuple[dt.date, str, str], ...]
    satisfaction: tuple[tuple[dt.date, int], ...]  # each past QBR's, oldest first
    client_satisfaction: int | None


def ticket_quarter(db: Database, client_id: int, first: dt.date, last: dt.date) -> TicketQuarter:
    """The client's tickets resolved from ``first`` to ``last`` (whole days) and their MTTR (all
    priorities), SLA compliance and FCR rate, by ``kpi.service_desk``."""
    start = dt.datetime.combine(first, dt.time.min)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)
    with db.read() as conn:
        tickets = load_tickets(conn, start, end, client_id=client_id)
    mttr = mttr_hours_by_priority(tickets)
    return TicketQuarter(
        first,
        last,
        len(tickets),
        None if mttr is None else mttr[ALL],
        sla_compliance(tickets),
        fcr_rate(tickets),
    )


def prepare_qbr(db: Database, client_id: int, day: dt.date) -> QbrPreparation:
    """The preparation of ``client_id``'s QBR on ``day``: the ``QBR_EVERY_DAYS`` days up to it,
    the tickets also over the same span before."""
    first = day - dt.timedelta(days=QBR_EVERY_DAYS - 1)
    before_last = first - dt.timedelta(days=1)
    before_first = before_last - dt.timedelta(days=QBR_EVERY_DAYS - 1)
    with db.read() as conn:
        name = queries.client_name(conn, client_id)
        if name is None:
            raise NotFound(f"no client with id {client_id}")
        done = tuple(queries.roadmap_done(conn, client_id, first, day))
        lines = tuple(queries.line_changes(conn, client_id, first, day))
        referrals = tuple(queries.referrals_given(conn, client_id, first, day))
        held = queries.meetings(conn, client_id)
        clients = queries.qbr_clients(conn, client_id)
    trend = tuple((m.day, m.satisfaction) for m in held if m.satisfaction is not None and m.day <= day)
    return QbrPreparation(
        client_id,
        name,
        first,
        day,
        done,
        lines,
        ticket_quarter(db, client_id, first, day),
        ticket_quarter(db, client_id, before_first, before_last),
        referrals,
        trend,
        clients[0].satisfaction if clients else None,
    )
