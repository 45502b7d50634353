"""One client as the detail pane shows it (profile, contacts, lines, MRR timeline, tickets,
notes, tags, open tasks), and the choices of the new-client dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.domain.values import Month
from msp_desk.errors import NotFound
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.services.kpis.mrr import client_mrr_series
from msp_desk.store.database import Database
from msp_desk.store.queries import client_detail as queries
from msp_desk.store.queries.clients import tag_names

if TYPE_CHECKING:
    from sqlalchemy import Connection

RECENT_TICKETS = 50
TIMELINE_MONTHS = 36  # the longest MRR timeline shown

# -- the detail read model ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: int
    name: str
    role: str
    email: str
    phone: str
    decision_maker: bool


@dataclass(frozen=True, slots=True)
class LineRow:
    """One contract line with its item's name and MRR; ``state``: running, ended or future."""

    id: int
    kind: str
    item: str
    quantity: int
    unit_price_cents: int
    period: str
    discount_bp: int
    start_date: dt.date
    end_date: dt.date | None
    mrr_cents: int
    change: str
    state: str


@dataclass(frozen=True, slots=True)
class TicketRow:
    id: int
    external_id: str
    subject: str
    priority: str
    opened_at: dt.datetime
    resolved_at: dt.datetime | None
    sla_met: bool | None  # None: open, or not judged (no target)


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    written_at: dt.datetime  # aware, UTC
    body: str


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    due_on: dt.date
    kind: str
    title: str
    owner: str = ""
    first_due_on: dt.date | None = None  # before it was snoozed


@dataclass(frozen=True, slots=True)
class ClientRecord:
    """Everything the detail pane shows of one client on a day."""

    id: int
    name: str
    status: str
    industry: str
    employees: int | None
    seats: int
    locations: int
    servers: int
    start_date: dt.date | None
    renewal_date: dt.date | None
    term_months: int | None
    channel: str | None
    referred_by: str  # "Acme Co, from Kestrel Insurance"; "" when nobody
    acquisition_cost_cents: int | None
    satisfaction: int | None
    notes: str
    churned_on: dt.date | None
    churn_reason: str
    tier: str  # the tier running on the day ("" for none)
    mrr_cents: int  # on the day
    contacts: tuple[ContactRow, ...]
    lines: tuple[LineRow, ...]  # running first, then ended; latest start first
    months: tuple[Month, ...]  # the MRR timeline: first line's month (at most 36 back) to the day's
    monthly_mrr: tuple[int, ...]
    tickets: tuple[TicketRow, ...]  # the latest opened first, at most ``RECENT_TICKETS``
    ticket_count: int
    dated_notes: tuple[NoteRow, ...]  # newest first
    tags: tuple[str, ...]
    open_tasks: tuple[TaskRow, ...]  # by due date
    account_lead: str = ""  # who in the shop owns the relationship

    @property
    def has_running_lines(self) -> bool:
        return any(line.state == "running" for line in self.lines)


def _line_state(start: dt.date, end: dt.date | None, day: dt.date) -> str:
    if start > day:
        return "future"
    return "running" if end is None or end >= day else "ended"


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _referred_by(conn: Connection, referral_id: int | None) -> str:
    if referral_id is None:
        return ""
    names = queries.referrer_names(conn, referral_id)
    if names is None:
        return ""
    client_name, partner_name, partner_company = names
    if client_name:
        return str(client_name)
    if partner_name:
        return f"{partner_name} ({partner_company})" if partner_company else str(partner_name)
    return "a referral with no referrer recorded"


def _lines(conn: Connection, client_id: int, day: dt.date) -> list[LineRow]:
    lines = []
    for lid, kind, item, qty, price, period, disc, start, end, change in queries.line_rows(conn, client_id):
        mrr = line_mrr_cents(qty, price, period, disc)
        state = _line_state(start, end, day)
        lines.append(
            LineRow(lid, kind, item or "", qty, price, period, disc, start, end, mrr, change or "", state)
        )
    order = {"running": 0, "future": 1, "ended": 2}
    lines.sort(key=lambda x: (order[x.state], -x.start_date.toordinal(), x.kind != "tier", -x.id))
    return lines


def client_detail(db: Database, client_id: int, today: dt.date) -> ClientRecord:
    """One client as the detail pane shows it on ``today``."""
    with db.read() as conn:
        client = queries.client_fields(conn, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        contacts = [ContactRow(*row) for row in queries.contact_rows(conn, client_id)]
        lines = _lines(conn, client_id, today)
        tickets = [TicketRow(*row) for row in queries.recent_ticket_rows(conn, client_id, RECENT_TICKETS)]
        ticket_count = queries.ticket_count(conn, client_id)
        notes = [NoteRow(nid, _aware(at), body) for nid, at, body in queries.note_rows(conn, client_id)]
        tags_sorted = tuple(sorted(queries.client_tag_names(conn, client_id), key=str.casefold))
        tasks = [TaskRow(*row) for row in queries.open_task_rows(conn, client_id)]
        referred_by = _referred_by(conn, client["referred_by_referral_id"])
    running = [line for line in lines if line.state == "running"]
    tier = next((line.item for line in running if line.kind == "tier"), "")
    months: tuple[Month, ...] = ()
    monthly: tuple[int, ...] = ()
    if lines:
        last = Month.of(today)
        first = max(Month.of(min(line.start_date for line in lines)), last - (TIMELINE_MONTHS - 1))
        first = min(first, last)
        months = tuple(Month.from_index(i) for i in range(first.index, last.index + 1))
        monthly = tuple(client_mrr_series(db, client_id, first, last))
    return ClientRecord(
        id=client["id"],
        name=client["name"],
        status=client["status"],
        industry=client["industry"] or "",
        employees=client["employees"],
        seats=client["seats"] or 0,
        locations=client["locations"] if client["locations"] is not None else 1,
        servers=client["servers"] or 0,
        start_date=client["start_date"],
        renewal_date=client["renewal_date"],
        term_months=client["term_months"],
        channel=client["channel"],
        referred_by=referred_by,
        acquisition_cost_cents=client["acquisition_cost_cents"],
        satisfaction=client["satisfaction"],
        notes=client["notes"] or "",
        churned_on=client["churned_on"],
        churn_reason=client["churn_reason"] or "",
        tier=tier,
        mrr_cents=sum(line.mrr_cents for line in running),
        contacts=tuple(contacts),
        lines=tuple(lines),
        months=months,
        monthly_mrr=monthly,
        tickets=tuple(tickets),
        ticket_count=ticket_count,
        dated_notes=tuple(notes),
        tags=tags_sorted,
        open_tasks=tuple(tasks),
        account_lead=client["account_lead"] or "",
    )


# -- choices for the new-client dialog -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferrerChoice:
    """Who can be named as a new client's referrer: an open referral or a client."""

    kind: str  # "referral" or "client"
    id: int
    label: str
    company: str = ""  # a referral's referred company and industry: the new client's name
    industry: str = ""
    channel: str = Channel.REFERRAL.value


def referrer_choices(db: Database) -> tuple[ReferrerChoice, ...]:
    """Open referrals without a client (latest received first), then clients that can refer
    (not prospects or churned), by name."""
    choices = []
    with db.read() as conn:
        for rid, company, industry, stage, client_name, partner_name in queries.open_referral_rows(conn):
            source = client_name or partner_name
            label = f"{company} — from {source} ({stage})" if source else f"{company} ({stage})"
            channel = Channel.PARTNER.value if partner_name and not client_name else Channel.REFERRAL.value
            choices.append(ReferrerChoice("referral", rid, label, company, industry or "", channel))
        referring = (ClientStatus.ONBOARDING.value, ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value)
        for cid, name in queries.clients_in_statuses(conn, referring):
            choices.append(ReferrerChoice("client", cid, name))
    return tuple(choices)


def all_tag_names(db: Database) -> tuple[str, ...]:
    """Every tag's name (for completion), by name."""
    with db.read() as conn:
        return tuple(sorted(tag_names(conn), key=str.casefold))
