"""Argument types the commands share: a date, a whole number, a month; a bad value is a usage
error (exit 2) with a sentence saying what was expected."""

from __future__ import annotations

import argparse
import datetime as dt


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def count_arg(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number like 12")
    return int(text)


def month_arg(text: str) -> str:
    from msp_desk.domain.values import Month

    try:
        return str(Month.parse(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-03") from None
