"""What the ladder's forms share: money and minutes typed and read back, the shop's words for a
price model, and an error label beside each field that a ``ValidationError`` names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import cents_to_decimal_text, parse_money
from msp_desk.errors import MspError, ValidationError

ERROR_STYLE = "color: #b91c1c; font-size: 12px;"
UNIT_NOUNS = {"msp": "seat", "va": "hour"}  # what a per-unit price is per (clients.UNIT_WORDS)
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


def money_input(cents: int) -> str:
    """Money as it is typed back in a form: ``135.00``."""
    return cents_to_decimal_text(cents)


def parse_money_field(text: str, field: str) -> int:
    """Cents from what was typed (``1,250.50``, ``$99``); ValidationError naming ``field`` if not money."""
    if not text.strip():
        raise ValidationError(field, "enter an amount, e.g. 135.00")
    try:
        return parse_money(text)
    except ValueError:
        raise ValidationError(field, f"{text.strip()!r} is not an amount like 135.00") from None


def parse_minutes(text: str, field: str) -> int | None:
    """Minutes from ``30``, ``30 min``, ``4 h``, ``1.5 h`` or ``2 d``; None when left empty."""
    if not text.strip():
        return None
    found = _MINUTES.match(text)
    if found is None:
        raise ValidationError(field, f"{text.strip()!r}: write minutes (30), hours (4 h) or days (2 d)")
    try:
        number = Decimal(found.group(1).replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ValidationError(field, f"{text.strip()!r} is not a number") from None
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


class FieldErrors:
    """The error labels of a form, one beside each field (``error_<key>``), and one for the form.

    ``show(exc)`` puts a ValidationError's reason beside the field it names; any other user
    error (or a field without a label) goes to the form's label, in full."""

    def __init__(self, form_label: QLabel) -> None:
        self.form_label = form_label
        self.labels: dict[str, QLabel] = {}
        form_label.setObjectName("error_form")
        form_label.setStyleSheet(ERROR_STYLE)
        form_label.setWordWrap(True)
        form_label.hide()

    def label(self, key: str, *aliases: str) -> QLabel:
        """A new, hidden error label for the field ``key`` (and the fields in ``aliases``)."""
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        for name in (key, *aliases):
            self.labels[name] = error
        return error

    def boxed(self, key: str, widget: QWidget, aliases: Iterable[str] = ()) -> QWidget:
        """``widget`` with its error label below it, for a form row."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.label(key, *aliases))
        return box

    def clear(self) -> None:
        for label in (*self.labels.values(), self.form_label):
            label.clear()
            label.hide()

    def show(self, exc: MspError) -> None:
        label = self.labels.get(exc.field) if isinstance(exc, ValidationError) else None
        if label is None:
            self.form_label.setText(str(exc))
            self.form_label.show()
            return
        label.setText(exc.reason)  # type: ignore[union-attr]
        label.show()

    def shown(self) -> dict[str, str]:
        """The messages on show, by the label's key (``form`` for the form's own)."""
        found = {
            label.objectName().removeprefix("error_"): label.text()
            for label in self.labels.values()
            if not label.isHidden()
        }
        if not self.form_label.isHidden():
            found["form"] = self.form_label.text()
        return found
