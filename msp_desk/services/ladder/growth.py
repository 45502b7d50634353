"""Where accounts grow: one client's next rung (tier and next-stage add-ons, priced as the ledger
would, with the signals behind them) and the ladder's rungs, moves and start cohorts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.domain.enums import LineKind
from msp_desk.domain.values import Month, last_full_month
from msp_desk.errors import NotFound
from msp_desk.kpi import ladder as kpi_ladder
from msp_desk.kpi.inputs import (
    AddOnOption,
    RungFacts,
    RungLine,
    TierInfo,
    TierOption,
    TierSpell,
)
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.services.accounts.ledger import units_for
from msp_desk.services.accounts.tables_tmp import ADDON as _ADDON
from msp_desk.services.accounts.tables_tmp import CLIENT as _CLIENT
from msp_desk.services.accounts.tables_tmp import LINE as _LINE
from msp_desk.services.accounts.tables_tmp import OPEN_ROADMAP as _OPEN_ROADMAP
from msp_desk.services.accounts.tables_tmp import QBR as _QBR
from msp_desk.services.accounts.tables_tmp import ROADMAP as _ROADMAP
from msp_desk.services.accounts.tables_tmp import TICKET as _TICKET
from msp_desk.services.accounts.tables_tmp import TIER as _TIER
from msp_desk.services.accounts.tables_tmp import listed_prices
from msp_desk.services.accounts.tables_tmp import running_on as _running_on
from msp_desk.services.kpis.snapshots import collector_paused
from msp_desk.store.database import Database
from msp_desk.store.queries.common import as_date


@dataclass(frozen=True, slots=True)
class LadderOverview:
    """The ladder page: each rung on ``day``, moves per month over the last 12 full months,
    start cohorts moving up within 6 months, and the 12-month transition matrix."""

    day: dt.date
    rungs: tuple[kpi_ladder.RungStats, ...]
    months: tuple[kpi_ladder.MonthMoves, ...]
    cohorts: tuple[kpi_ladder.CohortShare, ...]
    matrix: kpi_ladder.TransitionMatrix


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
        tier_price, addon_price = listed_prices(  # not a price scheduled for later
            conn, today, {t[0]: t[4] for t in tiers}, {x.id: x.price_cents for x in addons}
        )
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
        TierOption(tid, rank, name, tier_mrr(tid, model, tier_price[tid], block), bool(active))
        for tid, rank, name, model, _newest, block, active in tiers
    ]
    addon_options = [
        AddOnOption(
            aid,
            name,
            stage,
            line_mrr_cents(max(1, units_for(model, seats)), addon_price[aid], "monthly"),
            bool(on),
        )
        for aid, name, stage, model, _newest, on in addons
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
