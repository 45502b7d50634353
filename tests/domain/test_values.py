"""Money and month value types."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp_desk.domain.values import Month, allocate, cents_to_decimal_text, last_full_month, parse_money


@pytest.mark.parametrize(
    ("text", "cents"),
    [("1250.00", 125_000), ("1,250.5", 125_050), ("$99", 9_900), ("0.05", 5), (" 7 ", 700), ("-3.10", -310)],
)
def test_parse_money(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "12x", "1.234", "1e3", "12.", "--1", "NaN"])
def test_parse_money_refuses_what_is_not_money(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount of money"):
        parse_money(text)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_money_text_round_trips(cents: int) -> None:
    assert parse_money(cents_to_decimal_text(cents)) == cents


def test_allocate_never_loses_a_cent() -> None:  # kpi-examples E10 (Fowler)
    assert allocate(5, [3, 7]) == [2, 3]
    assert allocate(1000, [1, 1, 1]) == [334, 333, 333]
    assert allocate(1, [0, 1, 1]) == [0, 1, 0]


def test_month_arithmetic_and_bounds() -> None:
    m = Month.parse("2026-01")
    assert str(m - 1) == "2025-12" and str(m + 13) == "2027-02"
    assert m.last_day() == dt.date(2026, 1, 31) and Month(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert Month.from_index(m.index) == m
    assert last_full_month(dt.date(2026, 11, 23)) == Month(2026, 10)
    with pytest.raises(ValueError, match="not a month"):
        Month.parse("2026-1")
    with pytest.raises(ValueError, match="1..12"):
        Month.parse("2026-13")
