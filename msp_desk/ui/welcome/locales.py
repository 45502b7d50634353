"""The locales and currencies a new shop picks from, named as people read them ("English (United
States) — en_US", "EUR — Euro"), the system's locale as the default and its country's currency."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_territory_currencies

FALLBACK_LOCALE, FALLBACK_CURRENCY = "en_US", "USD"
COMMON_LOCALES = (
    "en_US", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IE", "en_ZA", "en_IN", "en_SG",
    "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "fr_CH", "fr_BE", "it_IT", "it_CH",
    "es_ES", "es_MX", "nl_NL", "nl_BE", "pt_BR", "pt_PT", "sv_SE", "da_DK", "nb_NO",
    "fi_FI", "pl_PL", "cs_CZ", "ja_JP",
)  # fmt: skip
COMMON_CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "JPY", "INR", "ZAR", "SGD", "BRL", "MXN",
)  # fmt: skip


def known_locale(code: str | None) -> str | None:
    """``code`` as Babel spells it ("en_US" from "en_US.UTF-8"), or None when Babel does not know it."""
    if not code:
        return None
    try:
        return str(Locale.parse(code.split(".")[0].split("@")[0]))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def system_locale(environ: Mapping[str, str] | None = None) -> str:
    """The locale the computer is set to (``LC_ALL``, ``LC_NUMERIC``, ``LANG``) if Babel knows it,
    else en_US. (Babel's own guess reads ``LC_CTYPE`` first, which Python sets to C.UTF-8 when the
    system's locale is not installed.)"""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        found = known_locale(env.get(name))
        # Babel reads the "C" locale of a bare system as en_US_POSIX: not a shop's format.
        if found and not found.endswith("POSIX"):
            return found
    return FALLBACK_LOCALE


def locale_label(code: str) -> str:
    """ "English (United States) — en_US" """
    return f"{Locale.parse(code).get_display_name('en')} — {code}"


def locale_choices(extra: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of the common locales, with ``extra`` (e.g. the system's) if it is not among them."""
    codes = list(COMMON_LOCALES)
    if extra and extra not in codes:
        codes.insert(0, extra)
    return [(code, locale_label(code)) for code in codes]


def currency_of(locale: str, today: dt.date | None = None) -> str:
    """The currency of the locale's country today ("de_CH" -> CHF), else USD."""
    territory = Locale.parse(locale).territory
    if not territory:
        return FALLBACK_CURRENCY
    found = get_territory_currencies(territory, today or dt.date.today())
    return found[0] if found else FALLBACK_CURRENCY


def currency_choices(extra: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of the common currencies ("EUR — Euro"), with ``extra`` if not among them."""
    codes = list(COMMON_CURRENCIES)
    if extra and extra not in codes:
        codes.append(extra)
    return [(code, f"{code} — {get_currency_name(code, locale='en')}") for code in codes]
