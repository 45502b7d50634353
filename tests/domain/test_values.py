"""Money and month value types."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.domain.values import Month, allocate, last_full_month


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
