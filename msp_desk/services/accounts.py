"""Account signals (DESIGN §5): referral readiness and review flags of every client, next rungs, the ladder.

``account_signals`` reads every client's facts in a handful of grouped queries (never one per
client) and hands them to ``kpi.readiness`` and ``kpi.review_flags``; ``next_rung`` prices the
next tier and add-ons for one client with the ledger's rules; ``ladder_overview`` feeds the
ladder page. Thresholds come from the shop's benchmarks (``domain.benchmarks``).
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
from msp_desk.domain.values import Month, last_full_month
from msp_desk.errors import NotFound
from msp_desk.kpi import ladder as kpi_ladder
from msp_desk.kpi.inputs import (
    AccountFacts,
    AddOnOption,
    RungFacts,
    RungLine,
    TierInfo,
    TierOption,
    TierSpell,
)
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.kpi.readiness import Readiness, ReadinessRules, readiness_all
from msp_desk.kpi.review_flags import ReviewFlag, ReviewThresholds, review_all
from msp_desk.services.facts import as_date
from msp_desk.services.kpis import collector_paused
from msp_desk.services.ledger import units_for
from msp_desk.store.database import Database

ONE_DAY = dt.timedelta(days=1)


def _table(table: str, /, **columns: Any) -> sa.TableClause:
    """A light Core description of the columns of ``table`` these reads use."""
    return sa.table(table, *(sa.column(column, kind) for column, kind in columns.items()))


_I, _B, _S, _D, _T = sa.Integer, sa.BigInteger, sa.String, sa.Date, sa.DateTime
_CLIENT = _table("client", id=_I, status=_S, seats=_I, start_date=_D, satisfaction=_I)
_LINE = _table(
    "contract_line",
    **dict.fromkeys(("id", "client_id", "tier_id", "addon_id", "replaces_line_id", "discount_bp"), _I),
    **dict.fromkeys(("first_month", "last_month"), _I),
    **dict.fromkeys(("quantity", "mrr_cents", "cost_cents"), _B),
    **dict.fromkeys(("kind", "description", "period"), _S),
    start_date=_D,
    end_date=_D,
)
_TICKET = _table("ticket", client_id=_I, opened_at=_T, resolved_at=_T, sla_verdict=sa.Boolean)
_QBR = _table("qbr_meeting", id=_I, client_id=_I, day=_D, outcome=_S, business_changes=_S)
_ROADMAP = _table(
    "roadmap_item", id=_I, client_id=_I, qbr_id=_I, title=_S, status=_S, proposed_on=_D, done_on=_D
)
_ASK = _table("referral_ask", id=_I, client_id=_I, day=_D, result=_S)
_PROJECT = _table("project_revenue", client_id=_I, day=_D, description=_S)
_TIER = _table(
    "tier", id=_I, rank=_I, name=_S, price_model=_S, price_cents=_I, hours_per_block=_I, active=sa.Boolean
)
_ADDON = _table("addon", id=_I, name=_S, growth_stage=_S, price_model=_S, price_cents=_I, active=sa.Boolean)
_OPEN_ROADMAP = (RoadmapStatus.PROPOSED.value, RoadmapStatus.ACCEPTED.value, RoadmapStatus.IN_PROGRESS.value)


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


@dataclass(frozen=True, slots=True)
class LadderOverview:
    """The ladder page: each rung on ``day``, moves per month over the last 12 full months,
    start cohorts moving up within 6 months, and the 12-month transition matrix."""

    day: dt.date
    rungs: tuple[kpi_ladder.RungStats, ...]
    months: tuple[kpi_ladder.MonthMoves, ...]
    cohorts: tuple[kpi_ladder.CohortShare, ...]
    matrix: kpi_ladder.TransitionMatrix


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


def _running_on(day: dt.date) -> sa.ColumnElement[bool]:
    c = _LINE.c
    return sa.and_(c.start_date <= day, sa.or_(c.end_date.is_(None), c.end_date >= day))


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


# -- one client's next rung ------------------------------------------------------------------------


def _tier_options(conn: Connection) -> list[tuple[Any, ...]]:
    t = _TIER.c
    query = sa.select(t.id, t.rank, t.name, t.price_model, t.price_cents, t.hours_per_block, t.active)
    return list(conn.execute(query.order_by(t.rank)))


def _ticket_months(conn: Connection, client_id: int, first: Month, last: Month) -> list[int]:
    """The ``Month.index`` each ticket of the client opened in ``first``..``last`` was opened in."""
    t = _TICKET.c
    query = sa.select(t.opened_at).where(
        t.client_id == client_id,
        t.opened_at >= dt.datetime.combine(first.first_day(), dt.time()),
        t.opened_at < dt.datetime.combine((last + 1).first_day(), dt.time()),
    )
    return [Month.of(opened).index for opened in conn.execute(query).scalars()]


def _open_roadmap(conn: Connection, client_id: int) -> tuple[str, ...]:
    """Titles of the client's roadmap items proposed, accepted or in progress, oldest first."""
    r = _ROADMAP.c
    query = (
        sa.select(r.title)
        .where(r.client_id == client_id, r.status.in_(_OPEN_ROADMAP))
        .order_by(sa.func.coalesce(r.proposed_on, sa.literal(dt.date.max, sa.Date)), r.id)
    )
    return tuple(conn.execute(query).scalars())


def _latest_qbr(conn: Connection, client_id: int, day: dt.date) -> tuple[dt.date, str] | None:
    q = _QBR.c
    row = conn.execute(
        sa.select(q.day, q.business_changes)
        .where(q.client_id == client_id, q.day <= day)
        .order_by(q.day.desc(), q.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1] or "")


def next_rung(db: Database, client_id: int, today: dt.date) -> kpi_ladder.NextRung:
    """The next tier up and the next growth stage's add-ons for one client, each priced at the
    client's seats as the ledger would (``units_for``; a tier keeps the running tier line's
    billing period and discount, as ``ledger.change_tier`` does), and the signals behind them.
    Raises NotFound for an unknown client."""
    c, ln, a = _CLIENT.c, _LINE.c, _ADDON.c
    last = last_full_month(today)
    with db.read() as conn:
        client = conn.execute(sa.select(c.seats, c.start_date).where(c.id == client_id)).first()
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        running = conn.execute(
            sa.select(ln.kind, ln.tier_id, ln.addon_id, ln.quantity, ln.period, ln.discount_bp, ln.mrr_cents)
            .where(ln.client_id == client_id, _running_on(today))
            .order_by(ln.id)
        ).all()
        first_start = conn.execute(sa.select(sa.func.min(ln.start_date)).where(ln.client_id == client_id))
        start = client.start_date or as_date(first_start.scalar())
        tiers = _tier_options(conn)
        addons = conn.execute(
            sa.select(a.id, a.name, a.growth_stage, a.price_model, a.price_cents, a.active).order_by(a.id)
        ).all()
        months = _ticket_months(conn, client_id, last - 5, last)
        open_items = _open_roadmap(conn, client_id)
        qbr = _latest_qbr(conn, client_id, today)
    rank_of = {tier_id: rank for tier_id, rank, *_ in tiers}
    on_tiers = [x for x in running if x.kind == LineKind.TIER.value and x.tier_id in rank_of]
    current = max(on_tiers, key=lambda x: rank_of[x.tier_id], default=None)
    seats = client.seats or (current.quantity if current else 0)
    period, discount = (current.period, current.discount_bp) if current else ("monthly", 0)
    current_mrr = sum(int(x.mrr_cents or 0) for x in on_tiers if current and x.tier_id == current.tier_id)

    def tier_mrr(tier_id: int, model: str, price: int, block: int | None) -> int:
        if current is not None and tier_id == current.tier_id:
            return current_mrr  # what it pays now, not the list price
        return line_mrr_cents(max(1, units_for(model, seats, block)), price, period, discount)

    options = [
        TierOption(tid, rank, name, tier_mrr(tid, model, price, block), bool(active))
        for tid, rank, name, model, price, block, active in tiers
    ]
    addon_options = [
        AddOnOption(
            aid, name, stage, line_mrr_cents(max(1, units_for(model, seats)), price, "monthly"), bool(on)
        )
        for aid, name, stage, model, price, on in addons
    ]
    facts = RungFacts(
        client_id=client_id,
        seats=seats,
        start=start,
        current_tier_id=current.tier_id if current else None,
        current_tier_mrr_cents=current_mrr,
        owned_addon_ids=frozenset(x.addon_id for x in running if x.kind == LineKind.ADDON.value),
        tickets_last_3m=sum(1 for m in months if m > last.index - 3),
        tickets_prior_3m=sum(1 for m in months if m <= last.index - 3),
        open_roadmap=open_items,
        last_qbr_day=qbr[0] if qbr else None,
        business_changes=qbr[1] if qbr else "",
    )
    return kpi_ladder.next_rung(facts, options, addon_options, today)


# -- the ladder page -------------------------------------------------------------------------------


def _tier_spells(conn: Connection) -> list[TierSpell]:
    """Every tier line with its tier's rank (raw driver rows: 76k in the large bench shop)."""
    ln, t = _LINE.c, _TIER.c
    result = conn.execute(
        sa.select(ln.client_id, ln.tier_id, t.rank, ln.start_date, ln.end_date)
        .select_from(_LINE.join(_TIER, t.id == ln.tier_id))
        .where(ln.kind == LineKind.TIER.value)
    )
    try:
        rows = result.cursor.fetchall()  # type: ignore[union-attr]
    finally:
        result.close()
    day_of: dict[Any, Any] = {None: None}
    for *_ids, start, end in rows:
        for value in (start, end):
            if value not in day_of:
                day_of[value] = as_date(value)
    return [TierSpell(cid, tid, rank, day_of[start], day_of[end]) for cid, tid, rank, start, end in rows]


def ladder_overview(db: Database, today: dt.date) -> LadderOverview:
    """Each rung on ``today`` (clients, MRR, margin), upgrades and downgrades in each of the
    last 12 full months, start cohorts moving up within 6 months, and where the clients on each
    rung 12 months before the last full month's end are at its end."""
    ln = _LINE.c
    running_lines = sa.select(ln.client_id, ln.kind, ln.tier_id, ln.mrr_cents, ln.cost_cents).where(
        _running_on(today)
    )
    with collector_paused(), db.read() as conn:
        tiers = [
            TierInfo(tid, rank, name, bool(active)) for tid, rank, name, *_rest, active in _tier_options(conn)
        ]
        running = [
            RungLine(cid, tier_id if kind == LineKind.TIER.value else None, int(mrr or 0), cost)
            for cid, kind, tier_id, mrr, cost in conn.execute(running_lines)
        ]
        spells = _tier_spells(conn)
        last = last_full_month(today)
        moves = kpi_ladder.tier_moves(spells)
        return LadderOverview(
            day=today,
            rungs=kpi_ladder.rung_stats(running, tiers),
            months=kpi_ladder.moves_by_month(moves, last - 11, last),
            cohorts=kpi_ladder.cohort_upgrades(spells, today, moves=moves),
            matrix=kpi_ladder.transition_matrix(
                spells, (last - 12).last_day(), last.last_day(), [x.rank for x in tiers]
            ),
        )
