"""What growth on the ladder reads (Core): one client's seats, running lines, tickets, open
roadmap and last QBR for its next rung; the items and their list prices on a day; and, for the
ladder page's moves, the lines running on a day and every tier line with its tier's rank."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.domain.enums import LineKind, RoadmapStatus
from msp_desk.domain.ladder import listed_on
from msp_desk.store.queries.common import Memo, as_date, raw_rows, running_on
from msp_desk.store.tables import (
    ADDON,
    CLIENT,
    CONTRACT_LINE,
    PRICE_CHANGE,
    QBR_MEETING,
    ROADMAP_ITEM,
    TICKET,
    TIER,
)

OPEN_ROADMAP = (RoadmapStatus.PROPOSED.value, RoadmapStatus.ACCEPTED.value, RoadmapStatus.IN_PROGRESS.value)


class RunningLine(NamedTuple):
    """A client's contract line running on a day, as its next rung is priced from."""

    kind: str
    tier_id: int | None
    addon_id: int | None
    quantity: int
    period: str
    discount_bp: int
    mrr_cents: int | None


# -- the items on a day ----------------------------------------------------------------------------


def tier_rows(conn: Connection) -> list[tuple[int, int, str, str, int, int | None, bool]]:
    """(id, rank, name, price model, newest price cents, hours per block, active) of every tier, by rank."""
    t = TIER.c
    query = sa.select(t.id, t.rank, t.name, t.price_model, t.price_cents, t.hours_per_block, t.active)
    return [tuple(row) for row in conn.execute(query.order_by(t.rank))]


def addon_rows(conn: Connection) -> list[tuple[int, str, str, str, int, bool]]:
    """(id, name, growth stage, price model, newest price cents, active) of every add-on, by id."""
    a = ADDON.c
    query = sa.select(a.id, a.name, a.growth_stage, a.price_model, a.price_cents, a.active).order_by(a.id)
    return [tuple(row) for row in conn.execute(query)]


def listed_prices(
    conn: Connection, day: dt.date, tier_prices: dict[int, int], addon_prices: dict[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """The tiers' and add-ons' list prices on ``day`` (``domain.ladder.listed_on``): the prices
    given are each item's newest; a change scheduled after ``day`` is not quoted yet."""
    by_item: dict[tuple[int | None, int | None], list[Any]] = {}
    for change in conn.execute(sa.select(PRICE_CHANGE)):
        by_item.setdefault((change.tier_id, change.addon_id), []).append(change)

    def on_day(key: tuple[int | None, int | None], price: int) -> int:
        return listed_on(by_item.get(key, []), price, 0, day)[0]

    return (
        {tid: on_day((tid, None), price) for tid, price in tier_prices.items()},
        {aid: on_day((None, aid), price) for aid, price in addon_prices.items()},
    )


# -- one client ------------------------------------------------------------------------------------


def client_seats_and_start(conn: Connection, client_id: int) -> tuple[int | None, dt.date | None] | None:
    """(seats, start date) of the client; None when there is no such client."""
    c = CLIENT.c
    row = conn.execute(sa.select(c.seats, c.start_date).where(c.id == client_id)).first()
    return None if row is None else (row[0], row[1])


def running_lines_of(conn: Connection, client_id: int, day: dt.date) -> list[RunningLine]:
    """The client's contract lines running on ``day``, by id."""
    ln = CONTRACT_LINE.c
    query = (
        sa.select(ln.kind, ln.tier_id, ln.addon_id, ln.quantity, ln.period, ln.discount_bp, ln.mrr_cents)
        .where(ln.client_id == client_id, running_on(day))
        .order_by(ln.id)
    )
    return [RunningLine(*row) for row in conn.execute(query)]


def tickets_opened(conn: Connection, client_id: int, since: dt.date, before: dt.date) -> list[dt.datetime]:
    """When each ticket of the client opened from ``since`` to before ``before`` was opened."""
    t = TICKET.c
    query = sa.select(t.opened_at).where(
        t.client_id == client_id,
        t.opened_at >= dt.datetime.combine(since, dt.time()),
        t.opened_at < dt.datetime.combine(before, dt.time()),
    )
    return list(conn.execute(query).scalars())


def open_roadmap_titles(conn: Connection, client_id: int) -> tuple[str, ...]:
    """Titles of the client's roadmap items proposed, accepted or in progress, oldest first."""
    r = ROADMAP_ITEM.c
    query = (
        sa.select(r.title)
        .where(r.client_id == client_id, r.status.in_(OPEN_ROADMAP))
        .order_by(sa.func.coalesce(r.proposed_on, sa.literal(dt.date.max, sa.Date)), r.id)
    )
    return tuple(conn.execute(query).scalars())


def latest_qbr(conn: Connection, client_id: int, day: dt.date) -> tuple[dt.date, str] | None:
    """(day, business changes) of the client's last QBR on or before ``day``; None without one."""
    q = QBR_MEETING.c
    row = conn.execute(
        sa.select(q.day, q.business_changes)
        .where(q.client_id == client_id, q.day <= day)
        .order_by(q.day.desc(), q.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1] or "")


# -- the ladder's moves ----------------------------------------------------------------------------


def lines_running_on(
    conn: Connection, day: dt.date
) -> list[tuple[int, str, int | None, int | None, int | None]]:
    """(client id, kind, tier id, MRR cents, cost cents) of every contract line running on ``day``."""
    ln = CONTRACT_LINE.c
    query = sa.select(ln.client_id, ln.kind, ln.tier_id, ln.mrr_cents, ln.cost_cents).where(running_on(day))
    return raw_rows(conn, query)  # ints and text only: the driver's values are the Python ones


def tier_spell_rows(conn: Connection) -> list[tuple[int, int, int, dt.date, dt.date | None]]:
    """(client id, tier id, tier rank, start, end) of every tier line, as ``kpi.inputs.TierSpell``
    (raw driver rows, each day parsed once: 76k lines in the large bench shop)."""
    ln, t = CONTRACT_LINE.c, TIER.c
    query = (
        sa.select(ln.client_id, ln.tier_id, t.rank, ln.start_date, ln.end_date)
        .select_from(CONTRACT_LINE.join(TIER, t.id == ln.tier_id))
        .where(ln.kind == LineKind.TIER.value)
    )
    day_of = Memo(as_date)
    return [
        (cid, tid, rank, day_of[start], day_of[end]) for cid, tid, rank, start, end in raw_rows(conn, query)
    ]
