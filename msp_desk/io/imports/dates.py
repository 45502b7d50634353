"""Dates and times as exports write them: ISO (``2025-03-04``, ``2025-03-04T09:15:00Z``), US
(``3/4/2025 9:15 AM``) and EU (``4/3/2025 09:15``, ``04.03.2025``), with or without a time.

A day-month order is settled, in turn, by ``--dates dmy|mdy|ymd``; else by the file itself (a
first number over 12 anywhere in it means day first, a second over 12 month first: ServiceNow's
``29/2/2016 01:16``); else a date whose day and month could swap (``4/3/2025``) is refused with
the reason. ISO dates are always year-month-day. A time-zone mark (``Z``, ``+02:00``) is dropped:
tickets keep the wall-clock times the export wrote, all in one zone, which is what MTTR needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum


class DateOrder(StrEnum):
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


class NotADate(ValueError):
    """``str()`` is the reason, for ``row N, column X:``."""


_TIME = r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6})\d*)?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
_ISO = re.compile(r"(?P<a>\d{4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,2})" + _TIME + _ZONE + r"\Z")
_DAY_FIRST = re.compile(r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<c>\d{4})" + _TIME + _ZONE + r"\Z")
_SLASHED = re.compile(r"(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-](?P<c>\d{4})" + _TIME + _ZONE + r"\Z")
_EXAMPLE = "a date like 2025-03-04 or 2025-03-04 09:15"
# A value ``_SLASHED`` could match starts (after spaces) with one or two digits and a / or -.
_MAY_BE_SLASHED = re.compile(r"^\s*\d{1,2}[/-]", re.MULTILINE)
# Plain ISO by its length: the characters at 4, 7, 10, 13, 16 and 19 (those it has) are its
# separators: a date; with hh:mm after a space or a T; with :ss; with .ffffff.
_PLAIN_ISO_SEPARATORS = {
    10: frozenset({"--"}),
    16: frozenset({"-- :", "--T:"}),
    19: frozenset({"-- ::", "--T::"}),
    26: frozenset({"-- ::.", "--T::."}),
}


def order_of_file(values: Iterable[str]) -> DateOrder | None:
    """The day-month order the dates of a file show (a number over 12 in first or second place),
    None when none shows it. Dates that show both orders are left for ``parse_datetime`` to
    refuse one by one."""
    values = list(values)
    if _MAY_BE_SLASHED.search("\n".join(values)) is None:  # one scan: most files are ISO
        return None
    day_first = month_first = False
    for value in values:
        found = _SLASHED.match(value.strip())
        if found is None:
            continue
        first, second = int(found["a"]), int(found["b"])
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
    if day_first and not month_first:
        return DateOrder.DMY
    if month_first and not day_first:
        return DateOrder.MDY
    return None


def parse_datetime(text: str, order: DateOrder | None) -> dt.datetime:
    """``text`` as a naive datetime (midnight when it has no time), by the rules above."""
    plain = plain_iso(text)
    return plain if plain is not None else general_datetime(text, order)


def general_datetime(text: str, order: DateOrder | None) -> dt.datetime:
    """``parse_datetime`` without its quick path: every shape, and the reason a text is refused."""
    value = " ".join(text.split())
    iso = _ISO.match(value)
    if iso is not None:
        return _build(iso, int(iso["a"]), int(iso["b"]), int(iso["c"]), text)
    dotted = _DAY_FIRST.match(value)
    if dotted is not None:
        return _build(dotted, int(dotted["c"]), int(dotted["b"]), int(dotted["a"]), text)
    slashed = _SLASHED.match(value)
    if slashed is None:
        raise NotADate(f"{text!r} is not {_EXAMPLE}")
    first, second, year = int(slashed["a"]), int(slashed["b"]), int(slashed["c"])
    if order is DateOrder.YMD:
        raise NotADate(f"{text!r} does not start with the year, as --dates ymd says")
    if order is None:
        if first > 12 >= second:
            order = DateOrder.DMY
        elif second > 12 >= first or first == second:
            order = DateOrder.MDY
        else:
            day_month = _spoken(year, second, first)
            month_day = _spoken(year, first, second)
            raise NotADate(
                f"{text!r} could be {day_month} or {month_day}; say which with --dates dmy "
                "(day first) or --dates mdy (month first)"
            )
    month, day = (second, first) if order is DateOrder.DMY else (first, second)
    return _build(slashed, year, month, day, text)


def plain_iso(text: str) -> dt.datetime | None:
    """``text`` as ``parse_datetime`` reads it when it is plain ISO, the shape exports write most
    (``2025-03-04``, then `` 09:15`` or ``T09:15``, ``:00``, ``.123456``): a quick path, None for
    any other text (then the general shapes decide, and say why a text is refused).

    ``fromisoformat`` reads more shapes than these (week dates, time zones, ``24:00``), with other
    meanings: the separators are checked first, and it checks that the rest are digits."""
    separators = _PLAIN_ISO_SEPARATORS.get(len(text))
    if separators is None or text[4:20:3] not in separators or text[11:13] == "24":
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:  # not a real date or time: the general reading says why
        return None


def parse_date(text: str, order: DateOrder | None) -> dt.date:
    """``text`` as a date; a time of day after it is allowed and ignored (exports write
    ``2025-03-04 00:00:00``)."""
    return parse_datetime(text, order).date()


def _build(found: re.Match[str], year: int, month: int, day: int, text: str) -> dt.datetime:
    hour = int(found["hour"] or 0)
    ampm = (found["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise NotADate(f"{text!r} has hour {hour} with {found['ampm']}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    fraction = (found["fraction"] or "").ljust(6, "0")
    try:
        return dt.datetime(
            year, month, day, hour, int(found["minute"] or 0), int(found["second"] or 0), int(fraction or 0)
        )
    except ValueError as exc:
        raise NotADate(f"{text!r} is not a real date or time ({exc})") from None


def _spoken(year: int, month: int, day: int) -> str:
    try:
        day_of = dt.date(year, month, day)
        return f"{day_of.day} {day_of:%B %Y}"
    except ValueError:
        return f"day {day} of month {month}"
