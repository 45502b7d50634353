"""One client as the detail pane shows it (profile, contacts, lines, MRR timeline, tickets,
notes, tags, open tasks), and the choices of the new-client dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from msp_desk.domain.clients import (
    Client,
    ClientNote,
    ClientTag,
    Contact,
    Tag,
)
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.enums import Channel, ClientStatus, ReferralStage
from msp_desk.domain.ladder import AddOn, Tier
from msp_desk.domain.referrals import Partner, Referral
from msp_desk.domain.reviews import Task
from msp_desk.domain.tickets import Ticket
from msp_desk.domain.values import Month
from msp_desk.errors import NotFound
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.services.kpis.mrr import client_mrr_series
from msp_desk.store.database import Database

RECENT_TICKETS = 50
TICKET_COLUMNS = ("id", "external_id", "subject", "priority", "opened_at", "resolved_at", "sla_verdict")
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

    @property
    def has_running_lines(self) -> bool:
        return any(line.state == "running" for line in self.lines)


def _t(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _line_state(start: dt.date, end: dt.date | None, day: dt.date) -> str:
    if start > day:
        return "future"
    return "running" if end is None or end >= day else "ended"


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _referred_by(conn: sa.Connection, referral_id: int | None) -> str:
    if referral_id is None:
        return ""
    r, c, p = _t(Referral).c, _t(Client).c, _t(Partner).c
    row = conn.execute(
        sa.select(r.company, c.name, p.name, p.company)
        .select_from(
            _t(Referral)
            .outerjoin(_t(Client), c.id == r.referrer_client_id)
            .outerjoin(_t(Partner), p.id == r.referrer_partner_id)
        )
        .where(r.id == referral_id)
    ).first()
    if row is None:
        return ""
    _company, client_name, partner_name, partner_company = row
    if client_name:
        return str(client_name)
    if partner_name:
        return f"{partner_name} ({partner_company})" if partner_company else str(partner_name)
    return "a referral with no referrer recorded"


def _lines(conn: sa.Connection, client_id: int, day: dt.date) -> list[LineRow]:
    ln, tier, addon = _t(ContractLine).c, _t(Tier).c, _t(AddOn).c
    query = (
        sa.select(
            *(ln[n] for n in ("id", "kind")),
            sa.func.coalesce(tier.name, addon.name, ln.description),
            *(ln[n] for n in ("quantity", "unit_price_cents", "period", "discount_bp")),
            *(ln[n] for n in ("start_date", "end_date", "change")),
        )
        .select_from(
            _t(ContractLine)
            .outerjoin(_t(Tier), tier.id == ln.tier_id)
            .outerjoin(_t(AddOn), addon.id == ln.addon_id)
        )
        .where(ln.client_id == client_id)
    )
    lines = []
    for lid, kind, item, qty, price, period, disc, start, end, change in conn.execute(query):
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
    c = _t(Client).c
    with db.read() as conn:
        client = conn.execute(sa.select(_t(Client)).where(c.id == client_id)).first()
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        ct = _t(Contact).c
        contacts = [
            ContactRow(*row)
            for row in conn.execute(
                sa.select(ct.id, ct.name, ct.role, ct.email, ct.phone, ct.decision_maker)
                .where(ct.client_id == client_id)
                .order_by(ct.decision_maker.desc(), sa.func.lower(ct.name), ct.id)
            )
        ]
        lines = _lines(conn, client_id, today)
        tk = _t(Ticket).c
        tickets = [
            TicketRow(*row)
            for row in conn.execute(
                sa.select(*(tk[n] for n in TICKET_COLUMNS))
                .where(tk.client_id == client_id)
                .order_by(tk.opened_at.desc(), tk.id.desc())
                .limit(RECENT_TICKETS)
            )
        ]
        ticket_count = conn.execute(sa.select(sa.func.count()).where(tk.client_id == client_id)).scalar_one()
        nt = _t(ClientNote).c
        notes = [
            NoteRow(nid, _aware(at), body)
            for nid, at, body in conn.execute(
                sa.select(nt.id, nt.created_at, nt.body)
                .where(nt.client_id == client_id)
                .order_by(nt.created_at.desc(), nt.id.desc())
            )
        ]
        tg, link = _t(Tag).c, _t(ClientTag).c
        tags = conn.execute(
            sa.select(tg.name).join(_t(ClientTag), link.tag_id == tg.id).where(link.client_id == client_id)
        ).scalars()
        tags_sorted = tuple(sorted(tags, key=str.casefold))
        ts = _t(Task).c
        tasks = [
            TaskRow(*row)
            for row in conn.execute(
                sa.select(ts.id, ts.due_on, ts.kind, ts.title)
                .where(ts.client_id == client_id, sa.not_(ts.done))
                .order_by(ts.due_on, ts.id)
            )
        ]
        referred_by = _referred_by(conn, client.referred_by_referral_id)
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
        id=client.id,
        name=client.name,
        status=client.status,
        industry=client.industry or "",
        employees=client.employees,
        seats=client.seats or 0,
        locations=client.locations if client.locations is not None else 1,
        servers=client.servers or 0,
        start_date=client.start_date,
        renewal_date=client.renewal_date,
        term_months=client.term_months,
        channel=client.channel,
        referred_by=referred_by,
        acquisition_cost_cents=client.acquisition_cost_cents,
        satisfaction=client.satisfaction,
        notes=client.notes or "",
        churned_on=client.churned_on,
        churn_reason=client.churn_reason or "",
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
    r, c, p = _t(Referral).c, _t(Client).c, _t(Partner).c
    closed = (ReferralStage.WON.value, ReferralStage.LOST.value)
    choices = []
    with db.read() as conn:
        query = (
            sa.select(r.id, r.company, r.industry, r.stage, c.name, p.name)
            .select_from(
                _t(Referral)
                .outerjoin(_t(Client), c.id == r.referrer_client_id)
                .outerjoin(_t(Partner), p.id == r.referrer_partner_id)
            )
            .where(r.client_id.is_(None), r.stage.notin_(closed))
            .order_by(r.received_on.desc(), r.id.desc())
        )
        for rid, company, industry, stage, client_name, partner_name in conn.execute(query):
            source = client_name or partner_name
            label = f"{company} — from {source} ({stage})" if source else f"{company} ({stage})"
            channel = Channel.PARTNER.value if partner_name and not client_name else Channel.REFERRAL.value
            choices.append(ReferrerChoice("referral", rid, label, company, industry or "", channel))
        referring = (ClientStatus.ONBOARDING.value, ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value)
        for cid, name in conn.execute(
            sa.select(c.id, c.name).where(c.status.in_(referring)).order_by(sa.func.lower(c.name), c.id)
        ):
            choices.append(ReferrerChoice("client", cid, name))
    return tuple(choices)


def all_tag_names(db: Database) -> tuple[str, ...]:
    """Every tag's name (for completion), by name."""
    with db.read() as conn:
        names = conn.execute(sa.select(_t(Tag).c.name)).scalars()
        return tuple(sorted(names, key=str.casefold))
