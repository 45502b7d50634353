"""Dates in ISO, US and EU shapes; the ambiguous settled by --dates or by the file, else refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.io.imports.dates import (
    DateOrder,
    NotADate,
    general_datetime,
    order_of_file,
    parse_datetime,
    plain_iso,
)

ORDERS = (None, DateOrder.DMY, DateOrder.MDY, DateOrder.YMD)
PLAIN_SHAPES = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f")
# Texts near the plain ISO shapes: digits (ASCII and not), every separator, zones, week dates.
NEAR_ISO = st.text(alphabet="0123456789٣ -T t:.,/+Z W", min_size=8, max_size=30)


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


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.sampled_from(PLAIN_SHAPES),
)
def test_plain_iso_is_read_by_the_quick_path_as_the_general_one_reads_it(
    moment: dt.datetime, shape: str
) -> None:
    text = moment.strftime(shape)
    quick = plain_iso(text)
    assert quick is not None
    for order in ORDERS:
        assert quick == general_datetime(text, order) == parse_datetime(text, order)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(NEAR_ISO, st.datetimes().map(str), st.datetimes().map(dt.datetime.isoformat)))
def test_the_quick_path_never_reads_a_text_otherwise(text: str) -> None:
    """Whatever the text, the quick path gives what the general shapes give, or leaves it to them
    (which then refuse it with the same reason as before)."""
    quick = plain_iso(text)
    for order in ORDERS:
        try:
            general: dt.datetime | str = general_datetime(text, order)
        except NotADate as exc:
            general = str(exc)
        if quick is not None:
            assert quick == general
        try:
            assert parse_datetime(text, order) == general
        except NotADate as exc:
            assert str(exc) == general


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-04T09",
        "20250304",
        "2025-W10-2",
        "2025-03-04T0915",
        "2025-03-04 24:00",
        "2025-03-04T09:15Z",
        "2025-03-04 09:15:00.123",
        "2025-03-04t09:15",
        "2025-02-30",
        "2025-03-04 09:15:60",
    ],
)
def test_the_quick_path_leaves_every_other_shape_to_the_general_one(text: str) -> None:
    assert plain_iso(text) is None
