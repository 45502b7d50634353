"""Small validation rules shared by the entities; each raises ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from msp_desk.errors import ValidationError


def non_negative(value: int | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(field, f"must not be negative (got {value})")


def positive(value: int | None, field: str) -> None:
    if value is None or value <= 0:
        raise ValidationError(field, f"must be greater than zero (got {value})")


def known(value: str | None, choices: type[StrEnum], field: str, optional: bool = False) -> None:
    if value is None and optional:
        return
    allowed = [c.value for c in choices]
    if value not in allowed:
        raise ValidationError(field, f"{value!r} is not one of {', '.join(allowed)}")


def text_required(value: str | None, field: str, max_len: int = 200) -> None:
    if value is None or not value.strip():
        raise ValidationError(field, "must not be empty")
    if len(value) > max_len:
        raise ValidationError(field, f"is longer than {max_len} characters")


def date_order(start: dt.date | None, end: dt.date | None, end_field: str, start_field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(end_field, f"{end.isoformat()} is before {start_field} {start.isoformat()}")


def in_range(value: int | None, low: int, high: int, field: str) -> None:
    if value is not None and not low <= value <= high:
        raise ValidationError(field, f"must be between {low} and {high} (got {value})")
