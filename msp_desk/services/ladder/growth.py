"""Where accounts grow: one client's next rung (tier and next-stage add-ons, priced as the ledger
would, with the signals behind them) and the ladder's rungs, moves and start cohorts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.collector import collector_paused
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
from msp_desk.store.database import Database
from msp_desk.store.queries.kpis import first_line_start
from msp_desk.store.queries.ladder import growth as queries

if TYPE_CHECKING:
    from sqlalchemy import Connection


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


def _ticket_months(conn: Connection, client_id: int, first: Month, last: Month) -> list[int]:
    """The ``Month.index`` each ticket of the client opened in ``first``..``last`` was opened in."""
    opened = queries.tickets_opened(conn, client_id, first.first_day(), (last + 1).first_day())
    return [Month.of(moment).index for moment in opened]


def next_rung(db: Database, client_id: int, today: dt.date) -> kpi_ladder.NextRung:
    """The next tier up and the next growth stage's add-ons for one client, each priced at the
    client's seats as the ledger would (``units_for``; a tier keeps the running tier line's
    billing period and discount, as ``ledger.change_tier`` does), and the signals behind them.
    Raises NotFound for an unknown client."""
    last = last_full_month(today)
    with db.read() as conn:
        client = queries.client_seats_and_start(conn, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        client_seats, client_start = client
        running = queries.running_lines_of(conn, client_id, today)
        start = client_start or first_line_start(conn, client_id)
        tiers = queries.tier_rows(conn)
        addons = queries.addon_rows(conn)
        tier_price, addon_price = queries.listed_prices(  # not a price scheduled for later
            conn, today, {t[0]: t[4] for t in tiers}, {x[0]: x[4] for x in addons}
        )
        months = _ticket_months(conn, client_id, last - 5, last)
        open_items = queries.open_roadmap_titles(conn, client_id)
        qbr = queries.latest_qbr(conn, client_id, today)
    rank_of: dict[int | None, int] = {tier_id: rank for tier_id, rank, *_ in tiers}
    on_tiers = [x for x in running if x.kind == LineKind.TIER.value and x.tier_id in rank_of]
    current = max(on_tiers, key=lambda x: rank_of[x.tier_id], default=None)
    seats = client_seats or (current.quantity if current else 0)
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
        owned_addon_ids=frozenset(
            x.addon_id for x in running if x.kind == LineKind.ADDON.value and x.addon_id is not None
        ),
        tickets_last_3m=sum(1 for m in months if m > last.index - 3),
        tickets_prior_3m=sum(1 for m in months if m <= last.index - 3),
        open_roadmap=open_items,
        last_qbr_day=qbr[0] if qbr else None,
        business_changes=qbr[1] if qbr else "",
    )
    return kpi_ladder.next_rung(facts, options, addon_options, today)


# -- the ladder page -------------------------------------------------------------------------------


def ladder_overview(db: Database, today: dt.date) -> LadderOverview:
    """Each rung on ``today`` (clients, MRR, margin), upgrades and downgrades in each of the
    last 12 full months, start cohorts moving up within 6 months, and where the clients on each
    rung 12 months before the last full month's end are at its end."""
    with collector_paused(), db.read() as conn:
        tiers = [
            TierInfo(tid, rank, name, bool(active))
            for tid, rank, name, *_rest, active in queries.tier_rows(conn)
        ]
        running = [
            RungLine(cid, tier_id if kind == LineKind.TIER.value else None, int(mrr or 0), cost)
            for cid, kind, tier_id, mrr, cost in queries.lines_running_on(conn, today)
        ]
        spells = [TierSpell._make(row) for row in queries.tier_spell_rows(conn)]
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
