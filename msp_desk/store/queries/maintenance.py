"""The health check's reads (``msp-desk check``): the schema revision the file records, and the
contract lines that contradict themselves or each other."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.store.queries.common import FAR_FUTURE
from msp_desk.store.tables import CLIENT, CONTRACT_LINE

if TYPE_CHECKING:
    from sqlalchemy import Connection


def schema_revision(conn: Connection) -> str | None:
    """The schema revision Alembic recorded in the file (None when it recorded none)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def lines_ending_before_start(conn: Connection) -> list[tuple[str, dt.date, dt.date]]:
    """(client name, start date, end date) of the contract lines that end before they start."""
    line, client = CONTRACT_LINE.c, CLIENT.c
    query = (
        sa.select(client.name, line.start_date, line.end_date)
        .select_from(CONTRACT_LINE.join(CLIENT, client.id == line.client_id))
        .where(line.end_date.is_not(None), line.end_date < line.start_date)
    )
    return [tuple(row) for row in conn.execute(query)]


def overlapping_lines(conn: Connection) -> list[tuple[str, str]]:
    """(client name, description) of each item a client has two lines of running on the same day
    (same kind, tier or add-on, and description), once per client and item."""
    a, b = CONTRACT_LINE.alias("a"), CONTRACT_LINE.alias("b")
    client = CLIENT.alias("c")
    same_item = sa.and_(
        a.c.client_id == b.c.client_id,
        a.c.id < b.c.id,
        a.c.kind == b.c.kind,
        sa.func.coalesce(a.c.tier_id, -1) == sa.func.coalesce(b.c.tier_id, -1),
        sa.func.coalesce(a.c.addon_id, -1) == sa.func.coalesce(b.c.addon_id, -1),
        a.c.description == b.c.description,
    )
    overlap = sa.and_(
        a.c.start_date <= sa.func.coalesce(b.c.end_date, FAR_FUTURE),
        b.c.start_date <= sa.func.coalesce(a.c.end_date, FAR_FUTURE),
    )
    query = (
        sa.select(client.c.name, a.c.description)
        .distinct()
        .select_from(a.join(b, sa.and_(same_item, overlap)).join(client, client.c.id == a.c.client_id))
    )
    return [tuple(row) for row in conn.execute(query)]
