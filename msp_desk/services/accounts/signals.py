"""Account signals (DESIGN §5): referral readiness and review flags of every client.

``account_signals`` reads every client's facts in a handful of grouped queries (never one per
client) and hands them to ``kpi.readiness`` and ``kpi.review_flags``. Thresholds come from the
shop's benchmarks (``domain.benchmarks``). Next rungs and the ladder: ``services.ladder.growth``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.domain.benchmarks import merged_benchmarks
from msp_desk.domain.enums import LineKind, RoadmapStatus
from msp_desk.domain.values import last_full_month
from msp_desk.kpi.inputs import (
    AccountFacts,
)
from msp_desk.kpi.readiness import Readiness, ReadinessRules, readiness_all
from msp_desk.kpi.review_flags import ReviewFlag, ReviewThresholds, review_all
from msp_desk.services.accounts.tables_tmp import ASK as _ASK
from msp_desk.services.accounts.tables_tmp import CLIENT as _CLIENT
from msp_desk.services.accounts.tables_tmp import LINE as _LINE
from msp_desk.services.accounts.tables_tmp import PROJECT as _PROJECT
from msp_desk.services.accounts.tables_tmp import QBR as _QBR
from msp_desk.services.accounts.tables_tmp import ROADMAP as _ROADMAP
from msp_desk.services.accounts.tables_tmp import TICKET as _TICKET
from msp_desk.services.accounts.tables_tmp import running_on as _running_on
from msp_desk.services.kpis.snapshots import collector_paused
from msp_desk.store.database import Database

ONE_DAY = dt.timedelta(days=1)


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
    row = conn.execute(sa.text("SELECT benchmarks_json FROM shop_settings ORDER BY id LIMIT 1")).first()
    return merged_benchmarks(row[0] if row and row[0] else "")


# -- reading every client's facts ------------------------------------------------------------------


def _days_ending(day: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    """The ``days`` days ending on ``day`` (inclusive) as a half-open span of datetimes."""
    first = day - dt.timedelta(days=days - 1)
    return dt.datetime(first.year, first.month, first.day), dt.datetime.combine(day + ONE_DAY, dt.time())


def _line_sums(conn: Connection, day: dt.date) -> dict[int, tuple[int, int, int, int]]:
    """Per client: MRR on ``day`` and, over the last three full month ends, the MRR of its
    costed lines, their cost, and the MRR of its lines without a known cost. Only the lines
    running on the first of those months or later are read."""
    c = _LINE.c
    last = last_full_month(day)
    lo, hi = (last - 2).index, last.index
    first = sa.case((c.first_month > lo, c.first_month), else_=lo)
    end = sa.case((c.last_month.is_(None), hi), (c.last_month < hi, c.last_month), else_=hi)
    months = sa.case((end >= first, end - first + 1), else_=0)
    mrr = sa.func.coalesce(c.mrr_cents, 0)
    zero = sa.literal(0, sa.BigInteger)
    query = (
        sa.select(
            c.client_id,
            sa.func.sum(sa.case((_running_on(day), mrr), else_=zero)),
            sa.func.sum(sa.case((c.cost_cents.is_not(None), mrr * months), else_=zero)),
            sa.func.sum(sa.func.coalesce(c.cost_cents, 0) * months),
            sa.func.sum(sa.case((c.cost_cents.is_(None), mrr * months), else_=zero)),
        )
        .where(sa.or_(c.end_date.is_(None), c.end_date >= (last - 2).first_day()))
        .group_by(c.client_id)
    )
    return {
        cid: (int(now or 0), int(rev or 0), int(cost or 0), int(unc or 0))
        for cid, now, rev, cost, unc in conn.execute(query)
    }


def _first_starts(conn: Connection) -> dict[int, dt.date]:
    """The first line start of each client that has no start date recorded."""
    c, k = _LINE.c, _CLIENT.c
    query = (
        sa.select(c.client_id, sa.func.min(c.start_date))
        .select_from(_LINE.join(_CLIENT, k.id == c.client_id))
        .where(k.start_date.is_(None))
        .group_by(c.client_id)
    )
    return dict(conn.execute(query).all())


def _ticket_counts(conn: Connection, day: dt.date) -> dict[int, tuple[int, int, int]]:
    """Per client: tickets opened in the last 90 days, and of those resolved in them the ones
    with an SLA verdict and the ones that met it (one pass over both date indexes)."""
    t = _TICKET.c
    lo, hi = _days_ending(day, 90)
    opened = sa.and_(t.opened_at >= lo, t.opened_at < hi)
    resolved = sa.and_(t.resolved_at >= lo, t.resolved_at < hi)
    one, zero = sa.literal(1), sa.literal(0)
    judged = sa.and_(resolved, t.sla_verdict.is_not(None))
    query = (
        sa.select(
            t.client_id,
            sa.func.sum(sa.case((opened, one), else_=zero)),
            sa.func.sum(sa.case((judged, one), else_=zero)),
            sa.func.sum(sa.case((sa.and_(judged, t.sla_verdict == sa.true()), one), else_=zero)),
        )
        .where(sa.or_(opened, resolved))
        .group_by(t.client_id)
    )
    return {cid: (int(n), int(j), int(m)) for cid, n, j, m in conn.execute(query)}


def _latest(conn: Connection, table: sa.TableClause, day: dt.date, *columns: str) -> dict[int, tuple]:
    """Per client, ``columns`` of its latest row (by ``day``, then id) dated on or before ``day``."""
    c = table.c
    latest = (
        sa.select(c.client_id, sa.func.max(c.day).label("last"))
        .where(c.client_id.is_not(None), c.day <= day)
        .group_by(c.client_id)
        .subquery()
    )
    query = (
        sa.select(c.client_id, c.id, c.day, *(c[n] for n in columns))
        .join(latest, sa.and_(latest.c.client_id == c.client_id, latest.c.last == c.day))
        .order_by(c.id)
    )
    return {cid: (row_day, *rest) for cid, _id, row_day, *rest in conn.execute(query)}


def _declined(conn: Connection, day: dt.date) -> dict[int, int]:
    """Per client: roadmap items declined among those proposed in the last 365 days (an item
    without a proposal date is dated by its QBR; one with neither is not counted)."""
    r, q = _ROADMAP.c, _QBR.c
    proposed = sa.func.coalesce(r.proposed_on, q.day)
    query = (
        sa.select(r.client_id, sa.func.count())
        .select_from(_ROADMAP.outerjoin(_QBR, q.id == r.qbr_id))
        .where(
            r.status == RoadmapStatus.DECLINED.value,
            proposed > day - dt.timedelta(days=365),
            proposed <= day,
        )
        .group_by(r.client_id)
    )
    return dict(conn.execute(query).all())


def _wins(conn: Connection, day: dt.date, first_start: Mapping[int, Any]) -> dict[int, tuple[dt.date, str]]:
    """Per client, its latest win of the last 30 days: a roadmap item done, a one-off project,
    or an add-on started (a new add-on line, not one of its first start)."""
    lo = day - dt.timedelta(days=29)
    r, p, c = _ROADMAP.c, _PROJECT.c, _LINE.c
    found: list[tuple[int, Any, str]] = []
    done = sa.select(r.client_id, r.done_on, r.title).where(
        r.status == RoadmapStatus.DONE.value, r.done_on >= lo, r.done_on <= day
    )
    found += [(cid, d, f"Roadmap item done: {title}") for cid, d, title in conn.execute(done)]
    projects = sa.select(p.client_id, p.day, p.description).where(
        p.client_id.is_not(None), p.day >= lo, p.day <= day
    )
    found += [
        (cid, d, f"Project delivered: {text}" if text else "Project delivered")
        for cid, d, text in conn.execute(projects)
    ]
    addons = sa.select(c.client_id, c.start_date, c.description).where(
        c.kind == LineKind.ADDON.value, c.replaces_line_id.is_(None), c.start_date >= lo, c.start_date <= day
    )
    found += [
        (cid, d, f"Add-on started: {name}")
        for cid, d, name in conn.execute(addons)
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
    k = _CLIENT.c
    clients = conn.execute(sa.select(k.id, k.status, k.seats, k.start_date, k.satisfaction)).all()
    first_starts = _first_starts(conn)
    starts = {cid: start or first_starts.get(cid) for cid, _s, _n, start, _sat in clients}
    lines = _line_sums(conn, day)
    tickets = _ticket_counts(conn, day)
    qbrs = _latest(conn, _QBR, day, "outcome")
    asks = _latest(conn, _ASK, day, "result")
    declined = _declined(conn, day)
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
