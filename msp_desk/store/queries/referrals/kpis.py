"""The referral KPIs' read: when each referral came in, was decided and where it stands."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.store.tables import REFERRAL

if TYPE_CHECKING:
    from sqlalchemy import Connection


def referral_stage_days(conn: Connection) -> list[tuple[dt.date, str, dt.date | None, dt.date | None]]:
    """(received on, stage, won on, stage changed on) of every referral."""
    r = REFERRAL.c
    query = sa.select(r.received_on, r.stage, r.won_on, r.stage_changed_on)
    return [(received, stage, won, changed) for received, stage, won, changed in conn.execute(query)]
