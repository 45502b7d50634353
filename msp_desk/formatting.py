"""Text for people: money, rates and hours formatted with Babel (used by the UI, CLI and reports)."""

from __future__ import annotations

from decimal import Decimal

DASH = "—"


def money(cents: int | None, currency: str = "USD", locale: str = "en_US", whole: bool = False) -> str:
    """``123456`` -> ``$1,234.56`` (``$1,235`` when ``whole``); None -> an em dash."""
    if cents is None:
        return DASH
    from babel.numbers import format_currency

    amount = Decimal(cents) / 100
    if whole:
        return format_currency(
            amount.quantize(Decimal(1)), currency, locale=locale, format="¤#,##0", currency_digits=False
        )
    return format_currency(amount, currency, locale=locale)


def percent(rate: float | None, digits: int = 1, locale: str = "en_US") -> str:
    if rate is None:
        return DASH
    from babel.numbers import format_percent

    return format_percent(rate, format="#,##0." + "0" * digits + "%" if digits else "#,##0%", locale=locale)


def hours(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f} h"


def ratio(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f} : 1"


def months(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f} months"
