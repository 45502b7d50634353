"""What the window reads at start-up: the shop's profile, the MRR chart's series, the stored figures."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.demo.shops import build_demo
from msp_desk.domain.benchmarks import DEFAULT_BENCHMARKS  # the defaults a new shop judges by
from msp_desk.domain.values import Month
from msp_desk.services.kpis.dashboard import (
    dashboard_tiles,
    series_key,
    shop_mrr_month_ends,
    shop_mrr_month_ends_stored,
    stored_dashboard,
)
from msp_desk.services.kpis.mrr import shop_mrr_series
from msp_desk.services.kpis.snapshots import kpis_for_month, kpis_for_month_stored, kpis_key, store, stored
from msp_desk.services.shop.settings import get_settings, save_settings, shop_profile
from msp_desk.store.database import Database

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (Month(2024, 11), Month(2026, 10)),  # the dashboard's 24 months
        (Month(2015, 1), Month(2027, 6)),  # before the first line and after the last month
        (Month(2026, 10), Month(2026, 10)),
        (Month(2001, 1), Month(2002, 12)),  # nothing running
    ],
)
def test_month_end_mrr_equals_the_ledger_series_on_the_demo(db: Database, first: Month, last: Month) -> None:
    build_demo(db, "msp", TODAY)
    assert shop_mrr_month_ends(db, first, last) == shop_mrr_series(db, first, last)


def test_month_end_mrr_of_an_empty_shop_is_zero(db: Database) -> None:
    assert shop_mrr_month_ends(db, Month(2026, 1), Month(2026, 3)) == [0, 0, 0]


def test_profile_reads_what_the_settings_hold(db: Database) -> None:
    empty = shop_profile(db)  # no settings row yet: the defaults
    defaults = get_settings(db)
    assert (empty.name, empty.kind, empty.currency, empty.locale) == (
        defaults.name,
        defaults.kind,
        defaults.currency,
        defaults.locale,
    )
    assert empty.benchmarks() == DEFAULT_BENCHMARKS
    save_settings(db, name="Harbor Point IT", kind="va", currency="EUR", locale="de_DE")
    save_settings(db, benchmarks_json='{"fcr": [0.8, 0.9], "not_a_benchmark": 1}')
    profile = shop_profile(db)
    assert (profile.name, profile.kind, profile.currency, profile.locale) == (
        "Harbor Point IT",
        "va",
        "EUR",
        "de_DE",
    )
    assert profile.benchmarks() == get_settings(db).benchmarks()
    assert profile.benchmarks()["fcr"] == [0.8, 0.9]


def test_stored_dashboard_is_what_was_computed_until_the_next_write(db: Database) -> None:
    build_demo(db, "msp", TODAY)
    month, first = Month(2026, 10), Month(2024, 11)
    assert stored_dashboard(db, month, first) is None  # nothing computed yet
    profile, snapshot = dashboard_tiles(db, month)
    assert stored_dashboard(db, month, first) is None  # the chart's series is still missing
    series = shop_mrr_month_ends_stored(db, first, month)
    start = stored_dashboard(db, month, first)
    assert start is not None
    assert (start.profile, start.snapshot, start.mrr_month_ends) == (profile, snapshot, series)
    assert start.snapshot == kpis_for_month(db, month)
    assert start.mrr_month_ends == shop_mrr_series(db, first, month)
    assert stored_dashboard(db, month, Month(2024, 12)) is None  # another range is not stored

    save_settings(db, name="Renamed IT")  # any write forgets every stored figure
    assert stored_dashboard(db, month, first) is None


@pytest.mark.parametrize(
    ("snapshot_entry", "series_entry"),
    [
        ({"month": "2026-10"}, [0, "zero"]),  # fields missing; not cents
        ({"mrr": 0}, {"2026-10": 0}),  # no month; not a list
        ("a snapshot", None),
    ],
)
def test_a_corrupt_stored_figure_is_computed_afresh(
    db: Database, snapshot_entry: object, series_entry: object
) -> None:
    month, first = Month(2026, 10), Month(2026, 8)
    revision = stored(db, []).revision
    store(db, kpis_key(month), snapshot_entry, revision)
    store(db, series_key(first, month), series_entry, revision)
    assert stored_dashboard(db, month, first) is None
    assert shop_mrr_month_ends_stored(db, first, month) == [0, 0, 0]
    assert kpis_for_month_stored(db, month) == kpis_for_month(db, month)
    assert stored_dashboard(db, month, first) is not None  # both kept, computed
