"""Money and whole numbers as people type them in the shop's locale: one strict reader for forms,
imports and the CLI (Babel's symbols, never a float), refusing the ambiguous with a reason.

How a text is read, in the shop's locale (its decimal and group symbols as Babel's CLDR has them):

- The currency may be written before or after the number, as the locale's symbol (``$``, ``€``,
  ``$US``) or the ISO code (``USD``, any case); a minus sign only where the caller allows it.
- Groups are the locale's (``1,250.50`` en_US, ``1.250,50`` de_DE, ``1'250,50`` fr_CH) and must
  sit where the locale puts them (threes; en_IN's lakhs). A group symbol that is a space also
  accepts a plain or no-break space; an apostrophe also accepts ``’`` and spaces.
- The decimal symbol is the locale's, or its currency decimal where CLDR gives one (fr_CH: ``.``).
- Machine text (``1250.00``, what our CSV exports write) reads the same in every locale: one dot
  between digits is a decimal point unless it could be the locale's grouping. It could be only
  when the dot groups thousands there (de_DE) and exactly three digits follow it after at most
  three digits: ``1.250`` is 1250 to a German and 1.25 to a machine, so it is refused with both
  spellings offered; ``1250.00``, ``1.5`` or ``12.50`` cannot be German grouping and are accepted.
- Anything else that a reader of another convention would take differently (``12,50`` in en_US,
  ``1,250.00`` in de_DE) is refused, saying which symbol groups here and how to write it.
- More decimals than the currency has (at most 2: amounts are kept in cents) and more than
  ``MAX_MONEY_CENTS`` are refused, so nothing can overflow a 64-bit column.

The grouping is checked here rather than by ``babel.numbers.parse_decimal(strict=True)``: that
compares the text with Babel's own formatting, which (2.19) drops apostrophe groups in pairs, so
it refuses a correct ``1'234'567`` in the Swiss locales, and it cannot say which convention the
text was written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_currency_precision, get_currency_symbol

from msp_desk import formatting as fmt
from msp_desk.domain.values import Cents

# 1,000,000,000.00 in any currency: far above any figure a small MSP has, far below SQLite's int64.
MAX_MONEY_CENTS = Cents(100_000_000_000)
# The largest whole number a form or file may give (seats, employees, hours): a billion.
MAX_WHOLE = 1_000_000_000
# Longer than any amount anyone types; refused before anything else is looked at.
MAX_NUMBER_TEXT = 64

_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))  # invisible marks Babel itself writes
_SPACES = " \u00a0\u202f\u2009\u2007"
_APOSTROPHES = "'\u2019"
_MINUS = "-\u2212"
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHAPE = re.compile(r"[0-9]+(?:[^0-9][0-9]+)*")
_SYMBOL_NAMES = {".": "dot", ",": "comma", "'": "apostrophe", "\u2019": "apostrophe"}


class NotANumber(ValueError):
    """Text that is not an amount (or a whole number) in the shop's locale; ``str()`` is the
    reason, one sentence for a person (a form shows it beside the field, an import after
    ``row N, column X:``)."""


@dataclass(frozen=True, slots=True)
class _Notation:
    """How one locale writes numbers (and one currency its amounts)."""

    locale: str
    decimals: frozenset[str]  # decimal symbols: the locale's, and its currency decimal if any
    groups: frozenset[str]  # group symbols, with the look-alikes people type for them
    primary: int  # digits in the rightmost group (3)
    secondary: int  # digits in the groups left of it (3; 2 for en_IN's lakhs)
    symbols: tuple[str, ...]  # currency markers, longest first
    digits: int  # decimals an amount may have

    def money(self, value: Decimal) -> str:
        if self.digits > 2:  # a plain number (parse_number), not money in cents
            return str(format_decimal(value, "#,##0.######", locale=self.locale))
        return fmt.amount(int(value * 100), self.locale, self.digits)

    def whole(self, value: int) -> str:
        return fmt.count(value, self.locale)


@cache
def _notation(locale: str, currency: str = "USD") -> _Notation:
    try:
        parsed = Locale.parse(locale)
    except (ValueError, TypeError, UnknownLocaleError) as exc:
        raise NotANumber(f"{locale!r} is not a known locale such as en_US or de_DE") from exc
    symbols = parsed.number_symbols["latn"]
    decimals = {symbols["decimal"], symbols.get("currencyDecimal", symbols["decimal"])}
    group = symbols["group"]
    groups = {group}
    if group in _SPACES:
        groups |= set(_SPACES)
    if group in _APOSTROPHES:
        groups |= set(_APOSTROPHES) | set(_SPACES)
    primary, secondary = parsed.decimal_formats[None].grouping
    markers = {currency.upper(), get_currency_symbol(currency, parsed).translate(_BIDI_MARKS).strip()}
    return _Notation(
        locale=str(parsed),
        decimals=frozenset(decimals),
        groups=frozenset(groups - decimals),
        primary=primary,
        secondary=secondary,
        symbols=tuple(sorted((m for m in markers if m), key=len, reverse=True)),
        digits=money_digits(currency),
    )


def money_digits(currency: str) -> int:
    """The decimals an amount of ``currency`` is written with: its minor units, at most 2 (cents)."""
    return min(get_currency_precision(currency), 2)


def check_locale(locale: str) -> None:
    """Raise NotANumber unless Babel knows ``locale`` (the shop's locale must read numbers)."""
    _notation(locale)


def parse_money(text: str, locale: str = "en_US", currency: str = "USD", *, negative: bool = False) -> Cents:
    """Cents from money typed in ``locale`` (``$1,250.50``, ``1.250,50 €``, ``1250.00``); raises
    NotANumber saying why not. A minus sign only when ``negative`` allows it."""
    notation = _notation(locale, currency)
    shown = _quoted(text)
    example = notation.money(Decimal("1250.50"))
    body = _without_marks(text)
    if not body:
        raise NotANumber(f"enter an amount, e.g. {example}")
    if len(body) > MAX_NUMBER_TEXT:
        raise NotANumber(f"that is not an amount of money: write it like {example}")
    minus, body = _unsigned_money(body, notation)
    if not _SHAPE.fullmatch(body):
        raise NotANumber(f"{shown} is not an amount of money in {notation.locale}: write it like {example}")
    if minus and not negative:
        raise NotANumber(f"{shown}: the amount must not be negative")
    whole, fraction = _read_digits(shown, body, notation, example, kind="money")
    if len(fraction) > notation.digits:
        most = f"at most {notation.digits}" if notation.digits else "none"
        raise NotANumber(
            f"{shown} has {len(fraction)} decimal{'s' * (len(fraction) > 1)}; {currency} amounts have {most}"
        )
    cents = int(whole) * 100 + int((fraction + "00")[:2])
    if cents > MAX_MONEY_CENTS:
        limit = notation.money(Decimal(MAX_MONEY_CENTS) / 100)
        raise NotANumber(f"{shown} is more than {limit}, the most MSP Desk takes")
    return Cents(-cents if minus else cents)


def parse_whole(text: str, locale: str = "en_US", *, low: int = 0, high: int = MAX_WHOLE) -> int:
    """A whole number typed in ``locale`` (``1,200``; ``1.200`` in de_DE) between ``low`` and
    ``high``; raises NotANumber saying why not."""
    notation = _notation(locale)
    shown = _quoted(text)
    example = notation.whole(1200)
    body = _without_marks(text)
    if not body:
        raise NotANumber("enter a whole number")
    if len(body) > MAX_NUMBER_TEXT:
        raise NotANumber(f"that is not a whole number like {example}")
    minus = body[:1] in _MINUS
    body = body[1:].lstrip() if minus else body
    if not _SHAPE.fullmatch(body):
        raise NotANumber(f"{shown} is not a whole number like {example}")
    whole, fraction = _read_digits(shown, body, notation, example, kind="whole")
    if fraction:
        raise NotANumber(f"{shown} is not a whole number")
    value = -int(whole) if minus else int(whole)
    if not low <= value <= high:
        raise NotANumber(f"{shown} is not between {notation.whole(low)} and {notation.whole(high)}")
    return value


def parse_number(text: str, locale: str = "en_US", *, decimals: int = 4, high: int = MAX_WHOLE) -> Decimal:
    """A number of at least 0 and at most ``high`` typed in ``locale`` (``3.5``; ``3,5`` in German)
    with at most ``decimals`` decimals, as an exact Decimal; raises NotANumber saying why not."""
    notation = replace(_notation(locale), digits=max(decimals, 3), symbols=())
    shown = _quoted(text)
    example = notation.money(Decimal("1250.5"))
    body = _without_marks(text)
    if not body:
        raise NotANumber("enter a number")
    if len(body) > MAX_NUMBER_TEXT or not _SHAPE.fullmatch(body):
        raise NotANumber(f"{shown} is not a number like {example}")
    whole, fraction = _read_digits(shown, body, notation, example, kind="number")
    if len(fraction) > decimals:
        raise NotANumber(f"{shown} has more than {decimals} decimals")
    value = Decimal(f"{whole}.{fraction or 0}")
    if value > high:
        raise NotANumber(f"{shown} is more than {notation.whole(high)}")
    return value


def _quoted(text: str) -> str:
    """What was typed, as a message quotes it: “12,50” (a capital letter never changes it); an
    invisible control character shows as � rather than reordering or breaking the message."""
    return "\u201c" + _INVISIBLE.sub("\ufffd", text.strip()) + "\u201d"


def _without_marks(text: str) -> str:
    return text.translate(_BIDI_MARKS).strip()


def _unsigned_money(body: str, notation: _Notation) -> tuple[bool, str]:
    """(minus, the number alone): the currency marker (before or after) and sign taken off."""
    minus = False
    if body[:1] in _MINUS:
        minus, body = True, body[1:].lstrip()
    prefix = _marker(body, notation, at_start=True)
    if prefix:
        body = body[len(prefix) :].lstrip()
        if not minus and body[:1] in _MINUS:
            minus, body = True, body[1:].lstrip()
    suffix = "" if prefix else _marker(body, notation, at_start=False)
    if suffix:
        body = body[: -len(suffix)].rstrip()
    return minus, body


def _marker(body: str, notation: _Notation, *, at_start: bool) -> str:
    for symbol in notation.symbols:
        edge = body[: len(symbol)] if at_start else body[len(body) - len(symbol) :]
        if edge.upper() == symbol.upper():
            return edge
    return ""


def _read_digits(shown: str, body: str, notation: _Notation, example: str, *, kind: str) -> tuple[str, str]:
    """(whole digits, fraction digits) of ``body`` (digits and single separators), read in
    ``notation``; raises NotANumber for the ambiguous and the wrongly grouped."""
    runs = re.split(r"[^0-9]", body)
    seps = re.findall(r"[^0-9]", body)
    if not seps:
        return body, ""
    if len(seps) == 1 and seps[0] == "." and "." not in notation.decimals:
        # Machine text (1250.00) unless the dot could be this locale's grouping.
        could_group = len(runs[1]) == notation.primary and len(runs[0]) <= notation.secondary
        if "." in notation.groups and could_group and runs[0][0] != "0":
            if kind == "whole":  # 1.250 seats: only the grouped reading is whole
                return runs[0] + runs[1], ""
            raise NotANumber(_ambiguous(shown, runs[0], runs[1], notation))
        return runs[0], runs[1]
    *heads, last = seps
    if last in notation.decimals and all(s in notation.groups for s in heads):
        whole_runs, fraction = runs[:-1], runs[-1]
    elif all(s in notation.groups for s in seps):
        whole_runs, fraction = runs, ""
    else:
        raise NotANumber(_misread(shown, runs, seps, notation, example, kind=kind))
    if len(whole_runs) > 1 and not _well_grouped(whole_runs, notation):
        raise NotANumber(_misread(shown, runs, seps, notation, example, kind=kind))
    return "".join(whole_runs), fraction


def _ambiguous(shown: str, head: str, tail: str, notation: _Notation) -> str:
    """Why ``1.250`` is refused where the dot groups: 1250 to the locale, 1.25 to a machine."""
    # A plain number's grouped reading would be as ambiguous as what was typed: offer it ungrouped.
    grouped = head + tail if notation.digits > 2 else notation.money(Decimal(head + tail))
    small = Decimal(f"{head}.{tail}")
    if small == small.quantize(Decimal(1).scaleb(-notation.digits)):
        return f"{shown} is ambiguous in {notation.locale}: write {grouped} or {notation.money(small)}"
    return f"{shown} is ambiguous in {notation.locale}: write {grouped} if that is the amount"


def _well_grouped(runs: list[str], notation: _Notation) -> bool:
    first, *middle, last = runs
    return (
        1 <= len(first) <= notation.secondary
        and all(len(r) == notation.secondary for r in middle)
        and len(last) == notation.primary
    )


def _misread(
    shown: str, runs: list[str], seps: list[str], notation: _Notation, example: str, *, kind: str
) -> str:
    """Why ``shown`` is refused: which symbol groups here, and how to write what was likely meant."""
    what = {"money": "money", "number": "a number"}.get(kind)
    if what is None:
        return f"{shown} is not a whole number in {notation.locale}: write it like {example}"
    last = seps[-1]
    if last in notation.groups and last in ".,":
        heads, meant = set(seps[:-1]), None
        foreign = heads <= {"," if last == "." else "."} and (not heads or _well_grouped(runs[:-1], notation))
        if foreign and len(runs[-1]) <= notation.digits:
            meant = notation.money(Decimal("".join(runs[:-1]) + "." + runs[-1]))
        advice = f"write {meant}" if meant else f"write it like {example}"
        return (
            f"{shown} is not {what} in {notation.locale}: the {_SYMBOL_NAMES[last]} groups "
            f"thousands here; {advice}"
        )
    return f"{shown} is not {'an amount of money' if kind == 'money' else what} in {notation.locale}: write it like {example}"
