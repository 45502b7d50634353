"""One client's QBR packet: gathered from the QBR preparation (the KPI engine's own ticket
figures), the client's last recorded QBR and the scheduled next one, its roadmap, the ladder's
next rung and its referral readiness, then printed by ``reports.qbr_packet``.

The referral page is in exactly when the readiness score is at the shop's ask threshold or
above; when it is left out, ``referral_page_reason`` says why in a sentence for the owner."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from msp_desk import formatting as fmt
from msp_desk.domain import horizons
from msp_desk.domain.clients import name_key
from msp_desk.domain.enums import Horizon, RoadmapStatus
from msp_desk.domain.qbr_schedule import QBR_QUESTIONS
from msp_desk.errors import NotFound
from msp_desk.kpi.ladder import NextRung
from msp_desk.reports.qbr_packet import render_qbr_packet
from msp_desk.reports.qbr_packet_data import (
    NextRungPlan,
    QbrPacketData,
    ReferralAsk,
    RoadmapEntry,
    RungStep,
    ServiceChange,
    TicketFigures,
)
from msp_desk.services.ladder.growth import next_rung
from msp_desk.services.referrals.scripts import fill, merge_values
from msp_desk.services.reports.qbr_shop import OFFERS, PAINS, PacketShop, packet_shop
from msp_desk.services.reviews.preparation import QbrPreparation, TicketQuarter, prepare_qbr
from msp_desk.services.reviews.qbrs import client_qbrs, qbr_form
from msp_desk.services.reviews.roadmap import RoadmapRow, roadmap
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals.asks import client_names

NAME_LIMIT = 120  # characters of a client's name kept in a file name
RUNG_REASONS = ("tickets_up", "business_changes")  # the signals a client is shown


@dataclass(frozen=True)
class QbrPacket:
    """A printed packet: its PDF, whether the referral page is in (and why not), a file name."""

    client_id: int
    client: str
    pdf: bytes
    referral_page: bool
    referral_page_reason: str | None
    file_name: str


def client_named(db: Database, name: str) -> int:
    """The id of the client called ``name`` (case and spacing ignored); NotFound otherwise."""
    wanted = name_key(name)
    with db.read() as conn:
        for client_id, (found, _industry) in client_names(conn).items():
            if name_key(found) == wanted:
                return client_id
    raise NotFound(f"There is no client named {' '.join(name.split())}")


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def packet_file_name(client: str, day: dt.date) -> str:
    """A file name for the packet that every system accepts: the client's name (Unicode kept,
    separators and reserved characters replaced), then the day."""
    safe = " ".join(_UNSAFE.sub("-", client).split()).strip(" .-")[:NAME_LIMIT].strip(" .-")
    return f"QBR {safe or 'client'} {day.isoformat()}.pdf"


def qbr_packet(db: Database, client_id: int, today: dt.date, shop: PacketShop | None = None) -> QbrPacket:
    """The QBR packet of ``client_id`` printed on ``today``: the last 90 days up to ``today``.
    ``shop`` (``packet_shop``) is read when not given; a batch reads it once."""
    shop = shop if shop is not None else packet_shop(db, today)
    prep = prepare_qbr(db, client_id, today)
    ask, reason = _referral(db, client_id, prep.name, shop)
    data = QbrPacketData(
        shop=shop.name,
        kind=shop.kind,
        client=prep.name,
        day=today,
        tickets=_figures(prep.tickets),
        previous=_figures(prep.previous_tickets),
        locale=shop.locale,
        currency=shop.currency,
        service_changes=_service_changes(prep),
        referrals_given=tuple((day, company) for day, company, _stage in prep.referrals),
        satisfaction=tuple(score for _day, score in prep.satisfaction),
        next_rung=_rung_plan(next_rung(db, client_id, today), shop),
        referral=ask,
        **_reviews(db, client_id, prep, today).__dict__,
    )
    head = replace(shop.head, subject=prep.name)
    return QbrPacket(
        client_id,
        prep.name,
        render_qbr_packet(data, head),
        ask is not None,
        reason,
        packet_file_name(prep.name, today),
    )


def _figures(quarter: TicketQuarter) -> TicketFigures:
    return TicketFigures(
        quarter.first, quarter.last, quarter.resolved, quarter.mttr_hours, quarter.sla, quarter.fcr
    )


def _service_changes(prep: QbrPreparation) -> tuple[ServiceChange, ...]:
    """Each contract line started or ended in the 90 days, by the day (the ledger's changes)."""
    found = []
    for line in prep.service_changes:
        what = line.description or line.kind
        if prep.first <= line.start_date <= prep.day:
            found.append(ServiceChange(line.start_date, "started", what, line.change or "", line.mrr_cents))
        if line.end_date is not None and prep.first <= line.end_date <= prep.day:
            found.append(ServiceChange(line.end_date, "ended", what, "", None))
    return tuple(sorted(found, key=lambda c: c.day))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t"))


def _questions(recorded: str, shop_questions: str) -> tuple[str, ...]:
    """The questions the last record asked (its answers, the "→" lines, left out), else the
    ones the record form opens with (the shop's, seed 001's unless edited), else seed 001's."""
    for text in (recorded, shop_questions):
        asked = tuple(line for line in _lines(text) if not line.startswith("→"))
        if asked:
            return asked
    return QBR_QUESTIONS


def _entry(row: RoadmapRow) -> RoadmapEntry:
    return RoadmapEntry(
        row.title,
        row.category,
        horizons.HORIZON_WORDS[Horizon(row.horizon)],
        horizons.STATUS_WORDS[RoadmapStatus(row.status)],
        row.est_one_off_cents,
        row.mrr_impact_cents,
    )


@dataclass(frozen=True)
class _ReviewPart:
    """The packet's fields that come from the client's QBRs and roadmap."""

    accomplishments: tuple[tuple[dt.date | None, str], ...]
    attendees: tuple[str, ...]
    last_qbr: dt.date | None
    business_changes: str
    questions: tuple[str, ...]
    agreed_priorities: tuple[str, ...]
    next_90_days: tuple[RoadmapEntry, ...]
    later: tuple[RoadmapEntry, ...]
    next_qbr: dt.date | None


def _reviews(db: Database, client_id: int, prep: QbrPreparation, today: dt.date) -> _ReviewPart:
    """The QBR side of the packet: what was done, the last record, the roadmap, the next QBR."""
    held = [m for m in client_qbrs(db, client_id).meetings if m.day <= today]  # newest first
    last = held[0] if held else None
    form = qbr_form(db, client_id, today)
    done: list[tuple[dt.date | None, str]] = [(day, title) for day, title, _category in prep.roadmap_done]
    for meeting in reversed(held):
        if prep.first <= meeting.day:
            done += [(None, line) for line in _lines(meeting.accomplishments)]
    items = [r for r in roadmap(db, client_id) if horizons.is_open(r.status)]
    return _ReviewPart(
        accomplishments=tuple(done),
        attendees=form.decision_makers,
        last_qbr=last.day if last else None,
        business_changes=last.business_changes if last else "",
        questions=_questions(last.questions if last else "", form.questions),
        agreed_priorities=_lines(last.priorities) if last else (),
        next_90_days=tuple(_entry(r) for r in items if horizons.in_next_90_days(r.horizon)),
        later=tuple(_entry(r) for r in items if not horizons.in_next_90_days(r.horizon)),
        next_qbr=form.next_due or (last.next_qbr_on if last else None) or form.default_next,
    )


def _rung_plan(rung: NextRung, shop: PacketShop) -> NextRungPlan:
    current = rung.current.name if rung.current else None
    if rung.current is None:
        return NextRungPlan(
            None, none_reason="Not on a plan of our service ladder yet: we will suggest one at this review."
        )
    tier = None
    if rung.next_tier is not None:
        step = rung.next_tier
        adds = shop.ladder.tiers.get(step.tier_id, ())
        tier = RungStep(step.name, step.mrr_cents, step.mrr_delta_cents, adds)
    addons = tuple(
        RungStep(a.name, a.mrr_delta_cents, a.mrr_delta_cents, shop.ladder.addons.get(a.addon_id, ()))
        for a in rung.addons
    )
    reasons = tuple(s.reason for s in rung.signals if s.code in RUNG_REASONS)
    if shop.kind == "va":
        reasons = tuple(r.replace("Tickets", "Requests") for r in reasons)
    return NextRungPlan(
        current,
        tier,
        rung.stage,
        addons,
        reasons,
        none_reason=f"You are on {current}, our top plan, with every add-on of the next stage: nothing more to suggest.",
    )


def _referral(
    db: Database, client_id: int, name: str, shop: PacketShop
) -> tuple[ReferralAsk | None, str | None]:
    """The referral page when the client's readiness is at the ask threshold; else why not."""
    signals = shop.signals.get(client_id)
    if signals is None:
        return None, f"Readiness of {name} is not known on {fmt.date_text(shop.day, shop.locale)}"
    score, threshold = signals.score, shop.ask_threshold
    if score < threshold:
        missing = [f.reason for f in signals.readiness.factors if not f.met]
        why = "; ".join(missing) if missing else "no factor met"
        return None, f"Readiness {score} of 100, below the ask threshold of {threshold}: {why}"
    values = merge_values(db, client_id=client_id, pain=PAINS.get(shop.kind, ""))
    industry = values.industry
    if industry[1:2].islower():  # "Real estate" inside a sentence; "HVAC" stays
        industry = industry[:1].lower() + industry[1:]
    values = replace(values, industry=industry or "your industry", contact=values.contact or "you")
    ask = fill(shop.targeted_ask, values)
    offer = OFFERS.get(shop.kind, "")
    if offer and "walkthrough" not in ask.casefold():
        ask = f"{ask} {offer}"
    questions = tuple(fill(q, values) for q in shop.questions)
    return ReferralAsk(questions, ask, shop.reward, shop.booking_link), None
