"""The roadmap's horizon rules: which make the next 90 days, pushing back, where a chosen item
lands, and moving an item within its horizon."""

from __future__ import annotations

import pytest

from msp_desk.domain.enums import Horizon
from msp_desk.domain.horizons import chosen_horizon, in_next_90_days, is_open, moved, placed, pushed_back


@pytest.mark.parametrize(
    ("horizon", "near"),
    [
        ("now", True),
        ("30_days", True),
        ("this_quarter", True),
        ("next_quarter", False),
        ("6_12_months", False),
        ("later", False),
    ],
)
def test_the_next_90_days_are_now_30_days_and_this_quarter(horizon: str, near: bool) -> None:
    assert in_next_90_days(horizon) is near


def test_pushing_back_moves_one_horizon_and_later_stays_later() -> None:
    assert [pushed_back(h.value) for h in Horizon] == [
        Horizon.DAYS_30,
        Horizon.THIS_QUARTER,
        Horizon.NEXT_QUARTER,
        Horizon.MONTHS_6_12,
        Horizon.LATER,
        Horizon.LATER,
    ]


def test_a_chosen_item_keeps_a_near_horizon_and_a_far_one_comes_to_this_quarter() -> None:
    assert chosen_horizon("now") is Horizon.NOW
    assert chosen_horizon("30_days") is Horizon.DAYS_30
    assert chosen_horizon("later") is Horizon.THIS_QUARTER
    assert chosen_horizon("next_quarter") is Horizon.THIS_QUARTER


def test_only_proposed_accepted_and_in_progress_items_are_open() -> None:
    assert [is_open(s) for s in ("proposed", "accepted", "in_progress", "declined", "done")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_moving_within_a_horizon_stays_within_it() -> None:
    assert moved([1, 2, 3], 3, -1) == [1, 3, 2]
    assert moved([1, 2, 3], 1, -1) == [1, 2, 3]  # already first
    assert moved([1, 2, 3], 1, 5) == [2, 3, 1]
    assert moved([1, 2, 3], 9, 1) == [1, 2, 3]


def test_placing_takes_the_item_out_then_puts_it_at_the_position() -> None:
    assert placed([1, 2, 3], 1, 2) == [2, 3, 1]  # from first to last of the same horizon
    assert placed([1, 2, 3], 3, 0) == [3, 1, 2]
    assert placed([1, 2, 3], 2, 1) == [1, 2, 3]  # where it was
    assert placed([1, 2], 7, 1) == [1, 7, 2]  # from another horizon, between two
    assert placed([1, 2], 7, 99) == [1, 2, 7]  # past the end: last
    assert placed([], 7, -3) == [7]
