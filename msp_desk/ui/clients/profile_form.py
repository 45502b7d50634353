"""The client's profile as a form: each field with its error beside it, saved with one service
call (``clients.update_profile``) through ``Edits``, so it can be undone; Ctrl+S saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Channel
from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ClientRecord
from msp_desk.ui import theme
from msp_desk.ui.common.fields import (
    Collected,
    FieldErrors,
    error_label,
    money_input_text,
    parse_count,
    parse_money_text,
    qt_date_format,
)
from msp_desk.ui.common.layout import fill_with
from msp_desk.ui.common.unsaved import saved_mark
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext

NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum: shown as "No renewal date"
COUNTS = ("employees", "seats", "locations", "servers", "term_months", "satisfaction")
REQUIRED_COUNTS = frozenset({"seats", "locations", "servers"})  # blank is not "unknown" for these


@dataclass
class _Field:
    key: str  # the service's field name
    widget: QWidget
    text: Callable[[], str]  # what the widget holds now, as text (to see what the user changed)
    loaded: str = ""  # the text it was given from the record


class ClientProfileForm(QWidget):
    """``set_record(record, kind, currency, locale)`` fills it; ``save()`` writes the changed fields.

    While a field holds an edit not saved, the Save button says so ("Save profile *") and
    ``unsaved_changed(True)`` tells the page (which asks before the edit would be lost)."""

    unsaved_changed = Signal(bool)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_profile")
        self._db, self._edits = ctx.db, ctx.edits
        self._record: ClientRecord | None = None
        self._dirty = False  # a field holds an unsaved edit (as last told)
        self._currency, self._locale = "USD", "en_US"
        self.fields: dict[str, _Field] = {}

        form_error = error_label("form")
        self.errors = FieldErrors(form_error, {"start_date": "renewal_date"})
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(6)
        self.labels: dict[str, QLabel] = {}

        self.name = self._line("name", "Name")
        self.industry = self._line("industry", "Industry")
        self.account_lead = self._line("account_lead", "Account lead", "who owns the relationship")
        self.account_lead.setMaxLength(60)
        self.account_lead.setToolTip("One point of contact for the client; its new tasks are theirs")
        self.seats = self._line("seats", "Seats / endpoints", "0")
        self.employees = self._line("employees", "Employees", "unknown")
        self.locations = self._line("locations", "Locations", "1")
        self.servers = self._line("servers", "Servers", "0")
        self.channel = QComboBox()
        self.channel.setObjectName("profile_channel")
        self.channel.addItem("—", "")
        for channel in Channel:
            self.channel.addItem(word(channel.value), channel.value)
        self._add("channel", "Acquired through", self.channel, lambda: str(self.channel.currentData()))
        self.acquisition_cost = self._line("acquisition_cost_cents", "Acquisition cost", "unknown")
        self.acquisition_cost.setObjectName("profile_acquisition_cost")
        self.renewal_date = QDateEdit()
        self.renewal_date.setObjectName("profile_renewal_date")
        self.renewal_date.setCalendarPopup(True)
        self.renewal_date.setMinimumDate(NO_DATE)
        self.renewal_date.setSpecialValueText("No renewal date")
        clear_date = QToolButton()
        clear_date.setObjectName("profile_renewal_clear")
        clear_date.setText("Clear")
        clear_date.setToolTip("No renewal date")
        clear_date.clicked.connect(lambda: self.renewal_date.setDate(NO_DATE))
        date_row = QWidget()
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.renewal_date, 1)
        row.addWidget(clear_date)
        self._add(
            "renewal_date",
            "Renewal date",
            date_row,
            lambda: self.renewal_date.date().toString(Qt.DateFormat.ISODate),
        )
        self.term_months = self._line("term_months", "Term (months)", "none")
        self.satisfaction = self._line("satisfaction", "Satisfaction (0–10)", "not asked yet")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("profile_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        self._add("notes", "About the account", self.notes, self.notes.toPlainText)

        self.facts = QLabel()  # what the form does not edit: start, referrer, churn
        self.facts.setObjectName("profile_facts")
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet(theme.text_style("caption"))
        self.save_button = QPushButton("Save profile")
        self.save_button.setObjectName("profile_save")
        self.save_button.setToolTip("Save the profile (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        self.saved.setObjectName("profile_saved")
        self.saved.setStyleSheet(theme.text_style("good"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved, 1)

        content = QWidget()
        content.setObjectName("client_profile_content")
        content.setMaximumWidth(640)  # a form wider than this is hard to read across
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 8, 12, 8)
        column.addWidget(self.facts)
        column.addLayout(self.form)
        column.addWidget(form_error)
        column.addLayout(buttons)
        column.addStretch(1)
        fill_with(self, content, "client_profile_scroll")

        save = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for edit in (self.name, self.industry, self.account_lead, *(getattr(self, k) for k in COUNTS)):
            edit.returnPressed.connect(self.save)
        self.acquisition_cost.returnPressed.connect(self.save)

    # -- building --------------------------------------------------------------------------
    def _line(self, key: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"profile_{key}")
        edit.setPlaceholderText(placeholder)
        self._add(key, label, edit, edit.text)
        return edit

    def _add(self, key: str, label: str, widget: QWidget, text: Callable[[], str]) -> None:
        holder = self.errors.cell(key, widget)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.labels[key] = caption
        self.form.addRow(caption, holder)
        self.fields[key] = _Field(key, widget, text)
        for signal in ("textChanged", "dateChanged", "currentIndexChanged"):
            if hasattr(widget, signal) and not (signal == "textChanged" and isinstance(widget, QComboBox)):
                getattr(widget, signal).connect(self._show_unsaved)

    # -- unsaved edits -----------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        """Whether a field holds something else than what is stored."""
        return self._record is not None and any(f.text() != f.loaded for f in self.fields.values())

    def discard_unsaved(self) -> None:
        """Put every field back as stored."""
        if self._record is not None:
            self._fill(self._record, keep_edits=False)
        self.errors.clear()

    def _show_unsaved(self, *_args: object) -> None:
        dirty = self.has_unsaved()
        if dirty != self._dirty:
            self._dirty = dirty
            self.save_button.setText(saved_mark("Save profile", dirty))
            self.unsaved_changed.emit(dirty)

    # -- filling -----------------------------------------------------------------------------
    def set_record(self, record: ClientRecord, kind: str, currency: str, locale: str) -> None:
        """Show ``record``. A field the user has changed and not saved keeps what they typed
        (another edit of the client, e.g. a note, re-reads it); the others take the new values."""
        same_client = self._record is not None and self._record.id == record.id
        self._record, self._currency, self._locale = record, currency, locale
        self.labels["seats"].setText("Seats / endpoints" if kind == "msp" else "Hours a month")
        self.form.setRowVisible(self.labels["servers"], kind == "msp")  # a VA agency has no servers to run
        self.labels["acquisition_cost_cents"].setText(f"Acquisition cost ({currency})")
        self.renewal_date.setLocale(QLocale(locale))
        self.renewal_date.setDisplayFormat(qt_date_format(locale))
        self._fill(record, keep_edits=same_client)
        running = record.has_running_lines
        self.seats.setReadOnly(running)
        self.seats.setToolTip(
            "Seats follow the contract lines: change them as an account action (effective date)"
            if running
            else ""
        )
        self.facts.setText(self._facts_text(record, locale))
        if not same_client:
            self.errors.clear()
            self.saved.clear()

    def _fill(self, record: ClientRecord, *, keep_edits: bool) -> None:
        for key, field in self.fields.items():
            stored, current = self._record_text(key, record), field.text()
            if not keep_edits or current in (field.loaded, stored):
                self._set_text(key, stored)
            field.loaded = stored  # an unsaved edit stays, and is compared with what is stored now
        self._show_unsaved()

    def _record_text(self, key: str, record: ClientRecord) -> str:
        """What field ``key``'s widget holds (``_Field.text``) when it shows ``record``."""
        value = getattr(record, key)
        if key in COUNTS:
            return "" if value is None else fmt.count(value, self._locale)
        if key == "acquisition_cost_cents":
            return money_input_text(value, self._locale, self._currency)
        if key == "renewal_date":
            return _qdate(value).toString(Qt.DateFormat.ISODate)
        return str(value or "")

    def _set_text(self, key: str, text: str) -> None:
        widget = self.fields[key].widget
        if key == "channel":
            self.channel.setCurrentIndex(max(self.channel.findData(text), 0))
        elif key == "renewal_date":
            self.renewal_date.setDate(QDate.fromString(text, Qt.DateFormat.ISODate))
        elif key == "notes":
            self.notes.setPlainText(text)
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(text)
            widget.setCursorPosition(0)

    @staticmethod
    def _facts_text(record: ClientRecord, locale: str) -> str:
        facts = []
        if record.start_date:
            facts.append(f"Client since {fmt.date_text(record.start_date, locale)}")
        if record.referred_by:
            facts.append(f"Referred by {record.referred_by}")
        if record.churned_on:
            reason = f": {record.churn_reason}" if record.churn_reason else ""
            facts.append(f"Left on {fmt.date_text(record.churned_on, locale)}{reason}")
        return " · ".join(facts)

    # -- saving ------------------------------------------------------------------------------
    def changed_values(self) -> dict[str, Any]:
        """The fields the user changed, parsed; the ValidationError of every bad one at once."""
        changed: dict[str, Any] = {}
        collected = Collected()
        for key, field in self.fields.items():
            if field.text() == field.loaded:
                continue
            changed[key] = collected.read(partial(self._value, key), None)
        collected.check()
        return changed

    def _value(self, key: str) -> Any:
        if key in COUNTS:
            edit: QLineEdit = getattr(self, key)
            return parse_count(edit.text(), key, self._locale, optional=key not in REQUIRED_COUNTS)
        if key == "acquisition_cost_cents":
            return parse_money_text(self.acquisition_cost.text(), key, self._currency, self._locale)
        if key == "renewal_date":
            date = self.renewal_date.date()
            return None if date == NO_DATE else date.toPython()
        if key == "channel":
            return self.channel.currentData() or None
        if key == "notes":
            return self.notes.toPlainText()
        widget = self.fields[key].widget
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def save(self) -> bool:
        """Save what changed; False (error shown beside the field, nothing saved) if it was refused."""
        if self._record is None:
            return False
        client_id = self._record.id
        self.saved.clear()
        try:
            values = self.changed_values()
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return False
        if not values:
            self.errors.clear()
            self.saved.setText("Nothing changed")
            return True
        if not self.errors.run(
            lambda: self._edits.apply(lambda: clients.update_profile(self._db, client_id, **values))
        ):
            return False
        if self._record is not None:  # re-read by the pane: show it as stored ("$1,250" -> "1,250.00")
            self._fill(self._record, keep_edits=False)
        self.saved.setText("Saved")
        return True


def _qdate(day: dt.date | None) -> QDate:
    return NO_DATE if day is None else QDate(day.year, day.month, day.day)
