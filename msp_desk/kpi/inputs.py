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


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What the referral readiness score and the account review flags know of one client on a
    day (``services.accounts.signals`` reads them for every client in a few grouped queries).

    "The last N days" are the N days ending on (and including) the day. ``revenue_3m_cents``
    and ``cost_3m_cents`` sum the MRR and the monthly direct cost of the client's lines over
    the last three full month ends, for the lines whose cost is known; ``uncosted_3m_cents``
    sums the MRR of those whose cost is not (imported history). ``declined_12m`` counts the
    roadmap items declined among those proposed in the last 365 days. ``last_win_day`` and
    ``last_win`` name the latest win of the last 30 days: a roadmap item done, a one-off
    project, or an add-on started after the client's first start.
    """

    client_id: int
    status: str
    mrr_cents: int = 0  # running on the day
    seats: int = 0  # seats / endpoints (MSP) or hours a month (VA); 0 = not recorded
    start: dt.date | None = None  # client since: its start date, else its first line's start
    satisfaction: int | None = None  # 0-10; None = not recorded
    tickets_90d: int = 0  # tickets opened in the last 90 days
    sla_judged_90d: int = 0  # tickets resolved in the last 90 days with an SLA verdict
    sla_met_90d: int = 0
    last_qbr_day: dt.date | None = None
    last_qbr_outcome: str | None = None  # positive, neutral, negative
    last_win_day: dt.date | None = None
    last_win: str = ""
    last_ask_day: dt.date | None = None
    last_ask_result: str | None = None  # names_given, declined, no
    revenue_3m_cents: int = 0
    cost_3m_cents: int = 0
    uncosted_3m_cents: int = 0
    declined_12m: int = 0


class TierSpell(NamedTuple):
    """One tier contract line as the ladder KPIs see it: who, which tier (and its rank), from
    ``start`` to ``end`` (inclusive; None = still running). Plain tuples in this order work too."""

    client_id: int
    tier_id: int
    rank: int
    start: dt.date
    end: dt.date | None


class RungLine(NamedTuple):
    """A contract line running on the day of a ladder snapshot: its client, its tier (None for
    add-on and custom lines), its MRR and monthly direct cost (None = unknown)."""

    client_id: int
    tier_id: int | None
    mrr_cents: int
    cost_cents: int | None


@dataclass(frozen=True, slots=True)
class TierInfo:
    """A rung of the ladder as the ladder KPIs name it."""

    tier_id: int
    rank: int
    name: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class TierOption:
    """A tier as one client could buy it: ``mrr_cents`` is what the client would pay on it at its
    seats (priced by the service with the ledger's rules)."""

    tier_id: int
    rank: int
    name: str
    mrr_cents: int
    active: bool = True


@dataclass(frozen=True, slots=True)
class AddOnOption:
    """An add-on as one client could buy it (``mrr_cents`` at its seats) and its growth stage."""

    addon_id: int
    name: str
    stage: str  # run, protect, optimize, scale
    mrr_cents: int
    active: bool = True


@dataclass(frozen=True, slots=True)
class RungFacts:
    """What the next-rung suggestion knows of one client on a day.

    ``current_tier_id`` is the tier of its running tier line (None when on none) and
    ``current_tier_mrr_cents`` that line's MRR; ``tickets_last_3m``/``tickets_prior_3m`` count
    the tickets opened in the last three full months and the three before; ``open_roadmap``
    the titles of its roadmap items proposed, accepted or in progress; ``business_changes``
    what its last QBR recorded.
    """

    client_id: int
    seats: int = 0
    start: dt.date | None = None
    current_tier_id: int | None = None
    current_tier_mrr_cents: int = 0
    owned_addon_ids: frozenset[int] = frozenset()
    tickets_last_3m: int = 0
    tickets_prior_3m: int = 0
    open_roadmap: tuple[str, ...] = ()
    last_qbr_day: dt.date | None = None
    business_changes: str = ""
