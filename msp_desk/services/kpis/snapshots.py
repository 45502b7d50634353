"""KPI snapshots of a month (or a range of months) from the database.

Imports stay light (no SQLAlchemy until a figure is computed): the app opens on stored figures.
"""

from __future__ import annotations

import datetime as dt

import msp_desk
from msp_desk.collector import collector_paused
from msp_desk.domain.values import Month, last_full_month
from msp_desk.kpi.snapshot import KpiSnapshot, kpi_snapshots
from msp_desk.store import cache
from msp_desk.store.database import Database

# Stored figures made by another version of the code are recomputed: bump the suffix whenever
# what the KPIs or the dashboard series compute changes.
CACHE_VERSION = f"{msp_desk.__version__}:kpi-2"


def default_month(today: dt.date | None = None) -> Month:
    """Reports default to the last full month."""
    return last_full_month(today or dt.date.today())


def kpis_for_month(db: Database, month: Month) -> KpiSnapshot:
    return kpis_for_range(db, month, month)[0]


def kpis_for_range(db: Database, first: Month, last: Month) -> list[KpiSnapshot]:
    """One snapshot per month from ``first`` to ``last`` (facts read once)."""
    from msp_desk.services.kpis.facts import load_shop_facts

    with collector_paused():
        return kpi_snapshots(load_shop_facts(db, first, last), first, last)


def kpis_key(month: Month) -> str:
    """The derived-cache key of a month's stored snapshot."""
    return f"kpis:{month}"


def stored(db: Database, keys: list[str]) -> cache.Stored:
    """The derived-cache entries of ``keys`` this version of the code made from the current
    data (absent or stale ones left out), and the data revision they were read at; read
    without SQLAlchemy."""
    return cache.stored(db, keys, CACHE_VERSION)


def store(db: Database, key: str, value: object, revision: int) -> None:
    """Keep ``value`` (JSON-able, computed from data ``revision``) under ``key``: stored only
    if no write landed since, and served only until the next one."""
    cache.keep(db, key, CACHE_VERSION, value, revision)


def kpis_for_month_stored(db: Database, month: Month) -> KpiSnapshot:
    """``kpis_for_month``, kept in the derived cache so the app opens on it at once.

    A stored snapshot is served only while the data revision it was computed from is current
    (``store.cache``), so this is always what ``kpis_for_month`` would return; a new version of
    the code recomputes it.
    """
    key = kpis_key(month)
    found = stored(db, [key])
    cached = snapshot_from_cache(found.entries.get(key))
    if cached is not None:
        return cached
    snapshot = kpis_for_month(db, month)
    store(db, key, snapshot.to_json_dict(), found.revision)
    return snapshot


def snapshot_from_cache(entry: object) -> KpiSnapshot | None:
    """The snapshot a derived-cache entry holds; None when it holds none (absent, or corrupt:
    then it is computed afresh)."""
    if not isinstance(entry, dict):
        return None
    try:
        return KpiSnapshot.from_json_dict(entry)
    except (KeyError, ValueError):  # a field missing, a month not one
        return None
