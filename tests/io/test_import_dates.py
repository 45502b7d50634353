"""Dates in ISO, US and EU shapes; the ambiguous settled by --dates or by the file, else refused."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.io.imports.dates import DateOrder, NotADate, order_of_file, parse_datetime


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2025-03-04", None, dt.datetime(2025, 3, 4)),
        ("2025-03-04 09:15:07", None, dt.datetime(2025, 3, 4, 9, 15, 7)),
        ("2025-03-04T09:15:00Z", None, dt.datetime(2025, 3, 4, 9, 15)),  # Autotask REST
        ("2025-03-04T09:15:00.123+02:00", None, dt.datetime(2025, 3, 4, 9, 15, 0, 123000)),
        ("29/2/2016 01:16", None, dt.datetime(2016, 2, 29, 1, 16)),  # ServiceNow, day first
        ("07/14/2025 2:05 PM", None, dt.datetime(2025, 7, 14, 14, 5)),  # ConnectWise, US
        ("12/01/2025 12:30 AM", DateOrder.MDY, dt.datetime(2025, 12, 1, 0, 30)),
        ("04.03.2025 09:15", None, dt.datetime(2025, 3, 4, 9, 15)),  # German
        ("4/3/2025", DateOrder.DMY, dt.datetime(2025, 3, 4)),
        ("4/3/2025", DateOrder.MDY, dt.datetime(2025, 4, 3)),
        ("5/5/2025", None, dt.datetime(2025, 5, 5)),  # either order reads the same
    ],
)
def test_shapes(text: str, order: DateOrder | None, expected: dt.datetime) -> None:
    assert parse_datetime(text, order) == expected


def test_an_ambiguous_date_is_refused_with_the_reason() -> None:
    with pytest.raises(NotADate) as caught:
        parse_datetime("4/3/2025 10:00", None)
    assert str(caught.value) == (
        "'4/3/2025 10:00' could be 4 March 2025 or 3 April 2025; say which with --dates dmy "
        "(day first) or --dates mdy (month first)"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2025", "'31/02/2025' is not a real date or time (day is out of range for month)"),
        ("yesterday", "'yesterday' is not a date like 2025-03-04 or 2025-03-04 09:15"),
        ("13:00 PM", "'13:00 PM' is not a date like 2025-03-04 or 2025-03-04 09:15"),
    ],
)
def test_bad_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(NotADate) as caught:
        parse_datetime(text, None)
    assert str(caught.value) == reason


def test_the_file_settles_the_order_when_one_date_shows_it() -> None:
    assert order_of_file(["4/3/2016 10:00", "29/2/2016 01:16"]) is DateOrder.DMY
    assert order_of_file(["4/3/2025", "7/14/2025"]) is DateOrder.MDY
    assert order_of_file(["4/3/2025", "2025-07-14"]) is None
    assert order_of_file(["13/1/2025", "1/13/2025"]) is None  # contradictory: each read by its own shape
