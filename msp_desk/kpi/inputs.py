"""The plain facts the KPI engine computes from; services build them from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PRIORITIES = ("P1", "P2", "P3", "P4")
REFERRAL_CHANNELS = frozenset({"referral", "partner"})


@dataclass(frozen=True, slots=True)
class LineFact:
    """One contract line reduced to what MRR, margin and movement causes need.

    ``start``/``end`` are inclusive dates (``end`` None = still running). ``mrr_cents`` is the
    line's normalised monthly value (``kpi.mrr.line_mrr_cents``); ``cost_cents`` its monthly
    direct cost, None when unknown (e.g. imported MRR history).
    """

    client_id: int
    start: dt.date
    end: dt.date | None
    mrr_cents: int
    cost_cents: int | None = None
    item: str = "custom"  # "tier:<id>", "addon:<id>" or "custom:<text>": what the line sells
    tier_rank: int | None = None  # rank of the tier sold, for tier up/down causes
    quantity: int = 1
    discount_bp: int = 0  # discount in basis points (10000 = 100%)


@dataclass(frozen=True, slots=True)
class ProjectFact:
    """One-off project revenue."""

    client_id: int | None
    day: dt.date
    amount_cents: int
    cost_cents: int | None = None


@dataclass(frozen=True, slots=True)
class SpendFact:
    """Sales & marketing spend of one channel in one month (``month`` is a ``Month.index``)."""

    month: int
    channel: str
    amount_cents: int


@dataclass(frozen=True, slots=True)
class ClientFact:
    """What the KPIs need of a client besides its lines."""

    client_id: int
    channel: str | None = None  # referral, partner, marketing, outbound, other; None unknown


@dataclass(frozen=True, slots=True)
class TicketFact:
    """A ticket (or VA request). Targets are minutes from the client's tier or the import.

    ``sla_met`` set means the source already judged it (its last state); otherwise it is judged
    from the targets once resolved. ``fcr`` None means unknown: never guessed.
    """

    client_id: int
    priority: str
    opened_at: dt.datetime
    first_response_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    fcr: bool | None = None
    sla_met: bool | None = None
    response_target_min: int | None = None
    resolution_target_min: int | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """Shop settings the KPIs depend on (DESIGN §4-5 defaults)."""

    employees: int | None = None
    sales_marketing_share_bp: int = 1500  # 15%
    lifetime_cap_months: int = 120
    reactivation_window_days: int | None = None  # None = unlimited; else older returns count as new


@dataclass(frozen=True, slots=True)
class ShopFacts:
    """Everything the KPI snapshot of a month needs."""

    lines: tuple[LineFact, ...] = ()
    clients: tuple[ClientFact, ...] = ()
    projects: tuple[ProjectFact, ...] = ()
    spend: tuple[SpendFact, ...] = ()
    tickets: tuple[TicketFact, ...] = ()
    policy: Policy = field(default_factory=Policy)
