"""What the demo builder reads and writes in bulk: whether the shop is still empty, a client's
open tier line, every ticket in one insert, and the story's dates stamped on the rows written
with the wall clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from msp_desk.domain.clients import Client
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.enums import LineKind
from msp_desk.store.queries.ladder.items import any_tier
from msp_desk.store.tables import CONTRACT_LINE, TICKET, metadata

STAMPED_AT_HISTORY_START = ("tier", "response_target", "addon", "script", "shop_settings")


def shop_is_empty(session: Session) -> bool:
    """Whether the database holds no client and no ladder yet."""
    return session.exec(select(Client.id).limit(1)).first() is None and not any_tier(session)


def open_tier_line(session: Session, client_id: int) -> ContractLine:
    """The client's one tier line without an end (to edit in ``session``)."""
    query = select(ContractLine).where(
        ContractLine.client_id == client_id,
        ContractLine.kind == LineKind.TIER.value,
        col(ContractLine.end_date).is_(None),
    )
    return session.exec(query).one()


def insert_tickets(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each a ticket's columns) in one statement (their derived columns are
    filled when the unit of work ends)."""
    if rows:
        session.execute(sa.insert(TICKET), rows)


def normalize_timestamps(
    session: Session, history_start: dt.datetime, line_stamp: Callable[[dt.date], dt.datetime]
) -> None:
    """Give rows written with the wall clock (ladder, ledger, settings) the story's moments:
    each contract line ``line_stamp`` of its start date, the ladder, scripts and settings
    ``history_start``; ``updated_at`` then follows ``created_at`` everywhere, so two builds are
    identical."""
    line = CONTRACT_LINE
    rows = session.execute(sa.select(line.c.id, line.c.start_date)).all()
    if rows:
        session.execute(
            sa.update(line)
            .where(line.c.id == sa.bindparam("line_id"))
            .values(created_at=sa.bindparam("stamp")),
            [{"line_id": lid, "stamp": line_stamp(start)} for lid, start in rows],
        )
    for name in STAMPED_AT_HISTORY_START:
        session.execute(sa.update(metadata.tables[name]).values(created_at=history_start))
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        if "updated_at" in table.c and "created_at" in table.c:
            session.execute(sa.update(table).values(updated_at=table.c.created_at))
