"""Small parts the client pane and its dialogs share: error labels beside fields, a read-only
table model, a table that shows a sentence when it is empty, and locale-aware field parsing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from babel.dates import get_date_format
from babel.numbers import NumberFormatError, format_decimal, get_currency_symbol, parse_decimal
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError, ValidationError

ERROR_STYLE = "color: #b91c1c; font-size: 12px;"
EMPTY_STYLE = "color: #6b7280; font-size: 13px; padding: 24px;"
QUIET = QColor("#8b939e")
WARN = QColor("#b91c1c")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex
UNIT_WORDS = {"msp": "seats", "va": "hours a month"}
TICKET_WORDS = {"msp": "tickets", "va": "requests"}


def word(text: str | None) -> str:
    """A stored value as a label: "onboarding" -> "Onboarding", "peer_msp" -> "Peer msp"."""
    text = (text or "").replace("_", " ")
    return text[:1].upper() + text[1:]


def error_label(key: str) -> QLabel:
    """A red message shown under a field (``error_<key>``), hidden while there is none."""
    label = QLabel()
    label.setObjectName(f"error_{key}")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
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
        self.form.setStyleSheet(ERROR_STYLE)
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


# -- parsing what was typed --------------------------------------------------------------------


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


# -- read-only tables ------------------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """A read-only table of display texts; each row may carry a key, a colour and a tooltip."""

    def __init__(self, titles: Sequence[str], right: Sequence[int] = (), parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.titles = list(titles)
        self._right = set(right)
        self.rows: list[tuple[str, ...]] = []
        self.keys: list[object] = []
        self._colors: list[QColor | None] = []
        self._tips: list[str] = []

    def set_rows(
        self,
        rows: Sequence[tuple[str, ...]],
        keys: Sequence[object] = (),
        colors: Sequence[QColor | None] = (),
        tips: Sequence[str] = (),
    ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = list(keys) or [None] * len(self.rows)
        self._colors = list(colors) or [None] * len(self.rows)
        self._tips = list(tips) or [""] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in self._right else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colors[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row] or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section in self._right else LEFT)
        return None


def table_view(name: str, model: QAbstractTableModel) -> QTableView:
    """A read-only, row-selecting table in the pane's look."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class EmptyOr(QStackedWidget):
    """A widget, or in its place a sentence saying why there is nothing and what to do."""

    def __init__(self, content: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        holder = QWidget()
        self.message = QLabel()
        self.message.setObjectName(name)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(EMPTY_STYLE)
        column = QVBoxLayout(holder)
        column.addWidget(self.message, 0, Qt.AlignmentFlag.AlignTop)
        column.addStretch(1)
        self.addWidget(content)
        self.addWidget(holder)

    def show_empty(self, message: str | None) -> None:
        """Show ``message`` instead of the content; None shows the content."""
        if message is None:
            self.setCurrentWidget(self.content)
        else:
            self.message.setText(message)
            self.setCurrentIndex(1)

    @property
    def is_empty(self) -> bool:
        return self.currentIndex() == 1


def count_of(n: int, noun: str, locale: str) -> str:
    """``3 tasks``, ``1 task`` (English plural: the UI's words are English)."""
    return f"{fmt.count(n, locale)} {noun if n == 1 else noun + 's'}"
