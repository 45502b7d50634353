"""The plain facts the KPI engine computes from; services build them from the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from msp_desk.domain.values import Month

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


class LineSpan(NamedTuple):
    """A contract line as the MRR series see it: the ``Month.index`` of its first and last
    active month end (``last`` None = still running; ``last < first`` = no month end covered)
    and its MRR and monthly cost. ``kpi.mrr.line_spans`` makes them from ``LineFact``s;
    services may pass plain tuples in this order instead (``SpanRow``: database rows as they
    come, 176k of them cost nothing to wrap that way); the engine only unpacks them."""

    client_id: int
    first: int
    last: int | None
    mrr_cents: int
    cost_cents: int | None = None


# A ``LineSpan``'s fields as a plain tuple: (client_id, first, last, mrr_cents, cost_cents).
SpanRow = tuple[int, int, int | None, int, int | None]


@dataclass(frozen=True, slots=True)
class LineHistory:
    """What came before ``lines_from`` when the facts hold only the lines running at a month
    end from ``lines_from`` on (enough for the KPIs of the months 12 or more after it).

    ``first_month`` is where MRR history begins (the month of the earliest line's start);
    ``last_positive`` maps each client that had MRR at a month end before ``lines_from`` to
    the ``Month.index`` of the last such month (new vs reactivation, and the reactivation
    window, depend on it).
    """

    lines_from: Month
    first_month: Month | None
    last_positive: dict[int, int] = field(default_factory=dict)


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
class TicketMonthStats:
    """The ticket KPIs' sums over the tickets of one priority resolved in one month.

    ``month`` is the ``Month.index`` of ``resolved_at``. ``timed`` counts the tickets resolved
    at or after they were opened and ``resolution_us`` sums their resolution times in
    microseconds (exact, as MTTR needs); ``sla_judged``/``sla_met`` count the tickets
    ``judge_sla`` could judge and those that met their SLA; ``fcr_known``/``fcr_yes`` likewise.
    Services read these straight from SQL; ``service_desk.summarize_tickets`` makes them from
    ``TicketFact``s with the same rules.
    """

    month: int
    priority: str
    resolved: int
    timed: int
    resolution_us: int
    fcr_known: int
    fcr_yes: int
    sla_judged: int
    sla_met: int


@dataclass(frozen=True, slots=True)
class Policy:
    """Shop settings the KPIs depend on (DESIGN §4-5 defaults)."""

    employees: int | None = None
    sales_marketing_share_bp: int = 1500  # 15%
    lifetime_cap_months: int = 120
    reactivation_window_days: int | None = None  # None = unlimited; else older returns count as new


@dataclass(frozen=True, slots=True)
class ShopFacts:
    """Everything the KPI snapshot of a month needs.

    The ticket KPIs come from ``ticket_stats`` when given (services read them with SQL);
    otherwise from ``tickets``, summarised with the same rules. Likewise the MRR series come
    from ``spans`` when given, else from ``lines``; ``history`` says the lines (or spans) are
    only those running from ``history.lines_from`` on.
    """

    lines: tuple[LineFact, ...] = ()
    clients: tuple[ClientFact, ...] = ()
    projects: tuple[ProjectFact, ...] = ()
    spend: tuple[SpendFact, ...] = ()
    tickets: tuple[TicketFact, ...] = ()
    policy: Policy = field(default_factory=Policy)
    ticket_stats: tuple[TicketMonthStats, ...] | None = None
    spans: Sequence[SpanRow] | None = None
    history: LineHistory | None = None
