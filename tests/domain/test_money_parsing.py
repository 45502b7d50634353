"""Money and whole numbers read in the shop's locale (en_US, de_DE, fr_CH): what each accepts,
what is ambiguous and refused with the reason, decimals, bounds, symbols and signs; and money
formatted in a locale reads back to the same cents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp_desk.domain.money import (
    MAX_MONEY_CENTS,
    NotANumber,
    parse_money,
    parse_number,
    parse_whole,
)
from msp_desk.domain.values import cents_to_decimal_text
from msp_desk.formatting import money

SHOPS = [("en_US", "USD"), ("de_DE", "EUR"), ("fr_CH", "CHF")]
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("locale", "currency", "text", "cents"),
    [
        # en_US: comma groups, dot decimal
        ("en_US", "USD", "1,250.50", 125_050),
        ("en_US", "USD", "$1,250.50", 125_050),
        ("en_US", "USD", "1,250", 125_000),
        ("en_US", "USD", "1,234,567.89", 123_456_789),
        ("en_US", "USD", "USD 99", 9_900),
        ("en_US", "USD", "99 usd", 9_900),
        ("en_US", "USD", " 7 ", 700),
        ("en_US", "USD", "0.05", 5),
        ("en_US", "USD", "12.5", 1_250),
        # de_DE: dot groups, comma decimal; plain machine text still reads
        ("de_DE", "EUR", "1.250,50", 125_050),
        ("de_DE", "EUR", "1.250,50 €", 125_050),
        ("de_DE", "EUR", f"1.250,50{NBSP}€", 125_050),
        ("de_DE", "EUR", "EUR 12,5", 1_250),
        ("de_DE", "EUR", "12,50", 1_250),
        ("de_DE", "EUR", "1.234.567,89", 123_456_789),
        ("de_DE", "EUR", "1250.00", 125_000),  # two decimals after a dot cannot be German grouping
        ("de_DE", "EUR", "12.5", 1_250),
        ("de_DE", "EUR", "0.125", None),  # (3 decimals: refused below, not ambiguous)
        # fr_CH (CLDR 48): apostrophe groups, comma decimal, dot as the currency decimal
        ("fr_CH", "CHF", "1'250,50", 125_050),
        ("fr_CH", "CHF", "1'250.50", 125_050),
        ("fr_CH", "CHF", "1\u2019250.50", 125_050),
        ("fr_CH", "CHF", "1 250.50", 125_050),
        ("fr_CH", "CHF", f"1{NNBSP}250,50", 125_050),
        ("fr_CH", "CHF", "1'234'567,89", 123_456_789),
        ("fr_CH", "CHF", f"1'250,50{NBSP}CHF", 125_050),
        ("fr_CH", "CHF", "CHF 12.5", 1_250),
        ("fr_CH", "CHF", "1250.00", 125_000),
        # the most MSP Desk takes
        ("en_US", "USD", "1,000,000,000.00", 100_000_000_000),
        ("de_DE", "EUR", "1.000.000.000,00", 100_000_000_000),
    ],
)
def test_money_as_the_locale_writes_it(locale: str, currency: str, text: str, cents: int | None) -> None:
    if cents is None:
        with pytest.raises(NotANumber, match="3 decimals"):
            parse_money(text, locale, currency)
    else:
        assert parse_money(text, locale, currency) == cents


@pytest.mark.parametrize(
    ("locale", "currency", "text", "reason"),
    [
        # the other convention's text: refused, saying which symbol groups here and what to write
        (
            "en_US",
            "USD",
            "12,50",
            "“12,50” is not money in en_US: the comma groups thousands here; write 12.50",
        ),
        (
            "en_US",
            "USD",
            "1.250,00",
            "“1.250,00” is not money in en_US: the comma groups thousands here; write 1,250.00",
        ),
        (
            "de_DE",
            "EUR",
            "1,250.00",
            "“1,250.00” is not money in de_DE: the dot groups thousands here; write 1.250,00",
        ),
        ("de_DE", "EUR", "1.250", "“1.250” is ambiguous in de_DE: write 1.250,00 or 1,25"),
        ("de_DE", "EUR", "12.500", "“12.500” is ambiguous in de_DE: write 12.500,00 or 12,50"),
        ("fr_CH", "CHF", "1.250,50", "“1.250,50” is not an amount of money in fr_CH: write it like 1'250,50"),
        ("en_US", "USD", "1,2345", "the comma groups thousands here; write it like 1,250.50"),
        # more decimals than the currency has
        ("en_US", "USD", "12.505", "“12.505” has 3 decimals; USD amounts have at most 2"),
        ("de_DE", "EUR", "12,505", "“12,505” has 3 decimals; EUR amounts have at most 2"),
        ("fr_CH", "CHF", "12,505", "“12,505” has 3 decimals; CHF amounts have at most 2"),
        ("en_US", "JPY", "1250.5", "“1250.5” has 1 decimal; JPY amounts have none"),
        # too big to be an MSP's figure (and to overflow a 64-bit column)
        (
            "en_US",
            "USD",
            "1000000000.01",
            "“1000000000.01” is more than 1,000,000,000.00, the most MSP Desk takes",
        ),
        ("de_DE", "EUR", "10" + "0" * 22, "is more than 1.000.000.000,00"),
        ("fr_CH", "CHF", "2'000'000'000", "is more than 1'000'000'000,00"),
        # not money at all, or another currency
        ("en_US", "USD", "", "enter an amount, e.g. 1,250.50"),
        ("en_US", "USD", "1e3", "not an amount of money in en_US"),
        ("en_US", "USD", "NaN", "not an amount of money in en_US"),
        ("en_US", "USD", "12.", "not an amount of money in en_US"),
        ("en_US", "USD", "€12", "not an amount of money in en_US"),
        ("de_DE", "EUR", "$12", "not an amount of money in de_DE: write it like 1.250,50"),
        ("en_US", "USD", "$12 USD", "not an amount of money"),
        ("en_US", "USD", "１２", "not an amount of money"),
        ("en_US", "USD", "12\x00", "“12\ufffd” is not an amount of money"),
        ("en_US", "USD", "9" * 100, "not an amount of money"),
        # a sign only where the caller allows it
        ("en_US", "USD", "-3.10", "“-3.10”: the amount must not be negative"),
        ("de_DE", "EUR", "-3,10 €", "the amount must not be negative"),
    ],
)
def test_what_is_not_money_is_refused_with_the_reason(
    locale: str, currency: str, text: str, reason: str
) -> None:
    with pytest.raises(NotANumber) as refused:
        parse_money(text, locale, currency)
    assert reason in str(refused.value)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("locale", "currency", "text", "cents"),
    [
        ("en_US", "USD", "-3.10", -310),
        ("en_US", "USD", "-$1,250.50", -125_050),
        ("en_US", "USD", "$-1,250.50", -125_050),
        ("de_DE", "EUR", "-1.250,50 €", -125_050),
        ("de_DE", "EUR", "\u22121.250,50", -125_050),
        ("fr_CH", "CHF", "-1'250.50 CHF", -125_050),
    ],
)
def test_a_minus_sign_where_the_caller_allows_negatives(
    locale: str, currency: str, text: str, cents: int
) -> None:
    assert parse_money(text, locale, currency, negative=True) == cents


@pytest.mark.parametrize(("locale", "currency"), SHOPS)
@given(cents=st.integers(min_value=-MAX_MONEY_CENTS, max_value=MAX_MONEY_CENTS))
def test_money_formatted_in_a_locale_reads_back_to_the_same_cents(
    locale: str, currency: str, cents: int
) -> None:
    assert parse_money(money(cents, currency, locale), locale, currency, negative=True) == cents


@pytest.mark.parametrize(("locale", "currency"), SHOPS)
@given(cents=st.integers(min_value=-MAX_MONEY_CENTS, max_value=MAX_MONEY_CENTS))
def test_a_csv_export_re_imports_in_every_locale(locale: str, currency: str, cents: int) -> None:
    assert parse_money(cents_to_decimal_text(cents), locale, currency, negative=True) == cents


@pytest.mark.parametrize(
    ("locale", "text", "value"),
    [
        ("en_US", "1,200", 1200),
        ("en_US", "12", 12),
        ("de_DE", "1.200", 1200),  # seats cannot be 1.2: the grouped reading is the only whole one
        ("fr_CH", "1'200", 1200),
        ("fr_CH", "1 200", 1200),
    ],
)
def test_whole_numbers_in_the_locale(locale: str, text: str, value: int) -> None:
    assert parse_whole(text, locale) == value


@pytest.mark.parametrize(
    ("locale", "text", "reason"),
    [
        ("en_US", "1.5", "“1.5” is not a whole number"),
        ("de_DE", "12,5", "“12,5” is not a whole number"),
        ("en_US", "12,5", "“12,5” is not a whole number in en_US: write it like 1,200"),
        ("en_US", "forty", "“forty” is not a whole number like 1,200"),
        ("en_US", "-3", "“-3” is not between 0 and 1,000,000,000"),
        ("de_DE", "2000000000", "is not between 0 and 1.000.000.000"),
        ("en_US", "", "enter a whole number"),
    ],
)
def test_what_is_not_a_whole_number_is_refused(locale: str, text: str, reason: str) -> None:
    with pytest.raises(NotANumber) as refused:
        parse_whole(text, locale)
    assert reason in str(refused.value)


def test_a_whole_number_within_the_callers_bounds() -> None:
    assert parse_whole("120", high=120) == 120
    with pytest.raises(NotANumber, match="between 0 and 120"):
        parse_whole("121", high=120)


@pytest.mark.parametrize(
    ("locale", "text", "value"),
    [("en_US", "3.5", "3.5"), ("de_DE", "3,5", "3.5"), ("de_DE", "3.5", "3.5"), ("fr_CH", "12,5", "12.5")],
)
def test_plain_numbers_in_the_locale(locale: str, text: str, value: str) -> None:
    assert parse_number(text, locale) == Decimal(value)


def test_a_plain_number_that_could_be_grouping_is_refused() -> None:
    with pytest.raises(NotANumber, match="“1.250” is ambiguous in de_DE: write 1250 or 1,25"):
        parse_number("1.250", "de_DE")
    with pytest.raises(NotANumber, match="the comma groups thousands here; write 3.5"):
        parse_number("3,5", "en_US")


def test_an_unknown_locale_is_named() -> None:
    with pytest.raises(NotANumber, match="'xx_NOWHERE' is not a known locale"):
        parse_money("12", "xx_NOWHERE")
