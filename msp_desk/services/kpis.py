"""KPI snapshots of a month (or a range of months) from the database."""

from __future__ import annotations

import datetime as dt

from msp_desk.domain.values import Month, last_full_month
from msp_desk.kpi.snapshot import KpiSnapshot, kpi_snapshots
from msp_desk.services.facts import load_shop_facts
from msp_desk.store.database import Database


def default_month(today: dt.date | None = None) -> Month:
    """Reports default to the last full month."""
    return last_full_month(today or dt.date.today())


def kpis_for_month(db: Database, month: Month) -> KpiSnapshot:
    return kpis_for_range(db, month, month)[0]


def kpis_for_range(db: Database, first: Month, last: Month) -> list[KpiSnapshot]:
    """One snapshot per month from ``first`` to ``last`` (facts read once)."""
    return kpi_snapshots(load_shop_facts(db, first, last), first, last)
