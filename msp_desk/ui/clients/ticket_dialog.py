"""Add, edit or resolve one ticket of a client (a request, for a VA agency): subject, external id,
priority, when it was opened, first answered and resolved, whether it was resolved on first
contact and where it came from; each refusal beside its field, saved through ``Edits``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QLineEdit, QWidget

from msp_desk.domain.enums import Priority
from msp_desk.services.changes import Changes
from msp_desk.services.tickets import editing as tickets
from msp_desk.services.tickets.editing import TicketFields
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

PRIORITIES = (
    (Priority.P1.value, "P1 — critical: work stopped"),
    (Priority.P2.value, "P2 — high: many people affected"),
    (Priority.P3.value, "P3 — normal"),
    (Priority.P4.value, "P4 — low: a question or a request"),
)
FIRST_CONTACT: tuple[tuple[str, bool | None], ...] = (("Not known", None), ("Yes", True), ("No", False))


def qt_datetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def py_datetime(value: QDateTime) -> dt.datetime:
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


class OptionalTime(QWidget):
    """A time that may not be known yet: a check box turns the date-and-time field on."""

    def __init__(self, label: str, name: str, display: str, default: dt.datetime) -> None:
        super().__init__()
        self.known = QCheckBox(label)
        self.known.setObjectName(f"{name}_known")
        self.edit = QDateTimeEdit(qt_datetime(default))
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(display)
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.known)
        row.addWidget(self.edit, 1)

    def value(self) -> dt.datetime | None:
        return py_datetime(self.edit.dateTime()) if self.known.isChecked() else None

    def set_value(self, value: dt.datetime | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDateTime(qt_datetime(value))


def now_on(day: dt.date) -> dt.datetime:
    """The clock's time on the app's today, to the minute: what a new ticket starts with."""
    return dt.datetime.combine(day, dt.datetime.now().time()).replace(second=0, microsecond=0)


def end_of(day: dt.date) -> dt.datetime:
    """The latest time a ticket may carry: the end of the app's today."""
    return dt.datetime.combine(day, dt.time(23, 59))


class TicketDialog(FormDialog):
    """``TicketDialog(db, edits, client_id, today, locale, noun, ticket=None)``: a new ticket, or
    ``ticket`` edited; ``noun`` is the shop's word ("ticket", "request")."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        today: dt.date,
        locale: str,
        noun: str,
        ticket: TicketFields | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="ticket_dialog",
            title=f"Edit {noun}" if ticket else f"New {noun}",
            accept="Save",
            accept_name="ticket_save",
            min_width=460,
            prefix="ticket_",
            parent=parent,
        )
        self._db, self._client_id, self._ticket, self._today = db, client_id, ticket, today
        display = f"{qt_date_format(locale)} HH:mm"
        now = now_on(today)
        self.subject = self.row("Subject", "subject", QLineEdit())
        self.subject.setPlaceholderText("What was asked for, in a line")
        self.external_id = self.row("ID", "external_id", QLineEdit())
        self.external_id.setPlaceholderText("Its number in your PSA or inbox (optional)")
        self.priority = self.row("Priority", "priority", QComboBox())
        for value, label in PRIORITIES:
            self.priority.addItem(label, value)
        self.priority.setCurrentIndex(2)
        self.opened_at = self.row("Opened", "opened_at", QDateTimeEdit(qt_datetime(now)))
        self.opened_at.setCalendarPopup(True)
        self.opened_at.setDisplayFormat(display)
        self.first_response_at = self.row(
            "First answer",
            "first_response_at",
            OptionalTime("Answered", "ticket_first_response_at", display, now),
        )
        self.resolved_at = self.row(
            "Resolved", "resolved_at", OptionalTime("Resolved", "ticket_resolved_at", display, now)
        )
        self.fcr = self.row("Resolved on first contact", "fcr", QComboBox())
        for text, known in FIRST_CONTACT:
            self.fcr.addItem(text, known)
        self.source = self.row("Came in by", "source", QLineEdit())
        self.source.setPlaceholderText("Phone, email, portal, chat…")
        if ticket is not None:
            self.subject.setText(ticket.subject)
            self.external_id.setText(ticket.external_id)
            self.priority.setCurrentIndex(max(0, self.priority.findData(ticket.priority)))
            self.opened_at.setDateTime(qt_datetime(ticket.opened_at))
            self.first_response_at.set_value(ticket.first_response_at)
            self.resolved_at.set_value(ticket.resolved_at)
            self.fcr.setCurrentIndex(max(0, self.fcr.findData(ticket.fcr)))
            self.source.setText(ticket.source)
        self.subject.setFocus()

    def values(self) -> dict[str, object]:
        """The fields as the ticket services take them."""
        return {
            "subject": self.subject.text(),
            "external_id": self.external_id.text(),
            "priority": self.priority.currentData(),
            "opened_at": py_datetime(self.opened_at.dateTime()),
            "first_response_at": self.first_response_at.value(),
            "resolved_at": self.resolved_at.value(),
            "fcr": self.fcr.currentData(),
            "source": self.source.text(),
        }

    def submit(self) -> bool:
        """Save the ticket; the dialog closes on success, stays open with the error otherwise."""
        values, now = self.values(), end_of(self._today)
        if self._ticket is None:
            client_id, opened = self._client_id, py_datetime(self.opened_at.dateTime())
            del values["opened_at"]

            def write() -> Changes:
                return tickets.add_ticket(self._db, client_id, opened_at=opened, now=now, **values)
        else:
            ticket_id = self._ticket.id

            def write() -> Changes:
                return tickets.update_ticket(self._db, ticket_id, now=now, **values)

        return self.commit(write)


class ResolveTicketDialog(FormDialog):
    """Close an open ticket: when it was resolved and whether on first contact."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        ticket: TicketFields,
        today: dt.date,
        locale: str,
        noun: str,
        parent: QWidget | None = None,
    ) -> None:
        label = ticket.subject or ticket.external_id or f"#{ticket.id}"
        super().__init__(
            edits,
            name="resolve_ticket_dialog",
            title=f"Resolve the {noun} {label}",
            accept="Resolve",
            accept_name="ticket_resolve",
            min_width=380,
            prefix="resolve_",
            parent=parent,
        )
        self._db, self._ticket, self._today = db, ticket, today
        now = now_on(today)
        self.resolved_at = self.row(
            "Resolved", "resolved_at", QDateTimeEdit(qt_datetime(max(now, ticket.opened_at)))
        )
        self.resolved_at.setCalendarPopup(True)
        self.resolved_at.setDisplayFormat(f"{qt_date_format(locale)} HH:mm")
        self.fcr = self.row("Resolved on first contact", "fcr", QComboBox())
        for text, known in FIRST_CONTACT:
            self.fcr.addItem(text, known)
        self.resolved_at.setFocus()

    def submit(self) -> bool:
        ticket_id, resolved, fcr = (
            self._ticket.id,
            py_datetime(self.resolved_at.dateTime()),
            self.fcr.currentData(),
        )
        now = end_of(self._today)
        return self.commit(lambda: tickets.resolve_ticket(self._db, ticket_id, resolved, fcr, now=now))
