"""Small validation rules shared by the entities; each raises ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum

from msp_desk.errors import ValidationError, ValidationErrors

# Names and other one-line text: at most NAME_MAX characters, none of them a C0/C1 control (NUL,
# tab, line breaks, DEL...) or an invisible bidi control (which can make a name read backwards in
# a list, a PDF or a spreadsheet). Notes may run over lines and use tabs, but no other control.
NAME_MAX = 200
NOTE_MAX = 10_000
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_LINE_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_NOTE_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _clean(value: str, field: str, max_len: int, lines: bool) -> None:
    if len(value) > max_len:
        raise ValidationError(field, f"is longer than {max_len:,} characters")
    found = (_NOTE_CONTROLS if lines else _LINE_CONTROLS).search(value)
    if found is not None:
        what = "a line break" if found.group() in "\r\n\u2028\u2029" else "an invisible control character"
        raise ValidationError(field, f"contains {what} (U+{ord(found.group()):04X}); type it without")


def one_line(value: str | None, field: str, max_len: int = NAME_MAX) -> None:
    """Optional one-line text (an email, a phone number, an industry): bounded, no control characters."""
    if value:
        _clean(value, field, max_len, lines=False)


def note(value: str | None, field: str, max_len: int = NOTE_MAX) -> None:
    """Optional text over several lines (notes, descriptions, an address): bounded; line breaks
    and tabs allowed, no other control character."""
    if value:
        _clean(value, field, max_len, lines=True)


def non_negative(value: int | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(field, f"must not be negative (got {value})")


def non_negative_money(cents: int | None, field: str) -> None:
    """As ``non_negative`` for an amount in cents: the message does not quote it (cents mean nothing
    to the user, and the domain does not know the shop's money; the amount is beside the field)."""
    if cents is not None and cents < 0:
        raise ValidationError(field, "must not be negative")


def positive(value: int | None, field: str) -> None:
    if value is None or value <= 0:
        raise ValidationError(field, f"must be greater than zero (got {value})")


def known(value: str | None, choices: type[StrEnum], field: str, optional: bool = False) -> None:
    if value is None and optional:
        return
    allowed = [c.value for c in choices]
    if value not in allowed:
        raise ValidationError(field, f"{value!r} is not one of {', '.join(allowed)}")


def text_required(value: str | None, field: str, max_len: int = NAME_MAX, *, lines: bool = False) -> None:
    """Text that must be there: a name (one line, no control characters) or, with ``lines``, a
    body of several lines."""
    if value is None or not value.strip():
        raise ValidationError(field, "must not be empty")
    _clean(value, field, max_len, lines)


def date_order(start: dt.date | None, end: dt.date | None, end_field: str, start_field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(end_field, f"{end.isoformat()} is before {start_field} {start.isoformat()}")


def in_range(value: int | None, low: int, high: int, field: str) -> None:
    if value is not None and not low <= value <= high:
        raise ValidationError(field, f"must be between {low} and {high} (got {value})")


def problems(*checks: Callable[[], object]) -> list[ValidationError]:
    """Run every check; the ValidationErrors they raised (each of a ``ValidationErrors`` too)."""
    found: list[ValidationError] = []
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            found.append(exc)
        except ValidationErrors as exc:
            found.extend(exc.errors)
    return found


def all_of(*checks: Callable[[], object]) -> None:
    """Run every check; raise the one ValidationError found, or all of them (``ValidationErrors``),
    so a form shows each field's problem at once."""
    found = problems(*checks)
    if len(found) == 1:
        raise found[0]
    if found:
        raise ValidationErrors(found)
