"""The ladder's own words and fields: the growth stages' titles, how a price model is put in the
shop's words, and response times typed as minutes, hours or days and read back."""

from __future__ import annotations

import re

from msp_desk import formatting as fmt
from msp_desk.domain.money import NotANumber, parse_number
from msp_desk.errors import ValidationError
from msp_desk.ui.common.fields import Collected, parse_money_field
from msp_desk.ui.common.words import UNIT_NOUNS

STAGE_TITLES = {
    "run": ("Run", "Keep things running"),
    "protect": ("Protect", "Protect what matters"),
    "optimize": ("Optimize", "Optimize and govern"),
    "scale": ("Scale", "Scale and change"),
}
_MINUTES = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)?\s*$", re.IGNORECASE
)
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440}


def price_model_choices(kind: str, addon: bool = False) -> list[tuple[str, str]]:
    """(value, label) of the price models a tier (or an add-on: no blocks of hours) may have."""
    noun = UNIT_NOUNS.get(kind, "seat")
    choices = [("per_seat", f"Per {noun}"), ("flat", "Flat monthly fee")]
    if not addon:
        block = ("per_hours_block", "Per block of hours")
        choices.insert(0 if kind == "va" else 2, block)
    return choices


def price_words(price_model: str, kind: str, hours_per_block: int | None = None) -> str:
    """How a price is charged: "per seat a month", "per 10-hour block a month", "a month (flat fee)"."""
    if price_model == "per_seat":
        return f"per {UNIT_NOUNS.get(kind, 'seat')} a month"
    if price_model == "per_hours_block":
        return (
            f"per {hours_per_block}-hour block a month" if hours_per_block else "per block of hours a month"
        )
    return "a month (flat fee)"


def parse_minutes(text: str, field: str, locale: str = "en_US") -> int | None:
    """Minutes from ``30``, ``30 min``, ``4 h``, ``1.5 h`` (``1,5 h`` in German) or ``2 d``;
    None when left empty."""
    if not text.strip():
        return None
    found = _MINUTES.match(text)
    if found is None:
        raise ValidationError(field, f"{text.strip()!r}: write minutes (30), hours (4 h) or days (2 d)")
    try:
        number = parse_number(found.group(1), locale)
    except NotANumber as exc:
        raise ValidationError(field, str(exc)) from None
    unit = (found.group(2) or "m")[0].lower()
    minutes = number * _UNIT_MINUTES[unit]
    if minutes != minutes.to_integral_value():
        raise ValidationError(field, f"{text.strip()} is not a whole number of minutes")
    return int(minutes)


def minutes_text(minutes: int | None, locale: str = "en_US") -> str:
    """``45 min``, ``4 h``, ``1 h 30 min``, ``2 d``; "—" for no target."""
    if minutes is None:
        return fmt.NO_DATA
    if minutes and minutes % 1440 == 0:
        return f"{fmt.count(minutes // 1440, locale)} d"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{fmt.count(rest, locale)} min"
    if not rest:
        return f"{fmt.count(hours, locale)} h"
    return f"{fmt.count(hours, locale)} h {fmt.count(rest, locale)} min"


def typed_prices(price: str, cost: str, currency: str, locale: str, collected: Collected) -> tuple[int, int]:
    """(price, cost) in cents as typed in ``locale``; a field that is not money is kept in
    ``collected`` (its error shown with the form's others) and read as 0."""
    return (
        collected.read(lambda: parse_money_field(price, "price", currency, locale), 0),
        collected.read(lambda: parse_money_field(cost, "cost", currency, locale), 0),
    )
