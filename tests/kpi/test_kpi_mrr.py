"""MRR normalisation of a line (E3, E4) and the month-end series of the ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import LineFact
from msp_desk.kpi.mrr import (
    CostSeries,
    active_client_counts,
    active_month_range,
    client_cost_series,
    client_mrr_series,
    earliest_month,
    line_mrr_cents,
    round_half_up,
    shop_cost_series,
    shop_mrr_series,
)

JAN, FEB, MAR, APR = (Month(2024, m) for m in (1, 2, 3, 4))
quick = settings(max_examples=200, deadline=None)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- line_mrr_cents -------------------------------------------------------------------------


def test_e3_stripe_mrr_of_monthly_and_annual_subscribers() -> None:
    monthly = line_mrr_cents(100, 100_00, "monthly")
    annual = line_mrr_cents(50, 600_00, "annual")
    assert monthly + annual == 12_500_00


def test_e4_forever_discount_on_an_annual_plan() -> None:
    assert line_mrr_cents(1, 1_200_00, "annual", discount_bp=5000) == 50_00


def test_e4_ten_percent_off_a_120_dollar_year() -> None:
    assert line_mrr_cents(1, 120_00, "annual", discount_bp=1000) == 9_00


def test_e4_finite_discount_is_two_lines_in_the_ledger() -> None:
    """$10/mo with 10% off for 3 months: 9.00 during the discount, 10.00 after."""
    discounted = LineFact(1, d("2024-01-01"), d("2024-03-31"), line_mrr_cents(1, 10_00, "monthly", 1000))
    full = LineFact(1, d("2024-04-01"), None, line_mrr_cents(1, 10_00, "monthly"))
    series = client_mrr_series([discounted, full], JAN, Month(2024, 5))
    assert series == {1: [9_00, 9_00, 9_00, 10_00, 10_00]}


def test_annual_gold_plan_rounds_half_up_once_at_the_end() -> None:
    """E2's 4 Gold seats at $500/yr: 2,000/12 = 166.666... -> 166.67."""
    assert line_mrr_cents(4, 500_00, "annual") == 166_67


def test_half_cent_rounds_up_not_to_even() -> None:
    assert line_mrr_cents(1, 150, "annual") == 13  # 12.5 cents
    assert line_mrr_cents(1, 30, "annual") == 3  # 2.5 cents (banker's rounding would give 2)
    assert line_mrr_cents(1, 100, "quarterly") == 33  # 33.33...


def test_full_discount_is_zero_mrr() -> None:
    assert line_mrr_cents(3, 99_00, "monthly", discount_bp=10_000) == 0


@pytest.mark.parametrize(
    ("quantity", "price", "period", "discount"),
    [
        (1, 100, "weekly", 0),
        (-1, 100, "monthly", 0),
        (1, -100, "monthly", 0),
        (1, 100, "monthly", -1),
        (1, 100, "monthly", 10_001),
    ],
)
def test_line_mrr_refuses_bad_input(quantity: int, price: int, period: str, discount: int) -> None:
    with pytest.raises(ValueError):
        line_mrr_cents(quantity, price, period, discount)


@quick
@given(
    st.integers(0, 500),
    st.integers(0, 10_000_00),
    st.integers(0, 10_000),
)
def test_annual_price_of_twelve_months_equals_the_monthly_price(q: int, p: int, bp: int) -> None:
    assert line_mrr_cents(q, 12 * p, "annual", bp) == line_mrr_cents(q, p, "monthly", bp)
    assert line_mrr_cents(q, 3 * p, "quarterly", bp) == line_mrr_cents(q, p, "monthly", bp)


@quick
@given(st.integers(0, 500), st.integers(0, 10_000_00), st.integers(0, 10_000))
def test_annual_mrr_is_within_half_a_cent_of_the_exact_value(q: int, p: int, bp: int) -> None:
    mrr = line_mrr_cents(q, p, "annual", bp)
    exact_times_120000 = q * p * (10_000 - bp)  # the exact MRR x 12 x 10000
    error = 12 * 10_000 * mrr - exact_times_120000
    assert -60_000 < error <= 60_000  # (-0.5, +0.5] cents: halves go up


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(5, 2, 3), (7, 2, 4), (-5, 2, -3), (4, 3, 1), (5, 3, 2), (0, 7, 0), (1, 3, 0)],
)
def test_round_half_up(num: int, den: int, expected: int) -> None:
    assert round_half_up(num, den) == expected


# --- active_month_range ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-01-15", None, (JAN.index, None)),
        ("2024-01-01", "2024-01-31", (JAN.index, JAN.index)),
        ("2024-01-05", "2024-01-20", None),  # starts and cancels inside one month: not seen
        ("2024-01-31", "2024-02-28", (JAN.index, JAN.index)),  # 2024 is a leap year
        ("2024-01-31", "2024-02-29", (JAN.index, FEB.index)),
        ("2024-03-31", "2024-03-31", (MAR.index, MAR.index)),
        ("2024-03-10", "2024-03-01", None),  # ends before it starts
        ("2023-12-31", "2024-04-30", (Month(2023, 12).index, APR.index)),
    ],
)
def test_active_month_range(start: str, end: str | None, expected: object) -> None:
    assert active_month_range(d(start), d(end) if end else None) == expected


days = st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31))


@quick
@given(days, st.one_of(st.none(), days))
def test_active_month_range_matches_month_ends_in_the_interval(start: dt.date, end: dt.date | None) -> None:
    months = [Month(2021, 12) + k for k in range(40)]
    covered = [m.index for m in months if start <= m.last_day() and (end is None or m.last_day() <= end)]
    got = active_month_range(start, end)
    if not covered:
        assert got is None
    else:
        assert got is not None
        assert got[0] == covered[0]
        if end is not None:
            assert got[1] == covered[-1]
        else:
            assert got[1] is None


# --- series ---------------------------------------------------------------------------------

line_facts = st.builds(
    LineFact,
    client_id=st.integers(1, 5),
    start=days,
    end=st.one_of(st.none(), days),
    mrr_cents=st.integers(0, 5_000_00),
    cost_cents=st.one_of(st.none(), st.integers(0, 3_000_00)),
)


def active_on(line: LineFact, day: dt.date) -> bool:
    return line.start <= day and (line.end is None or day <= line.end)


@quick
@given(st.lists(line_facts, max_size=25))
def test_client_series_equals_the_sum_of_lines_running_on_each_month_end(
    lines: list[LineFact],
) -> None:
    first, last = Month(2022, 6), Month(2024, 6)
    series = client_mrr_series(lines, first, last)
    months = [first + k for k in range(last.index - first.index + 1)]
    for client in {x.client_id for x in lines}:
        expected = [
            sum(x.mrr_cents for x in lines if x.client_id == client and active_on(x, m.last_day()))
            for m in months
        ]
        assert series.get(client, [0] * len(months)) == expected
    totals = shop_mrr_series(series)
    if series:
        assert totals == [sum(x.mrr_cents for x in lines if active_on(x, m.last_day())) for m in months]


@quick
@given(st.lists(line_facts, max_size=25))
def test_cost_series_flags_every_month_with_an_unknown_cost(lines: list[LineFact]) -> None:
    first, last = Month(2022, 6), Month(2024, 6)
    shop = shop_cost_series(lines, first, last)
    per_client = client_cost_series(lines, first, last)
    for i in range(last.index - first.index + 1):
        day = (first + i).last_day()
        running = [x for x in lines if active_on(x, day)]
        if any(x.cost_cents is None for x in running):
            assert shop.cost_at(i) is None
        else:
            assert shop.cost_at(i) == sum(x.cost_cents or 0 for x in running)
        for client, costs in per_client.items():
            mine = [x for x in running if x.client_id == client]
            unknown = any(x.cost_cents is None for x in mine)
            assert (costs.cost_at(i) is None) == unknown


def test_series_of_known_lines() -> None:
    lines = [
        LineFact(7, d("2024-01-01"), None, 100_00, 40_00),
        LineFact(7, d("2024-02-10"), d("2024-03-31"), 50_00, None),
        LineFact(8, d("2024-03-01"), d("2024-03-15"), 999_00, 1_00),  # never on a month end
        LineFact(9, d("2023-01-01"), d("2023-12-31"), 10_00, 1_00),  # before the range
    ]
    assert client_mrr_series(lines, JAN, APR) == {7: [100_00, 150_00, 150_00, 100_00]}
    assert client_cost_series(lines, JAN, APR)[7] == CostSeries([40_00, 40_00, 40_00, 40_00], [0, 1, 1, 0])
    assert shop_cost_series(lines, JAN, APR).cost_at(0) == 40_00
    assert shop_cost_series(lines, JAN, APR).cost_at(1) is None
    assert earliest_month(lines) == Month(2023, 1)
    assert earliest_month([]) is None


def test_active_client_counts_and_negative_mrr_refused() -> None:
    assert active_client_counts({1: [0, 5, 5], 2: [3, 0, 4]}) == [1, 1, 2]
    with pytest.raises(ValueError):
        client_mrr_series([LineFact(1, d("2024-01-01"), None, -1)], JAN, FEB)
    with pytest.raises(ValueError):
        client_mrr_series([], FEB, JAN)
