"""Log a check-in call with a client (seed 003: a call with a purpose): the day, what it was
for, a short note and the satisfaction heard; saved through ``Edits`` (undoable), which closes
the client's check-in task and schedules the next."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QSpinBox, QWidget

from msp_desk.services.changes import Changes
from msp_desk.services.reviews import checkins
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits
from msp_desk.ui.finances.spend_dialog import py_date, qt_date

# What a call can be for: never "just checking in" (seed 003). The owner may type any other.
PURPOSES = (
    "Walk through the month's tickets and what caused them",
    "Review the backup and security report",
    "Ask about business changes: hires, moves, new locations",
    "Follow up on a roadmap item",
    "Plan the renewal and next year's budget",
    "Ask how the team finds our service",
)
NOT_ASKED = -1  # the satisfaction box's "not asked" value


class CheckInDialog(FormDialog):
    """``CheckInDialog(db, edits, client_id, name, today, locale)``: log one call with the client."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        name: str,
        today: dt.date,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="checkin_dialog",
            title=f"Check-in call — {name}",
            accept="Log call",
            accept_name="checkin_save",
            min_width=460,
            prefix="checkin_",
            parent=parent,
        )
        self._db, self._client_id, self._today = db, client_id, today
        self.day = self.row("Date", "day", QDateEdit(qt_date(today)))
        self.day.setDisplayFormat(qt_date_format(locale))
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(qt_date(today))
        self.purpose = self.row("Purpose", "purpose", QComboBox())
        self.purpose.setEditable(True)
        self.purpose.addItems(PURPOSES)
        self.purpose.setCurrentIndex(-1)
        self.purpose.setEditText("")
        line = self.purpose.lineEdit()
        if line is not None:
            line.setPlaceholderText("What the call is for (not “just checking in”)")
        self.note = self.row("Note", "note", QPlainTextEdit())
        self.note.setPlaceholderText("What you heard, what you promised")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.satisfaction = self.row("Satisfaction", "satisfaction", QSpinBox())
        self.satisfaction.setRange(NOT_ASKED, 10)
        self.satisfaction.setSpecialValueText("not asked")
        self.satisfaction.setSuffix(" / 10")
        self.satisfaction.setValue(NOT_ASKED)
        self.satisfaction.setToolTip("0–10; when asked, it becomes the client's satisfaction score")
        self.purpose.setFocus()

    def submit(self) -> bool:
        """Log the call; the dialog closes on success, stays open with the error otherwise."""
        client_id, today = self._client_id, self._today
        day, purpose, note = py_date(self.day.date()), self.purpose.currentText(), self.note.toPlainText()
        score = self.satisfaction.value()
        satisfaction = None if score == NOT_ASKED else score

        def write() -> Changes:
            return checkins.log_check_in(self._db, client_id, day, purpose, note, satisfaction, today=today)

        return self.commit(write)
