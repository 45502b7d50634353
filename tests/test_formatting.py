"""Text at the edge: Babel money, percentages, hours, dates, and "—" (with its tooltip) for no data."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month


def test_money_is_exact_and_locale_aware() -> None:
    assert fmt.money(123450) == "$1,234.50"
    assert fmt.money(-5, "USD", "en_US") == "-$0.05"
    assert fmt.money(123450, "EUR", "de_DE") == "1.234,50\xa0€"
    assert fmt.money(0) == "$0.00"


@pytest.mark.parametrize(
    ("cents", "text"),
    [(4_825_049, "$48,250"), (4_825_050, "$48,251"), (150, "$2"), (149, "$1"), (-150, "-$2"), (0, "$0")],
)
def test_money_whole_rounds_half_up(cents: int, text: str) -> None:
    assert fmt.money_whole(cents) == text


def test_money_whole_keeps_the_locale_pattern() -> None:
    assert fmt.money_whole(123_456_700, "EUR", "de_DE") == "1.234.567\xa0€"
    assert fmt.money_whole(123_456_700, "JPY", "ja_JP").endswith("1,234,567")


def test_money_compact() -> None:
    assert fmt.money_compact(17_500_000) == "$175K"


def test_percent() -> None:
    assert fmt.percent(0.0123) == "1.2%"
    assert fmt.percent(-0.048) == "-4.8%"  # net negative churn keeps its sign
    assert fmt.percent(0.2, digits=0) == "20%"
    assert fmt.percent(1.07) == "107.0%"
    assert fmt.percent(0.953, "de_DE") == "95,3\xa0%"


def test_hours_and_ratio_round_half_up() -> None:
    assert fmt.hours(3.25) == "3.3 h"
    assert fmt.hours(0.04) == "0.0 h"
    assert fmt.ratio(4.15) == "4.2 : 1"
    assert fmt.count(1234) == "1,234"


def test_dates_and_months() -> None:
    assert fmt.date_text(dt.date(2024, 3, 1)) == "Mar 1, 2024"
    assert fmt.date_text(dt.date(2024, 3, 1), "de_DE") == "01.03.2024"
    assert fmt.date_text(None) == ""
    assert fmt.month_text(Month(2026, 1)) == "January 2026"
    assert fmt.month_abbr(Month(2026, 4)) == "Apr"
    assert fmt.month_abbr(Month(2026, 1), with_year=True) == "Jan 2026"


@pytest.mark.parametrize(
    "formatter", [fmt.money, fmt.money_whole, fmt.money_compact, fmt.percent, fmt.hours, fmt.ratio, fmt.count]
)
def test_none_is_a_dash_never_zero(formatter) -> None:  # type: ignore[no-untyped-def]
    assert formatter(None) == fmt.NO_DATA == "—"


def test_no_data_tooltip() -> None:
    assert fmt.no_data_tip(None) == "not enough data"
    assert fmt.no_data_tip(0) == ""


def test_months_text() -> None:
    assert fmt.months(14.46) == "14.5 months"
    assert fmt.months(None) == fmt.NO_DATA
