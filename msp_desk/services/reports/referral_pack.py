"""The referral-ready pack from the shop's data: its ladder and response targets, the real MTTR and
SLA of the last three full months, and the proof numbers (clients served, years in business,
12-month client retention and NRR) from the KPI engine; returned as PDF bytes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

from msp_desk.domain import rules
from msp_desk.domain.enums import ClientStatus
from msp_desk.domain.values import Month
from msp_desk.kpi import churn
from msp_desk.kpi import mrr as kpi_mrr
from msp_desk.kpi.inputs import PRIORITIES
from msp_desk.kpi.service_desk import ALL_PRIORITIES, mttr_hours_by_priority, sla_compliance
from msp_desk.reports.referral_pack import (
    TITLE,
    PriorityRecord,
    Proof,
    ReferralPackInput,
    Rung,
    ServiceRecord,
    referral_pack,
)
from msp_desk.services.clients.roster import RosterRow, roster
from msp_desk.services.kpis.facts import load_lines, load_tickets
from msp_desk.services.kpis.snapshots import default_month, kpis_for_month_stored
from msp_desk.services.ladder.items import TierItem, ladder_items
from msp_desk.services.reports.masthead import masthead
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database
from msp_desk.store.queries.kpis import first_line_start

SERVICE_MONTHS = 3  # the real MTTR and SLA quoted: tickets resolved in the last three full months
FREE_TEXT_MAX = 2_000  # industry, pain, referrer, prospect: long text is fitted, then shortened


@dataclass(frozen=True)
class PackAim:
    """Whom the pack is aimed at, as typed: each empty when not given."""

    industry: str = ""
    pain: str = ""
    referrer: str = ""  # a free name, or a client's, contact's or partner's: printed as given
    prospect: str = ""


def referral_pack_pdf(
    db: Database,
    today: dt.date,
    *,
    industry: str | None = None,
    referrer: str | None = None,
    prospect: str | None = None,
    pain: str | None = None,
) -> bytes:
    """The one-page referral-ready pack of the shop on ``today``, optionally aimed at an industry
    and its pain, naming who suggested the talk (any name, kept as given) and the prospect."""
    aim = PackAim(*((text or "").strip() for text in (industry, pain, referrer, prospect)))
    return referral_pack(referral_pack_input(db, today, aim))


def referral_pack_input(db: Database, today: dt.date, aim: PackAim) -> ReferralPackInput:
    """What the pack prints, gathered from the shop (see ``referral_pack_pdf``)."""
    for name, value in asdict(aim).items():
        rules.one_line(value, name, max_len=FREE_TEXT_MAX)
    shop = get_settings(db)
    tiers = [tier for tier in ladder_items(db, today).tiers if tier.active]
    clients = roster(db, today, signals=False)
    return ReferralPackInput(
        head=masthead(db, TITLE, aim.prospect),
        kind=shop.kind,
        locale=shop.locale,
        currency=shop.currency,
        industry=aim.industry,
        pain=aim.pain,
        referrer=aim.referrer,
        prospect=aim.prospect,
        client_industries=client_industries(clients),
        rungs=tuple(
            Rung(t.name, t.description, t.price_cents, t.price_model, t.hours_per_block) for t in tiers
        ),
        service=service_record(db, today, tiers),
        proof=proof_numbers(db, today, clients),
        booking_link=shop.booking_link.strip(),
        phone=shop.phone.strip(),
        email=shop.email.strip(),
    )


def service_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days whose resolved tickets the pack quotes: the last ``SERVICE_MONTHS`` full months."""
    last = default_month(today)
    return (last - (SERVICE_MONTHS - 1)).first_day(), last.last_day()


def service_record(db: Database, today: dt.date, tiers: list[TierItem]) -> ServiceRecord:
    """Per priority the targets across the plans and the real MTTR, and SLA compliance, of the
    tickets resolved in ``service_period`` (the KPI engine's own functions)."""
    first, last = service_period(today)
    start = dt.datetime.combine(first, dt.time.min)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)
    with db.read() as conn:
        tickets = load_tickets(conn, start, end)
    mttr = mttr_hours_by_priority(tickets) or {}
    records = tuple(
        PriorityRecord(
            priority,
            _spread([t.targets.get(priority, (None, None))[0] for t in tiers]),
            _spread([t.targets.get(priority, (None, None))[1] for t in tiers]),
            mttr.get(priority),
        )
        for priority in PRIORITIES
    )
    return ServiceRecord(
        first, last, len(tickets), mttr.get(ALL_PRIORITIES), sla_compliance(tickets), records
    )


def _spread(minutes: list[int | None]) -> tuple[int, int] | None:
    """The fastest and slowest of the plans' targets; None when no plan sets one."""
    known = [m for m in minutes if m is not None]
    return (min(known), max(known)) if known else None


def proof_numbers(db: Database, today: dt.date, clients: list[RosterRow] | None = None) -> Proof:
    """Clients served, whole years since the first client started, and the 12-month client
    retention and NRR, as of the last full month (None where the data cannot tell yet)."""
    month = default_month(today)
    snapshot = kpis_for_month_stored(db, month)
    return Proof(
        clients_served=snapshot.active_clients or None,
        years_in_business=years_in_business(db, today, clients),
        retention_12m=retention_12m(db, month),
        nrr_12m=snapshot.nrr_12m,
        as_of=month.last_day(),
    )


def retention_12m(db: Database, month: Month) -> float | None:
    """Of the clients paying twelve months before ``month``'s end, the share still paying at it."""
    first = month - churn.NRR_MONTHS
    with db.read() as conn:
        lines = load_lines(conn)
    series = kpi_mrr.client_mrr_series(lines, first, month)
    then = [values[0] for values in series.values()]
    now = [values[-1] for values in series.values()]
    return churn.logo_retention_12m(then, now)


def years_in_business(db: Database, today: dt.date, clients: list[RosterRow] | None = None) -> int | None:
    """Whole years from the earliest client start (or, without start dates, the first contract
    line) to ``today``; None before the first full year."""
    rows = clients if clients is not None else roster(db, today, signals=False)
    starts = [
        r.start_date for r in rows if r.start_date is not None and r.status != ClientStatus.PROSPECT.value
    ]
    with db.read() as conn:
        first_line = first_line_start(conn)
    if first_line is not None:
        starts.append(first_line)
    earliest = min((day for day in starts if day <= today), default=None)
    if earliest is None:
        return None
    years = today.year - earliest.year - ((today.month, today.day) < (earliest.month, earliest.day))
    return years or None


def client_industries(clients: list[RosterRow]) -> tuple[str, ...]:
    """The industries of the clients paying today, most common first (spelled as first met)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for row in clients:
        name = row.industry.strip()
        if row.mrr_cents > 0 and name:
            key = name.casefold()
            spelling.setdefault(key, name)
            counts[key] += 1
    return tuple(spelling[key] for key, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
