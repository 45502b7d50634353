"""A form's fields: an error label beside each field that a ``ValidationError`` names
(``FieldErrors``), and what was typed read back: money, whole numbers and dates, as the shop's
locale writes them or as plain machine text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from babel.dates import get_date_format
from babel.numbers import NumberFormatError, format_decimal, get_currency_symbol, parse_decimal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from msp_desk.domain.values import cents_to_decimal_text, parse_money
from msp_desk.errors import MspError, ValidationError
from msp_desk.ui import theme


def error_label(key: str) -> QLabel:
    """A red message shown under a field (``error_<key>``), hidden while there is none."""
    label = QLabel()
    label.setObjectName(f"error_{key}")
    label.setWordWrap(True)
    label.setStyleSheet(theme.label_style("error"))
    label.hide()
    return label


class FieldErrors:
    """The error labels of one form: shows a ``ValidationError`` beside its field (``aliases``
    map a service's field name to the form's), anything else on the form's own label.

    ``capitalize``: whether a reason shown beside its field starts with a capital letter."""

    def __init__(
        self,
        form_label: QLabel | None = None,
        aliases: dict[str, str] | None = None,
        *,
        capitalize: bool = True,
    ) -> None:
        self.labels: dict[str, QLabel] = {}
        self.form = form_label if form_label is not None else QLabel()
        self.form.setObjectName("error_form")
        self.form.setWordWrap(True)
        self.form.setStyleSheet(theme.label_style("error"))
        self.form.hide()
        self.aliases = aliases or {}
        self.capitalize = capitalize

    def add(self, key: str, *aliases: str) -> QLabel:
        """A new, hidden error label for field ``key`` (and the service fields in ``aliases``)."""
        label = error_label(key)
        for name in (key, *aliases):
            self.labels[name] = label
        return label

    def cell(self, key: str, widget: QWidget, aliases: Sequence[str] = ()) -> QWidget:
        """``widget`` with the error label of ``key`` under it: one cell of a form row."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.add(key, *aliases))
        return holder

    def shown(self) -> dict[str, str]:
        """The messages on show, by the label's key (``form`` for the form's own)."""
        found = {
            label.objectName().removeprefix("error_"): label.text()
            for label in self.labels.values()
            if not label.isHidden()
        }
        if not self.form.isHidden():
            found["form"] = self.form.text()
        return found

    def clear(self) -> None:
        for label in (*self.labels.values(), self.form):
            label.clear()
            label.hide()

    def show(self, error: MspError) -> str:
        """Show ``error``; returns the key of the field it is shown beside ("" for the form)."""
        self.clear()
        key = ""
        text = str(error)
        if isinstance(error, ValidationError):
            key = self.aliases.get(error.field, error.field)
            text = error.reason[:1].upper() + error.reason[1:] if self.capitalize else error.reason
        label = self.labels.get(key)
        if label is None:
            label, key = self.form, ""
            text = str(error)
        label.setText(text)
        label.show()
        return key

    def run(self, write: Callable[[], object]) -> bool:
        """Run ``write`` (an ``edits.apply``); False with the error shown if it raised a user error."""
        self.clear()
        try:
            write()
        except MspError as exc:
            self.show(exc)
            return False
        return True


# -- what was typed, read back ---------------------------------------------------------------


def parse_count(text: str, field: str, locale: str, *, optional: bool = True) -> int | None:
    """A whole number as typed in ``locale`` ("1,200"); None for blank when ``optional``."""
    text = text.strip()
    if not text:
        if optional:
            return None
        raise ValidationError(field, "enter a whole number")
    try:
        value = parse_decimal(text, locale=locale)
    except NumberFormatError:
        value = None
    if value is None or value != value.to_integral_value():
        raise ValidationError(field, f"{text!r} is not a whole number")
    return int(value)


def parse_money_text(text: str, field: str, currency: str, locale: str) -> int | None:
    """Money as typed in ``locale`` ("1,250.50", "$1,250") in cents; None for blank."""
    text = text.strip().replace(get_currency_symbol(currency, locale), "").replace(currency, "").strip()
    if not text:
        return None
    try:
        value = parse_decimal(text, locale=locale)
    except (NumberFormatError, InvalidOperation):
        raise ValidationError(field, f"{text!r} is not an amount of money") from None
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValidationError(field, "use at most two decimals")
    return int(cents)


def money_input_text(cents: int | None, locale: str) -> str:
    """Money as an editable number ("1,250.50"; "" for none)."""
    if cents is None:
        return ""
    return format_decimal(Decimal(cents) / 100, "#,##0.00", locale=locale)


def qt_date_format(locale: str) -> str:
    """The locale's medium date pattern (CLDR) as a Qt display format: "MMM d, y" -> "MMM d, yyyy"."""
    pattern = get_date_format("medium", locale=locale).pattern
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        run = len(pattern) - i - len(pattern[i:].lstrip(ch))
        if ch == "y":
            out.append("yy" if run == 2 else "yyyy")
        elif ch == "L":
            out.append("M" * run)
        elif ch == "G":
            pass
        else:
            out.append(ch * run)
        i += run
    return "".join(out).strip()


def money_input(cents: int) -> str:
    """Money as it is typed back in a form, plain: ``135.00``."""
    return cents_to_decimal_text(cents)


def parse_money_field(text: str, field: str) -> int:
    """Cents from what was typed (``1,250.50``, ``$99``); ValidationError naming ``field`` if not money."""
    if not text.strip():
        raise ValidationError(field, "enter an amount, e.g. 135.00")
    try:
        return parse_money(text)
    except ValueError:
        raise ValidationError(field, f"{text.strip()!r} is not an amount like 135.00") from None
