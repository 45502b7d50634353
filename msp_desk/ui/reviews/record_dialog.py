"""Record a QBR held with a client (seed 001 §4): when, who came, what was accomplished, the
business changes and the questions asked, the next 90 days' priorities, the satisfaction heard,
how it went and when the next is due; every refusal beside its field at once, one undoable write."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import QbrOutcome
from msp_desk.domain.qbr_schedule import BUSINESS_CHANGES, default_next_qbr
from msp_desk.services.changes import Changes
from msp_desk.services.reviews import qbrs
from msp_desk.services.reviews.qbrs import QbrForm, QbrRecord
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits
from msp_desk.ui.finances.spend_dialog import py_date, qt_date

OUTCOMES = (
    (QbrOutcome.POSITIVE.value, "Positive: they liked what they heard"),
    (QbrOutcome.NEUTRAL.value, "Neutral"),
    (QbrOutcome.NEGATIVE.value, "Negative: unhappy or pushing back"),
)
NOT_ASKED = -1  # the satisfaction box's "Not asked"


def text_box(placeholder: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class BusinessChanges(QWidget):
    """The business changes a QBR asks about: a check box each, and what was said."""

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, (key, label) in enumerate(BUSINESS_CHANGES):
            box = self.boxes[key] = QCheckBox(label)
            box.setObjectName(f"qbr_change_{key}")
            grid.addWidget(box, n // 3, n % 3)
        self.text = QLineEdit()
        self.text.setObjectName("qbr_changes_text")
        self.text.setPlaceholderText("What they said: two hires in March, a second office in Leeds…")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(grid)
        column.addWidget(self.text)

    def checked(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.boxes.items() if box.isChecked())


class RecordQbrDialog(FormDialog):
    """``RecordQbrDialog(db, edits, client_id, today, locale)``: opens filled with the client's
    decision makers, the shop's QBR questions (Settings > Reviews; seed 001's unless edited) and
    the next date its tier's QBR cadence on."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        today: dt.date,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        form: QbrForm = qbrs.qbr_form(db, client_id, today)
        super().__init__(
            edits,
            name="qbr_record_dialog",
            title=f"Record QBR — {form.name}",
            accept="Record QBR",
            accept_name="qbr_record_save",
            min_width=620,
            prefix="qbr_",
            parent=parent,
        )
        self._db, self._client_id, self._today = db, client_id, today
        display = qt_date_format(locale)
        self.day = self.row("Held on", "day", QDateEdit(qt_date(today)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(display)
        self.attendees = self.row(
            "Attendees", "attendees", text_box("One a line: the owner, the office manager…", 2)
        )
        self.attendees.setPlainText("\n".join(form.decision_makers))
        self.accomplishments = self.row(
            "Accomplished (last 90 days)",
            "accomplishments",
            text_box("One a line: the projects done and the results they got", 3),
        )
        self.business_changes = self.row("Business changes", "business_changes", BusinessChanges())
        self.questions = self.row("Questions and answers", "questions", text_box("", 6))
        self.questions.setPlainText(form.questions)
        self.priorities = self.row(
            "Next 90 days' priorities",
            "priorities",
            text_box("One a line: what we focus on until the next QBR", 3),
        )
        self.satisfaction = self.row("Satisfaction", "satisfaction", QSpinBox())
        self.satisfaction.setRange(NOT_ASKED, 10)
        self.satisfaction.setSpecialValueText("Not asked")
        self.satisfaction.setSuffix(" / 10")
        self.satisfaction.setValue(NOT_ASKED)
        self.outcome = self.row("Outcome", "outcome", QComboBox())
        for value, label in OUTCOMES:
            self.outcome.addItem(label, value)
        self.outcome.setCurrentIndex(1)
        self.next_qbr_on = self.row("Next QBR", "next_qbr_on", QDateEdit(qt_date(form.default_next)))
        self.next_qbr_on.setCalendarPopup(True)
        self.next_qbr_on.setDisplayFormat(display)
        self.notes = self.row("Notes", "notes", text_box("Anything else worth keeping", 2))
        self._proposed_next = form.default_next
        self.day.dateChanged.connect(self._follow_day)
        self.attendees.setFocus()

    def _follow_day(self) -> None:
        """The next date follows the day held while it is still the one proposed."""
        if py_date(self.next_qbr_on.date()) == self._proposed_next:
            self._proposed_next = default_next_qbr(py_date(self.day.date()))
            self.next_qbr_on.setDate(qt_date(self._proposed_next))

    def record(self) -> QbrRecord:
        """The form as ``services.reviews.qbrs.record_qbr`` takes it."""
        satisfaction = self.satisfaction.value()
        return QbrRecord(
            day=py_date(self.day.date()),
            outcome=str(self.outcome.currentData()),
            satisfaction=None if satisfaction == NOT_ASKED else satisfaction,
            attendees=tuple(self.attendees.toPlainText().splitlines()),
            accomplishments=self.accomplishments.toPlainText(),
            changes=self.business_changes.checked(),
            changes_text=self.business_changes.text.text(),
            questions=self.questions.toPlainText(),
            priorities=self.priorities.toPlainText(),
            notes=self.notes.toPlainText(),
            next_qbr_on=py_date(self.next_qbr_on.date()),
        )

    def submit(self) -> bool:
        db, client_id, today = self._db, self._client_id, self._today

        def write() -> Changes:
            return qbrs.record_qbr(db, client_id, self.record(), today)

        return self.commit(write)
