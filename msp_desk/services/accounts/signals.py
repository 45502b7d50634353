"""Account signals (DESIGN §5): referral readiness and review flags of every client.

``account_signals`` reads every client's facts in a handful of grouped queries (never one per
client) and hands them to ``kpi.readiness`` and ``kpi.review_flags``. Thresholds come from the
shop's benchmarks (``domain.benchmarks``). Next rungs and the ladder: ``services.ladder.growth``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msp_desk.collector import collector_paused
from msp_desk.domain.benchmarks import merged_benchmarks
from msp_desk.kpi.inputs import AccountFacts
from msp_desk.kpi.readiness import Readiness, ReadinessRules, readiness_all
from msp_desk.kpi.review_flags import ReviewFlag, ReviewThresholds, review_all
from msp_desk.store.database import Database
from msp_desk.store.queries import account_facts as fact_queries
from msp_desk.store.queries.shop import settings_value

if TYPE_CHECKING:
    from sqlalchemy import Connection

TICKET_DAYS = 90  # the tickets and SLA verdicts counted: the last 90 days
DECLINED_DAYS = 365  # the roadmap items declined counted: proposed in the last 365 days
WIN_DAYS = 30  # a win counts for 30 days


@dataclass(frozen=True, slots=True)
class AccountSignals:
    """One client's referral readiness and review flags on a day."""

    client_id: int
    mrr_cents: int
    readiness: Readiness
    flags: tuple[ReviewFlag, ...]

    @property
    def score(self) -> int:
        return self.readiness.score

    @property
    def ask_now(self) -> bool:
        return self.readiness.ask_now


# -- thresholds ------------------------------------------------------------------------------------


def _number(value: Any, default: float, kind: type = float) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        return default


def signal_thresholds(benchmarks: Mapping[str, Any]) -> tuple[ReadinessRules, ReviewThresholds]:
    """The score's and the flags' thresholds from the shop's benchmarks (a bad value falls
    back to the default)."""
    r, t = ReadinessRules(), ReviewThresholds()
    margin = benchmarks.get("gross_margin")
    margin_low = margin[0] if isinstance(margin, list | tuple) and margin else t.margin_min
    rules = ReadinessRules(
        satisfaction_min=_number(benchmarks.get("readiness_satisfaction_min"), r.satisfaction_min, int),
        sla_min=_number(benchmarks.get("sla_compliance_min"), r.sla_min),
        ask_min=_number(benchmarks.get("readiness_ask_min"), r.ask_min, int),
    )
    review = ReviewThresholds(
        margin_min=_number(margin_low, t.margin_min),
        tickets_ratio=_number(benchmarks.get("review_tickets_per_seat_ratio"), t.tickets_ratio),
        declined_min=_number(benchmarks.get("review_declined_roadmap_min"), t.declined_min, int),
        satisfaction_max=_number(benchmarks.get("review_satisfaction_max"), t.satisfaction_max, int),
    )
    return rules, review


def _benchmarks(conn: Connection) -> dict[str, Any]:
    return merged_benchmarks(settings_value(conn, "benchmarks_json") or "")


# -- reading every client's facts ------------------------------------------------------------------


def _wins(conn: Connection, day: dt.date, first_start: Mapping[int, Any]) -> dict[int, tuple[dt.date, str]]:
    """Per client, its latest win of the last 30 days: a roadmap item done, a one-off project,
    or an add-on started (a new add-on line, not one of its first start)."""
    lo = day - dt.timedelta(days=WIN_DAYS - 1)
    found: list[tuple[int, Any, str]] = []
    found += [
        (cid, d, f"Roadmap item done: {title}") for cid, d, title in fact_queries.roadmap_done(conn, lo, day)
    ]
    found += [
        (cid, d, f"Project delivered: {text}" if text else "Project delivered")
        for cid, d, text in fact_queries.projects_delivered(conn, lo, day)
    ]
    found += [
        (cid, d, f"Add-on started: {name}")
        for cid, d, name in fact_queries.addons_started(conn, lo, day)
        if first_start.get(cid) is None or d > first_start[cid]
    ]
    wins: dict[int, tuple[dt.date, str]] = {}
    for cid, d, what in found:
        if cid not in wins or d > wins[cid][0]:
            wins[cid] = (d, what)
    return wins


def account_facts(conn: Connection, day: dt.date) -> list[AccountFacts]:
    """Every client's ``AccountFacts`` on ``day``: ten queries (most of them grouped by client),
    whatever the number of clients."""
    clients = fact_queries.client_rows(conn)
    first_starts = fact_queries.first_starts(conn)
    starts = {cid: start or first_starts.get(cid) for cid, _s, _n, start, _sat in clients}
    lines = fact_queries.line_sums(conn, day)
    tickets = fact_queries.ticket_counts(conn, day, TICKET_DAYS)
    qbrs = fact_queries.latest_qbrs(conn, day)
    asks = fact_queries.latest_asks(conn, day)
    declined = fact_queries.declined_counts(conn, day - dt.timedelta(days=DECLINED_DAYS), day)
    wins = _wins(conn, day, starts)
    facts = []
    for cid, status, seats, _start, satisfaction in clients:
        mrr, revenue, cost, uncosted = lines.get(cid, (0, 0, 0, 0))
        opened, judged, met = tickets.get(cid, (0, 0, 0))
        qbr_day, outcome = qbrs.get(cid, (None, None))
        ask_day, result = asks.get(cid, (None, None))
        win_day, win = wins.get(cid, (None, ""))
        facts.append(
            AccountFacts(
                client_id=cid,
                status=status,
                mrr_cents=mrr,
                seats=seats or 0,
                start=starts[cid],
                satisfaction=satisfaction,
                tickets_90d=opened,
                sla_judged_90d=judged,
                sla_met_90d=met,
                last_qbr_day=qbr_day,
                last_qbr_outcome=outcome,
                last_win_day=win_day,
                last_win=win,
                last_ask_day=ask_day,
                last_ask_result=result,
                revenue_3m_cents=revenue,
                cost_3m_cents=cost,
                uncosted_3m_cents=uncosted,
                declined_12m=declined.get(cid, 0),
            )
        )
    return facts


def account_signals(db: Database, today: dt.date) -> dict[int, AccountSignals]:
    """Every client's referral readiness and review flags on ``today``, by client id."""
    with collector_paused():  # a hundred thousand small objects, none of them cyclic
        with db.read() as conn:
            facts = account_facts(conn, today)
            rules, review = signal_thresholds(_benchmarks(conn))
        scores = readiness_all(facts, today, rules)
        flags = review_all(facts, review)
        return {
            a.client_id: AccountSignals(a.client_id, a.mrr_cents, scores[a.client_id], flags[a.client_id])
            for a in facts
        }


def ask_now_list(signals: Iterable[AccountSignals]) -> list[AccountSignals]:
    """The clients to ask for a referral now, best score first."""
    return sorted((s for s in signals if s.ask_now), key=lambda s: (-s.score, s.client_id))


def review_list(signals: Iterable[AccountSignals]) -> list[AccountSignals]:
    """The flagged accounts, most flags first, then the largest MRR."""
    return sorted((s for s in signals if s.flags), key=lambda s: (-len(s.flags), -s.mrr_cents, s.client_id))
