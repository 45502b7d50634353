"""What the referral-ready pack prints: plain data, gathered by the service, formatted by the report.

Every figure may be None (no data yet): the pack then prints "—" with its reason, or leaves the
proof out, and never a made-up number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from msp_desk.reports.document import Masthead


@dataclass(frozen=True)
class Rung:
    """One step of the ladder in brief: its name, what it adds, and the price it starts from."""

    name: str
    adds: str
    price_cents: int
    price_model: str  # "flat", "per_seat" or "per_hours_block"
    hours_per_block: int | None = None


@dataclass(frozen=True)
class PriorityRecord:
    """One priority's promise and what really happened: the targets across the plans (fastest,
    slowest; None when no plan sets one) and the real mean time to resolve over the period."""

    priority: str  # P1..P4
    respond_minutes: tuple[int, int] | None
    resolve_minutes: tuple[int, int] | None
    mttr_hours: float | None


@dataclass(frozen=True)
class ServiceRecord:
    """The service desk over the period the pack quotes (tickets resolved from ``first`` to
    ``last``): the KPI engine's MTTR and SLA compliance."""

    first: dt.date
    last: dt.date
    resolved: int
    mttr_hours: float | None
    sla: float | None
    priorities: tuple[PriorityRecord, ...] = ()


@dataclass(frozen=True)
class Proof:
    """The proof numbers from the data; None = not known yet (left out, never printed as 0)."""

    clients_served: int | None = None
    years_in_business: int | None = None
    retention_12m: float | None = None  # share of clients of a year ago still with us
    nrr_12m: float | None = None  # net revenue retention over 12 months
    as_of: dt.date | None = None  # the day the figures are counted to


@dataclass(frozen=True)
class ReferralPackInput:
    """Everything the one-page pack prints. Free text (industry, pain, referrer, prospect) is
    printed as given, fitted and, when it must be, shortened visibly."""

    head: Masthead  # the shop's name, logo, contact line and paper
    kind: str = "msp"  # "msp" or "va": the words (tickets or requests) and the offer
    locale: str = "en_US"
    currency: str = "USD"
    industry: str = ""
    pain: str = ""
    referrer: str = ""  # "Bob Lee" -> "Bob Lee suggested we talk."
    prospect: str = ""  # who the pack is prepared for
    client_industries: tuple[str, ...] = ()  # the industries of today's clients, most common first
    rungs: tuple[Rung, ...] = ()
    service: ServiceRecord | None = None
    proof: Proof = field(default_factory=Proof)
    booking_link: str = ""
    phone: str = ""
    email: str = ""
