"""Value types: money in integer cents and calendar months (``YYYY-MM``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import NewType

Cents = NewType("Cents", int)

# How a contract line's price is normalised to a month (DESIGN §4): months per billing period,
# and the discount scale (basis points; 10,000 = 100% off).
PERIOD_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "annual": 12}
FULL_DISCOUNT_BP = 10_000
ONE_DAY = dt.timedelta(days=1)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def cents_to_decimal_text(cents: int) -> str:
    """Plain machine-readable money text (``1250.00``) for CSV files."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def allocate(total: int, ratios: list[int]) -> list[int]:
    """Split ``total`` cents by ``ratios`` without losing a cent (Fowler's Money.allocate)."""
    if not ratios or sum(ratios) <= 0 or any(r < 0 for r in ratios):
        raise ValueError("ratios must be non-negative with a positive sum")
    whole = sum(ratios)
    parts = [total * r // whole for r in ratios]
    sharing = [i for i, r in enumerate(ratios) if r > 0]  # a zero share never gets a leftover cent
    for i in range(total - sum(parts)):
        parts[sharing[i % len(sharing)]] += 1
    return parts


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month; ordered, hashable, and convertible to an integer index for arithmetic."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, not {self.month}")
        if not 1900 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, text: str) -> Month:
        m = _MONTH.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a month like 2026-03")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def __add__(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def __sub__(self, months: int) -> Month:
        return Month.from_index(self.index - months)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def last_full_month(today: dt.date) -> Month:
    """The month before the one ``today`` falls in: the default month of every report."""
    return Month.of(today) - 1
