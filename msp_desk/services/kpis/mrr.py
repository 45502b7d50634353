"""MRR from the ledger: a client on a date, a client's and the shop's monthly series."""

from __future__ import annotations

import datetime as dt

from msp_desk.domain.values import Month
from msp_desk.kpi import mrr as kpi_mrr
from msp_desk.services.kpis.facts import load_lines
from msp_desk.store.database import Database


def client_mrr_on(db: Database, client_id: int, day: dt.date) -> int:
    """Sum of the client's lines running on ``day``, in cents a month."""
    with db.read() as conn:
        lines = load_lines(conn, client_id)
    return sum(f.mrr_cents for f in lines if f.start <= day and (f.end is None or day <= f.end))


def client_mrr_series(db: Database, client_id: int, first: Month, last: Month) -> list[int]:
    """The client's MRR at each month end from ``first`` to ``last``."""
    with db.read() as conn:
        lines = load_lines(conn, client_id)
    series = kpi_mrr.client_mrr_series(lines, first, last)
    return series.get(client_id, [0] * (last.index - first.index + 1))


def shop_mrr_series(db: Database, first: Month, last: Month) -> list[int]:
    """The shop's MRR at each month end from ``first`` to ``last``."""
    with db.read() as conn:
        lines = load_lines(conn)
    series = kpi_mrr.shop_mrr_series(kpi_mrr.client_mrr_series(lines, first, last))
    return series or [0] * (last.index - first.index + 1)  # no line active in the range
