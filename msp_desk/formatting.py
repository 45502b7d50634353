"""Text for numbers at the edge (UI, CLI, reports): money, percentages, hours, dates with Babel; "—" for no data."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
)

from msp_desk.domain.values import Month

NO_DATA = "—"
NO_DATA_TIP = "not enough data"


def no_data_tip(value: object) -> str:
    """The tooltip a formatted value gets: why it shows "—", or nothing."""
    return NO_DATA_TIP if value is None else ""


def _units(cents: int) -> Decimal:
    return Decimal(cents) / 100


def money(cents: int | None, currency: str = "USD", locale: str = "en_US") -> str:
    """Exact money with the currency's minor units, e.g. ``$1,234.50``."""
    if cents is None:
        return NO_DATA
    return format_currency(_units(cents), currency, locale=locale)


@cache
def _whole_pattern(locale: str) -> NumberPattern:
    pattern: NumberPattern = copy.copy(Locale.parse(locale).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def money_whole(cents: int | None, currency: str = "USD", locale: str = "en_US") -> str:
    """Money rounded half-up to whole units, e.g. ``$48,250``: for tiles and chart axes."""
    if cents is None:
        return NO_DATA
    whole = _units(cents).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    text: str = _whole_pattern(locale).apply(whole, locale, currency=currency, currency_digits=False)
    return text


def money_compact(cents: int | None, currency: str = "USD", locale: str = "en_US") -> str:
    """Short money for tight hints: ``$175K``."""
    if cents is None:
        return NO_DATA
    return format_compact_currency(_units(cents), currency, locale=locale, fraction_digits=0)


@cache
def _percent_pattern(locale: str, digits: int) -> NumberPattern:
    pattern: NumberPattern = copy.copy(Locale.parse(locale).percent_formats[None])
    pattern.frac_prec = (digits, digits)
    return pattern


def percent(fraction: float | None, locale: str = "en_US", digits: int = 1) -> str:
    """A fraction as the locale writes percentages: 0.0123 -> ``1.2%`` (``1,2 %`` in German).

    Negative values stay negative (net negative churn)."""
    if fraction is None:
        return NO_DATA
    return format_percent(fraction, _percent_pattern(locale, max(digits, 0)), locale=locale)


def _one_decimal(value: float, locale: str) -> str:
    rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_decimal(rounded, "#,##0.0", locale=locale)


def hours(value: float | None, locale: str = "en_US") -> str:
    """Hours with one decimal: ``3.5 h``."""
    if value is None:
        return NO_DATA
    return f"{_one_decimal(value, locale)} h"


def ratio(value: float | None, locale: str = "en_US") -> str:
    """A ratio such as CLV:CAC: ``4.2 : 1``."""
    if value is None:
        return NO_DATA
    return f"{_one_decimal(value, locale)} : 1"


def months(value: float | None, locale: str = "en_US") -> str:
    """A duration in months: ``14.5 months``."""
    if value is None:
        return NO_DATA
    return f"{_one_decimal(value, locale)} months"


def count(value: int | None, locale: str = "en_US") -> str:
    if value is None:
        return NO_DATA
    return format_decimal(value, "#,##0", locale=locale)


def date_text(day: dt.date | None, locale: str = "en_US") -> str:
    """A date as people read it in the shop's locale (``Mar 1, 2024``); "" when there is none."""
    if day is None:
        return ""
    return format_date(day, "medium", locale=locale)


def month_text(month: Month, locale: str = "en_US") -> str:
    """A month in full: ``January 2026``."""
    return format_skeleton("yMMMM", month.first_day(), locale=locale)


def month_abbr(month: Month, locale: str = "en_US", *, with_year: bool = False) -> str:
    """A month for a chart axis: ``Apr``, or ``Jan 2026`` with the year."""
    return format_skeleton("yMMM" if with_year else "MMM", month.first_day(), locale=locale)
