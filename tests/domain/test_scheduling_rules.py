"""The scheduling rules of check-ins and onboarding steps, across month ends and 29 February."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.domain.checkins import next_check_in, step_due

D = dt.date


@pytest.mark.parametrize(
    ("anchor", "every", "today", "due"),
    [
        (D(2027, 1, 30), 30, D(2027, 1, 30), D(2027, 3, 1)),  # no 30 February: 1 March
        (D(2028, 1, 30), 30, D(2028, 1, 30), D(2028, 2, 29)),  # a leap year: 29 February
        (D(2028, 1, 31), 30, D(2028, 1, 31), D(2028, 3, 1)),
        (D(2028, 2, 29), 365, D(2028, 2, 29), D(2029, 2, 28)),  # a year of days from 29 February
        (D(2027, 6, 1), 365, D(2027, 6, 1), D(2028, 5, 31)),  # across 29 February: a day short of 1 June
        (D(2027, 12, 31), 60, D(2027, 12, 31), D(2028, 2, 29)),
    ],
)
def test_the_next_check_in_is_the_cadence_in_calendar_days_after_the_last(
    anchor: dt.date, every: int, today: dt.date, due: dt.date
) -> None:
    assert next_check_in(anchor, every, today) == due


def test_a_check_in_long_overdue_moves_to_the_next_beat_of_the_cadence() -> None:
    # Started 1 Jan 2027, every 30 days: 31 Jan, 2 Mar, 1 Apr, 1 May 2027 ... on 15 Apr: 1 May.
    assert next_check_in(D(2027, 1, 1), 30, D(2027, 4, 15)) == D(2027, 5, 1)
    # A beat falling on today is due today, not a cadence later.
    assert next_check_in(D(2027, 1, 1), 30, D(2027, 4, 1)) == D(2027, 4, 1)
    # Across 29 February: 90-day beats from 1 Dec 2027 are 29 Feb 2028 and 29 May 2028.
    assert next_check_in(D(2027, 12, 1), 90, D(2028, 3, 1)) == D(2028, 5, 29)


def test_a_cadence_is_a_positive_number_of_days() -> None:
    with pytest.raises(ValueError):
        next_check_in(D(2027, 1, 1), 0, D(2027, 1, 1))


@pytest.mark.parametrize(
    ("start", "offset", "due"),
    [
        (D(2028, 2, 29), 0, D(2028, 2, 29)),
        (D(2028, 2, 29), 2, D(2028, 3, 2)),
        (D(2028, 2, 29), 30, D(2028, 3, 30)),
        (D(2028, 2, 29), 90, D(2028, 5, 29)),
        (D(2028, 2, 29), 365, D(2029, 2, 28)),
        (D(2027, 1, 31), 30, D(2027, 3, 2)),  # no 31 February, no 30 February
        (D(2028, 1, 31), 30, D(2028, 3, 1)),
        (D(2027, 12, 31), 14, D(2028, 1, 14)),
    ],
)
def test_an_onboarding_step_is_due_its_offset_in_calendar_days_after_the_start(
    start: dt.date, offset: int, due: dt.date
) -> None:
    assert step_due(start, offset) == due
