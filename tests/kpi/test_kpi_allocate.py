"""E10 (Fowler's Money.allocate): split cents by ratios without losing one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.domain.values import allocate


def test_e10_five_cents_split_3_to_7() -> None:
    assert allocate(5, [3, 7]) == [2, 3]


def test_e10_ten_dollars_split_in_three() -> None:
    assert allocate(10_00, [1, 1, 1]) == [334, 333, 333]


def test_allocate_refuses_bad_ratios() -> None:
    for ratios in ([], [0, 0], [1, -1]):
        with pytest.raises(ValueError):
            allocate(100, ratios)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.integers(1, 50), min_size=1, max_size=8))
def test_allocate_never_loses_a_cent(total: int, ratios: list[int]) -> None:
    parts = allocate(total, ratios)
    assert sum(parts) == total
    whole = sum(ratios)
    for part, ratio in zip(parts, ratios, strict=True):
        assert abs(part * whole - total * ratio) <= whole  # at most a cent off its exact share
