"""When a client's next QBR is due, and what a QBR asks (seed 001 §4: meet the decision makers
every quarter, recap the last 90 days, ask about the business, set the next 90 days' priorities)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from msp_desk.domain import rules
from msp_desk.errors import ValidationError

QBR_EVERY_DAYS = 90  # the default cadence (one quarter); a tier's own cadence may replace it

# Seed 001's questions, asked before the next 90 days' priorities are set: the shop's own list
# (Settings, ``ShopSettings.qbr_questions``) replaces them; each meeting's text is editable too.
QBR_QUESTIONS = (
    "Before we set priorities for the next 90 days, what are the big things we should know about your business?",
    "Are there any big changes going on in your industry?",
    "Is there an expansion plan?",
    "Are there any mergers or acquisitions on the horizon?",
    "What should we really plan for and take into account?",
)

QUESTION_MAX = 500  # characters in one question

# The business changes a QBR asks about: (key, label), the label as stored in the meeting's text.
BUSINESS_CHANGES = (
    ("hires", "Hires"),
    ("locations", "New locations"),
    ("expansion", "Expansion"),
    ("mergers", "Mergers or acquisitions"),
    ("industry", "Industry changes"),
)


def next_qbr_due(
    last_qbr_day: dt.date | None,
    last_next_qbr_on: dt.date | None,
    start_date: dt.date | None,
    every_days: int = QBR_EVERY_DAYS,
) -> dt.date | None:
    """The day a client's next QBR is due: the date its last QBR set, else ``every_days`` after
    its last QBR, else after its start; None with neither (nothing to count from).

    Days, not months: 90 days after 1 December is 1 March (29 February in a leap year), and a start on
    29 February is due on 29 May, so no month end is ever rounded."""
    if last_qbr_day is not None:
        return (
            last_next_qbr_on if last_next_qbr_on is not None else last_qbr_day + dt.timedelta(days=every_days)
        )
    if start_date is not None:
        return start_date + dt.timedelta(days=every_days)
    return None


def default_next_qbr(day: dt.date, every_days: int = QBR_EVERY_DAYS) -> dt.date:
    """The next QBR's date a meeting held on ``day`` proposes."""
    return day + dt.timedelta(days=every_days)


def business_changes_text(checked: tuple[str, ...], text: str) -> str:
    """The meeting's business changes as stored: the checked kinds' labels, then what was said
    (``Hires; New locations: a second office in Leeds``)."""
    labels = [label for key, label in BUSINESS_CHANGES if key in checked]
    said = " ".join(text.split())
    if labels and said:
        return f"{'; '.join(labels)}: {said}"
    return "; ".join(labels) or said


def questions_text(questions: tuple[str, ...]) -> str:
    """The default questions as the record's editable text: each with a line for its answer."""
    return "\n".join(f"{question}\n  → " for question in questions)


def checked_questions(questions: Iterable[str]) -> tuple[str, ...]:
    """The questions as kept: each trimmed, blank ones dropped, in their order. Refused: a
    question over ``QUESTION_MAX`` characters or with a control character (a line break inside
    one would split it in two), and a list left empty (a QBR asks something)."""
    kept = []
    for number, question in enumerate((q.strip() for q in questions), start=1):
        if not question:
            continue
        try:
            rules.one_line(question, "questions", max_len=QUESTION_MAX)
        except ValidationError as exc:
            raise ValidationError("questions", f"question {number} {exc.reason}") from None
        kept.append(question)
    if not kept:
        raise ValidationError(
            "questions", "keep at least one question (Restore seed questions brings back seed 001's)"
        )
    return tuple(kept)


def stored_questions(questions: tuple[str, ...]) -> str:
    """The list as the settings store it: one a line; "" for seed 001's own list."""
    return "" if questions == QBR_QUESTIONS else "\n".join(questions)


def questions_from(stored: str | None) -> tuple[str, ...]:
    """The shop's questions from the settings' text: seed 001's when none are stored."""
    found = tuple(line.strip() for line in (stored or "").splitlines() if line.strip())
    return found or QBR_QUESTIONS
