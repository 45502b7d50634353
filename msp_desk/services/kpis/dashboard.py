"""What the dashboard shows: the month's KPI snapshot and the shop's MRR month by month.

Both are kept in the derived cache once computed, and ``stored_dashboard`` reads them back
without SQLAlchemy, so a later start paints the figures at once. SQLAlchemy is imported only
when something has to be computed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from msp_desk.domain.values import Month
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.services.kpis.snapshots import (
    kpis_for_month_stored,
    kpis_key,
    snapshot_from_cache,
    store,
    stored,
)
from msp_desk.services.shop.settings import ShopProfile, shop_profile
from msp_desk.store.database import Database


@dataclass(frozen=True)
class DashboardStart:
    """Everything the dashboard paints, as stored: the shop, the month's KPIs, the MRR series."""

    profile: ShopProfile
    snapshot: KpiSnapshot
    mrr_month_ends: list[int]  # first..month of ``series_key``


def series_key(first: Month, last: Month) -> str:
    return f"mrr-month-ends:{first}:{last}"


def stored_dashboard(db: Database, month: Month, first: Month) -> DashboardStart | None:
    """The dashboard of ``month`` (series from ``first``) from stored figures alone, or None
    when any of them must be computed first. A few milliseconds: two small driver reads."""
    kpis, series = kpis_key(month), series_key(first, month)
    found = stored(db, [kpis, series]).entries
    snapshot = snapshot_from_cache(found.get(kpis))
    month_ends = _month_ends_from_cache(found.get(series))
    if snapshot is None or month_ends is None:
        return None
    return DashboardStart(shop_profile(db), snapshot, month_ends)


def dashboard_tiles(db: Database, month: Month) -> tuple[ShopProfile, KpiSnapshot]:
    """The shop and its KPIs of ``month`` (stored once computed)."""
    return shop_profile(db), kpis_for_month_stored(db, month)


def shop_mrr_month_ends_stored(db: Database, first: Month, last: Month) -> list[int]:
    """``shop_mrr_month_ends``, kept in the derived cache (served only while no write has
    landed since it was computed)."""
    key = series_key(first, last)
    found = stored(db, [key])
    cached = _month_ends_from_cache(found.entries.get(key))
    if cached is not None:
        return cached
    series = shop_mrr_month_ends(db, first, last)
    store(db, key, series, found.revision)
    return series


def _month_ends_from_cache(entry: object) -> list[int] | None:
    """The MRR series a derived-cache entry holds; None when it holds none (absent, or corrupt:
    then it is computed afresh)."""
    if not isinstance(entry, list) or not all(isinstance(cents, int) for cents in entry):
        return None
    return [int(cents) for cents in entry]


def shop_mrr_month_ends(db: Database, first: Month, last: Month) -> list[int]:
    """The shop's MRR at each month end from ``first`` to ``last``; the same figures as
    ``services.kpis.mrr.shop_mrr_series`` without loading every contract line into Python.

    A line counts at a month end it runs on (start and end inclusive). SQL sums the per-line
    rounded MRR of the lines overlapping the range by start date and by end date; MRR at a
    month end is then what started on or before it less what ended before it.
    """
    from msp_desk.store.queries.kpis import mrr_by_start_and_end_day

    ends = [(first + i).last_day() for i in range(last.index - first.index + 1)]
    if not ends:
        return []
    with db.read() as conn:
        by_start, by_end = mrr_by_start_and_end_day(conn, ends[0], ends[-1])
    start_days, start_totals = _sorted_sums(by_start)
    end_days, end_totals = _sorted_sums(by_end)
    series = []
    for end in ends:
        n_started = bisect_right(start_days, end)  # started on or before the month end
        n_ended = bisect_left(end_days, end)  # ended before it
        series.append(start_totals[n_started] - end_totals[n_ended])
    return series


def _sorted_sums(rows: Iterable[tuple[dt.date, int]]) -> tuple[list[dt.date], list[int]]:
    """Days in order, and the running totals before each (``totals[i]`` = sum of the first i)."""
    pairs = sorted(rows)
    days = [day for day, _cents in pairs]
    return days, [0, *accumulate(cents for _day, cents in pairs)]
