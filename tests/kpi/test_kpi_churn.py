"""Churn and retention rates, quick ratio (E5) and 12-month NRR (E7)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.kpi.churn import (
    gross_mrr_churn_rate,
    logo_churn_rate,
    logo_retention_12m,
    net_mrr_churn_rate,
    nrr_12m,
    quick_ratio,
)
from msp_desk.kpi.movements import Movements, movements_by_month

quick = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("new", "expansion", "contraction", "churn", "ratio"),
    [
        (16_000_00, 8_000_00, 1_000_00, 3_000_00, 6),  # 24k / 4k
        (30_000_00, 0, 10_000_00, 0, 3),  # 30k / 10k
        (25_000_00, 15_000_00, 5_000_00, 15_000_00, 2),  # 40k / 20k
    ],
)
def test_e5_quick_ratio(new: int, expansion: int, contraction: int, churn: int, ratio: int) -> None:
    assert quick_ratio(new, expansion, contraction, churn) == ratio


def test_quick_ratio_without_losses_is_unknown() -> None:
    assert quick_ratio(100, 0, 0, 0) is None


def test_net_and_gross_mrr_churn() -> None:
    m = Movements(new=500_00, churn=100_00, contraction=50_00, expansion=200_00, reactivation=9_00)
    assert net_mrr_churn_rate(m, 10_000_00) == pytest.approx(-0.005)  # net negative churn
    assert gross_mrr_churn_rate(m, 10_000_00) == pytest.approx(0.015)
    assert net_mrr_churn_rate(m, 0) is None
    assert gross_mrr_churn_rate(m, 0) is None


def test_logo_churn() -> None:
    assert logo_churn_rate(2, 40) == 0.05
    assert logo_churn_rate(0, 40) == 0.0
    assert logo_churn_rate(0, 0) is None


def series_with(then: list[int], now: list[int], extra_now: list[int] = ()) -> dict[int, list[int]]:
    """Client series of 13 months: ``then`` at position 0, ``now`` at position 12."""
    series = {c: [a, *([a] * 11), b] for c, (a, b) in enumerate(zip(then, now, strict=True))}
    for k, b in enumerate(extra_now, start=100):
        series[k] = [0] * 12 + [b]
    return series


def test_e7_cohort_retention_of_500_percent() -> None:
    assert nrr_12m(series_with([1_000_00], [5_000_00]), 12) == 5.0


def test_e7_nrr_110_percent_after_churn_and_upgrades() -> None:
    """Start 1,000; a client worth 100 churns; upgrades +200: 1,100 / 1,000."""
    series = series_with([600_00, 300_00, 100_00], [800_00, 300_00, 0], extra_now=[999_00])
    assert nrr_12m(series, 12) == pytest.approx(1.1)  # new clients since are left out


def test_nrr_needs_twelve_months_of_history_and_a_base() -> None:
    series = series_with([1_000], [2_000])
    assert nrr_12m(series, 11) is None
    assert nrr_12m(series_with([0], [5_000]), 12) is None


movements = st.builds(
    Movements,
    new=st.integers(0, 10**7),
    expansion=st.integers(0, 10**7),
    contraction=st.integers(0, 10**7),
    churn=st.integers(0, 10**7),
    reactivation=st.integers(0, 10**7),
)


@quick
@given(movements, st.integers(1, 10**8))
def test_gross_churn_minus_net_churn_is_expansion_share(m: Movements, prev: int) -> None:
    gross = gross_mrr_churn_rate(m, prev)
    net = net_mrr_churn_rate(m, prev)
    assert gross is not None and net is not None
    assert gross >= net
    assert gross - net == pytest.approx(m.expansion / prev, abs=1e-9)
    assert gross >= 0


@quick
@given(st.dictionaries(st.integers(1, 20), st.lists(st.integers(0, 900), min_size=13, max_size=13)))
def test_nrr_is_one_minus_cohort_losses_plus_gains(series: dict[int, list[int]]) -> None:
    """NRR of a cohort = 1 + (its MRR change over 12 months) / its MRR then."""
    cohort = {c: v for c, v in series.items() if v[0] > 0}
    base = sum(v[0] for v in cohort.values())
    nrr = nrr_12m(series, 12)
    if base == 0:
        assert nrr is None
    else:
        change = sum(v[12] - v[0] for v in cohort.values())
        assert nrr == pytest.approx(1 + change / base)
        moves = movements_by_month(cohort)
        net = sum(m.net_cents for m in moves[1:] if m is not None)
        assert net == change


def test_logo_retention_counts_the_clients_of_a_year_ago_still_paying() -> None:
    # A year ago three clients paid (10, 20, 30); one has left, one pays less, one more. A client
    # new since (0 then) is left out, as is one that paid nothing then and nothing now.
    then = (1000, 2000, 3000, 0, 0)
    now = (0, 1500, 4000, 500, 0)
    assert logo_retention_12m(then, now) == 2 / 3


def test_logo_retention_is_unknown_without_clients_a_year_ago() -> None:
    assert logo_retention_12m((0, 0), (100, 200)) is None
    assert logo_retention_12m((), ()) is None
