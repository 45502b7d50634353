"""An effective date far from today is confirmed before it is used: one before the client's start
or the item's first price, or more than a year ahead, is more often a slip of the calendar than
what was meant ("Mar 1, 2027 is 13 months after today — use it?")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from msp_desk import formatting as fmt

AHEAD_DAYS = 365  # further ahead than this asks
DAYS_SHOWN_UNDER = 61  # closer than this the distance is said in days, else in months


def distance_text(day: dt.date, today: dt.date) -> str:
    """How far ``day`` is from ``today`` in words: "12 days before today", "13 months after today"."""
    side = "before" if day < today else "after"
    days = abs((day - today).days)
    if days < DAYS_SHOWN_UNDER:
        return f"{fmt.plural(days, 'day')} {side} today"
    early, late = sorted((day, today))
    months = (late.year - early.year) * 12 + late.month - early.month - (late.day < early.day)
    return f"{fmt.plural(months, 'month')} {side} today"


def far_date_question(
    day: dt.date,
    today: dt.date,
    locale: str,
    *,
    earliest: dt.date | None = None,
    earliest_what: str = "",
) -> str | None:
    """The question to ask about ``day``, or None when it needs none: it is before ``earliest``
    (``earliest_what`` names it: "the client's start") or more than a year after ``today``."""
    when = fmt.date_text(day, locale)
    distance = distance_text(day, today)
    if earliest is not None and day < earliest:
        return (
            f"{when} is before {earliest_what} ({fmt.date_text(earliest, locale)}) and {distance} — use it?"
        )
    if (day - today).days > AHEAD_DAYS:
        return f"{when} is {distance} — use it?"
    return None


def confirm_date(parent: QWidget | None, question: str | None) -> bool:
    """Ask ``question`` (None asks nothing): True to go on with the date."""
    if question is None:
        return True
    answer = QMessageBox.question(
        parent,
        "Check the date",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
