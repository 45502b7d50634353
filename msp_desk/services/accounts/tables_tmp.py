"""Light Core descriptions of the tables the account signals and the ladder reads use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from msp_desk.domain.enums import RoadmapStatus


def table_of(table: str, /, **columns: Any) -> sa.TableClause:
    """A light Core description of the columns of ``table`` these reads use."""
    return sa.table(table, *(sa.column(column, kind) for column, kind in columns.items()))


_I, _B, _S, _D, _T = sa.Integer, sa.BigInteger, sa.String, sa.Date, sa.DateTime
CLIENT = table_of("client", id=_I, status=_S, seats=_I, start_date=_D, satisfaction=_I)
LINE = table_of(
    "contract_line",
    **dict.fromkeys(("id", "client_id", "tier_id", "addon_id", "replaces_line_id", "discount_bp"), _I),
    **dict.fromkeys(("first_month", "last_month"), _I),
    **dict.fromkeys(("quantity", "mrr_cents", "cost_cents"), _B),
    **dict.fromkeys(("kind", "description", "period"), _S),
    start_date=_D,
    end_date=_D,
)
TICKET = table_of("ticket", client_id=_I, opened_at=_T, resolved_at=_T, sla_verdict=sa.Boolean)
QBR = table_of("qbr_meeting", id=_I, client_id=_I, day=_D, outcome=_S, business_changes=_S)
ROADMAP = table_of(
    "roadmap_item", id=_I, client_id=_I, qbr_id=_I, title=_S, status=_S, proposed_on=_D, done_on=_D
)
ASK = table_of("referral_ask", id=_I, client_id=_I, day=_D, result=_S)
PROJECT = table_of("project_revenue", client_id=_I, day=_D, description=_S)
TIER = table_of(
    "tier", id=_I, rank=_I, name=_S, price_model=_S, price_cents=_I, hours_per_block=_I, active=sa.Boolean
)
ADDON = table_of("addon", id=_I, name=_S, growth_stage=_S, price_model=_S, price_cents=_I, active=sa.Boolean)
OPEN_ROADMAP = (RoadmapStatus.PROPOSED.value, RoadmapStatus.ACCEPTED.value, RoadmapStatus.IN_PROGRESS.value)


def running_on(day: dt.date) -> sa.ColumnElement[bool]:
    c = LINE.c
    return sa.and_(c.start_date <= day, sa.or_(c.end_date.is_(None), c.end_date >= day))


def listed_prices(
    conn: Any, day: dt.date, tier_prices: dict[int, int], addon_prices: dict[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """The tiers' and add-ons' list prices on ``day`` (``domain.ladder.listed_on``): the prices
    given are each item's newest; a change scheduled after ``day`` is not quoted yet."""
    from msp_desk.domain.ladder import PriceChange, listed_on

    changes = conn.execute(sa.select(PriceChange.__table__)).all()  # type: ignore[attr-defined]
    by_item: dict[tuple[int | None, int | None], list[Any]] = {}
    for change in changes:
        by_item.setdefault((change.tier_id, change.addon_id), []).append(change)

    def on_day(key: tuple[int | None, int | None], price: int) -> int:
        return listed_on(by_item.get(key, []), price, 0, day)[0]  # type: ignore[arg-type]

    return (
        {tid: on_day((tid, None), price) for tid, price in tier_prices.items()},
        {aid: on_day((None, aid), price) for aid, price in addon_prices.items()},
    )
