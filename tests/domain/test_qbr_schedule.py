"""The QBR cadence: when a client's next QBR is due."""

import datetime as dt

import pytest

from msp_desk.domain.qbr_schedule import (
    QBR_EVERY_DAYS,
    business_changes_text,
    default_next_qbr,
    next_qbr_due,
)

D = dt.date


def test_every_90_days_from_the_start_without_a_qbr() -> None:
    assert QBR_EVERY_DAYS == 90
    assert next_qbr_due(None, None, D(2026, 1, 10)) == D(2026, 4, 10)


def test_from_the_last_qbr_not_the_start() -> None:
    assert next_qbr_due(D(2026, 6, 1), None, D(2024, 1, 1)) == D(2026, 8, 30)


def test_the_date_the_last_qbr_set_wins() -> None:
    assert next_qbr_due(D(2026, 6, 1), D(2026, 7, 15), D(2024, 1, 1)) == D(2026, 7, 15)


def test_nothing_to_count_from() -> None:
    assert next_qbr_due(None, None, None) is None


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2026, 12, 1), D(2027, 3, 1)),  # February of 28 days
        (D(2027, 12, 1), D(2028, 2, 29)),  # ... and of 29: lands on the leap day
        (D(2028, 2, 29), D(2028, 5, 29)),  # from the leap day
        (D(2026, 1, 31), D(2026, 5, 1)),  # a month end is not rounded to one
        (D(2026, 11, 30), D(2027, 2, 28)),
        (D(2026, 10, 3), D(2027, 1, 1)),  # across the year end
    ],
)
def test_month_ends_and_29_february(start: dt.date, due: dt.date) -> None:
    assert next_qbr_due(None, None, start) == due
    assert next_qbr_due(start, None, None) == due
    assert default_next_qbr(start) == due


def test_a_tier_cadence_replaces_the_default() -> None:
    assert next_qbr_due(D(2026, 1, 1), None, None, every_days=30) == D(2026, 1, 31)


def test_business_changes_text() -> None:
    assert (
        business_changes_text(("hires", "locations"), " two  new techs ")
        == "Hires; New locations: two new techs"
    )
    assert business_changes_text((), "none") == "none"
    assert business_changes_text(("mergers",), "") == "Mergers or acquisitions"
