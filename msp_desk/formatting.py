"""Text for numbers at the edge (UI, CLI, reports): money, percentages, hours, dates with Babel; "—" for no data."""

from __future__ import annotations

import copy
import datetime as dt
import re
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
    get_group_symbol,
)

from msp_desk.domain.values import Month

NO_DATA = "—"
NO_DATA_TIP = "not enough data"


def no_data_tip(value: object) -> str:
    """The tooltip a formatted value gets: why it shows "—", or nothing."""
    return NO_DATA_TIP if value is None else ""


def _units(cents: int) -> Decimal:
    return Decimal(cents) / 100


@cache
def _apostrophe_group(locale: str) -> tuple[str, int, int] | None:
    """(symbol, primary, secondary) where the locale groups with an apostrophe (CLDR 48's Swiss
    locales): Babel (2.19) strips quoted text from what it formats, so it drops those groups
    in pairs (``1'234'567`` comes out ``1234567``); they are put in by ``_regrouped``."""
    symbol = get_group_symbol(locale)
    if "'" not in symbol:
        return None
    primary, secondary = Locale.parse(locale).decimal_formats[None].grouping
    return symbol, primary, secondary


def _regrouped(ungrouped: str, group: tuple[str, int, int]) -> str:
    """``ungrouped`` (formatted with ``group_separator=False``) with its first run of digits grouped."""
    symbol, primary, secondary = group
    found = re.search(r"\d+", ungrouped)
    if found is None:
        return ungrouped
    digits, parts = found.group(), list[str]()
    size = primary
    while len(digits) > size:
        parts.insert(0, digits[-size:])
        digits, size = digits[:-size], secondary
    parts.insert(0, digits)
    return ungrouped[: found.start()] + symbol.join(parts) + ungrouped[found.end() :]


def money(cents: int | None, currency: str = "USD", locale: str = "en_US") -> str:
    """Exact money with the currency's minor units, e.g. ``$1,234.50``."""
    if cents is None:
        return NO_DATA
    group = _apostrophe_group(locale)
    if group is not None:
        return _regrouped(
            format_currency(_units(cents), currency, locale=locale, group_separator=False), group
        )
    return format_currency(_units(cents), currency, locale=locale)


def amount(cents: int | None, locale: str = "en_US", digits: int = 2) -> str:
    """Money without its currency, as it is typed in a form: ``1,250.50`` (``1.250,50`` in German)."""
    if cents is None:
        return NO_DATA
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    value = _units(cents).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    group = _apostrophe_group(locale)
    if group is not None:
        return _regrouped(format_decimal(value, pattern, locale=locale, group_separator=False), group)
    return format_decimal(value, pattern, locale=locale)


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
    group = _apostrophe_group(locale)
    text: str = _whole_pattern(locale).apply(
        whole, locale, currency=currency, currency_digits=False, group_separator=group is None
    )
    return text if group is None else _regrouped(text, group)


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
    group = _apostrophe_group(locale)
    if group is not None:
        return _regrouped(format_decimal(value, "#,##0", locale=locale, group_separator=False), group)
    return format_decimal(value, "#,##0", locale=locale)


# Nouns whose plural is not the noun with "s" (or "es"/"ies" by the usual English rules).
IRREGULAR_PLURALS = {"person": "people", "child": "children", "this": "these", "is": "are", "was": "were"}


def plural_noun(n: int, noun: str, many: str | None = None) -> str:
    """``noun`` as it goes with ``n``: "rung" for 1, "rungs" otherwise (``many`` when given, else
    an irregular plural, else the English rule: "entries", "boxes", "days")."""
    if n == 1:
        return noun
    if many is not None:
        return many
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def plural(n: int, noun: str, many: str | None = None, locale: str = "en_US") -> str:
    """A count with its noun: "1 rung", "2 rungs", "1,200 seats", "3 people" (see ``plural_noun``)."""
    return f"{count(n, locale)} {plural_noun(n, noun, many)}"


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
