"""What a QBR packet prints: plain data (numbers unformatted, dates as dates), filled by
``services.reports.qbr_packet`` and laid out by ``reports.qbr_packet``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TicketFigures:
    """The service desk over one span: tickets resolved and the KPI engine's figures on them
    (None: no data, printed as "—" with the reason)."""

    first: dt.date
    last: dt.date
    resolved: int
    mttr_hours: float | None
    sla: float | None  # a fraction, 0.95
    fcr: float | None


@dataclass(frozen=True)
class ServiceChange:
    """A contract line started or ended: ``what`` happened on ``day`` (``started`` or ``ended``)."""

    day: dt.date
    event: str  # "started" or "ended"
    service: str
    change: str = ""  # the ledger's reason: start, upgrade, add-on, seats, price...
    mrr_cents: int | None = None


@dataclass(frozen=True)
class RoadmapEntry:
    title: str
    category: str
    horizon: str  # as words: "This quarter"
    status: str  # as words: "Accepted"
    one_off_cents: int = 0
    mrr_impact_cents: int = 0


@dataclass(frozen=True)
class RungStep:
    """One step up the ladder: its name, what the client would pay a month on it, how much
    more than now, and what it adds (the ladder's description and inclusions)."""

    name: str
    mrr_cents: int
    delta_cents: int
    adds: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextRungPlan:
    """The ladder's suggestion: the next tier and the next stage's add-ons, or why there is none."""

    current: str | None  # the tier the client is on
    tier: RungStep | None = None
    stage: str | None = None  # the growth stage the add-ons come from
    addons: tuple[RungStep, ...] = ()
    reasons: tuple[str, ...] = ()  # the signals behind it
    none_reason: str = ""  # when nothing is suggested: why


@dataclass(frozen=True)
class ReferralAsk:
    """The "Who else should we help?" page: seed 003's specific questions, seed 000's targeted
    ask, and the reward from the shop's rule ("" when the shop has none)."""

    questions: tuple[str, ...]
    targeted_ask: str
    reward: str = ""
    booking_link: str = ""


@dataclass(frozen=True)
class QbrPacketData:
    """One client's QBR packet (seed 001 §4): the last 90 days against the 90 before, the
    business and the questions, the next 90 days and the later roadmap, the next rung, the next
    QBR, and when the client is ready to be asked, the referral page."""

    shop: str
    kind: str  # msp or va: tickets or requests
    client: str
    day: dt.date  # the packet's day: the last 90 days end here
    tickets: TicketFigures
    previous: TicketFigures
    locale: str = "en_US"
    currency: str = "USD"
    accomplishments: tuple[tuple[dt.date | None, str], ...] = ()
    service_changes: tuple[ServiceChange, ...] = ()
    referrals_given: tuple[tuple[dt.date, str], ...] = ()
    satisfaction: tuple[int, ...] = ()  # at past QBRs, oldest first
    attendees: tuple[str, ...] = ()  # the client's decision makers
    last_qbr: dt.date | None = None
    business_changes: str = ""  # as said at the last QBR
    questions: tuple[str, ...] = ()
    agreed_priorities: tuple[str, ...] = ()  # written down at the last QBR
    next_90_days: tuple[RoadmapEntry, ...] = ()
    later: tuple[RoadmapEntry, ...] = ()  # the open items beyond the next 90 days, by horizon
    next_rung: NextRungPlan = field(default_factory=lambda: NextRungPlan(None))
    next_qbr: dt.date | None = None
    referral: ReferralAsk | None = None  # None: the page is left out
