"""A form's fields: an error label beside each field that a ``ValidationError`` names
(``FieldErrors``), and what was typed read back: money and whole numbers in the shop's locale
(``domain.money``, strict: the ambiguous is refused with the reason), and dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from babel.dates import get_date_format
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.money import MAX_WHOLE, NotANumber, money_digits, parse_money, parse_whole
from msp_desk.errors import MspError, ValidationError, ValidationErrors
from msp_desk.ui import theme

T = TypeVar("T")


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
        """Show ``error`` (each of ``ValidationErrors``: every field's at once); returns the key of
        the first field it is shown beside ("" for the form)."""
        self.clear()
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        keys = [self._show_one(each) for each in errors]
        return next((key for key in keys if key), "")

    def _show_one(self, error: MspError) -> str:
        key = ""
        text = str(error)
        if isinstance(error, ValidationError):
            key = self.aliases.get(error.field, error.field)
            text = error.reason[:1].upper() + error.reason[1:] if self.capitalize else error.reason
        label = self.labels.get(key)
        if label is None:
            label, key = self.form, ""
            text = str(error) if label.isHidden() else f"{label.text()}\n{error}"
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


class Collected:
    """Reads a form's fields one by one keeping each field's ``ValidationError``, so that ``check``
    raises them all at once (``ValidationErrors``) and the user sees every mistake together."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def read(self, read: Callable[[], T], default: T) -> T:
        """What ``read`` returns, or ``default`` with its ValidationError kept for ``check``."""
        try:
            return read()
        except ValidationError as exc:
            self.errors.append(exc)
            return default

    def check(self) -> None:
        """Raise what was kept: the one error, or all of them."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


def parse_count(
    text: str, field: str, locale: str, *, optional: bool = True, high: int = MAX_WHOLE
) -> int | None:
    """A whole number as typed in ``locale`` ("1,200"; "1.200" in German) from 0 to ``high``;
    None for blank when ``optional``. A ValidationError naming ``field`` says what is wrong."""
    if not text.strip() and optional:
        return None
    try:
        return parse_whole(text, locale, high=high)
    except NotANumber as exc:
        raise ValidationError(field, str(exc)) from None


def parse_money_text(
    text: str, field: str, currency: str, locale: str, *, negative: bool = False
) -> int | None:
    """Money as typed in ``locale`` ("1,250.50", "$1,250"; "1.250,50 €" in German) in cents;
    None for blank. A ValidationError naming ``field`` says what is wrong."""
    if not text.strip():
        return None
    return parse_money_field(text, field, currency, locale, negative=negative)


def parse_money_field(text: str, field: str, currency: str, locale: str, *, negative: bool = False) -> int:
    """Cents from money that must be typed (as ``parse_money_text``, blank refused too)."""
    try:
        return parse_money(text, locale, currency, negative=negative)
    except NotANumber as exc:
        raise ValidationError(field, str(exc)) from None


def money_input_text(cents: int | None, locale: str, currency: str = "USD") -> str:
    """Money as an editable number in ``locale`` ("1,250.50"; "1.250,50" in German; "" for none),
    with the currency's decimals (none for yen) unless the amount has cents."""
    if cents is None:
        return ""
    return fmt.amount(cents, locale, money_digits(currency) if cents % 100 == 0 else 2)


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
