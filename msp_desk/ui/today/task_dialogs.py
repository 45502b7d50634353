"""The two small dialogs a task's actions open: snooze to a day picked, and hand it to someone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCompleter, QDateEdit, QLineEdit, QWidget

from msp_desk.services.changes import Changes
from msp_desk.services.today import tasks
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits


class SnoozeDialog(FormDialog):
    """``SnoozeDialog(db, edits, task_id, due, locale)``: the day the task is due instead."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        task_id: int,
        due: dt.date,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="snooze_dialog",
            title="Snooze until",
            accept="Snooze",
            accept_name="snooze_save",
            parent=parent,
        )
        self._db, self._task_id = db, task_id
        later = due + dt.timedelta(days=1)
        self.until = self.row(
            "Due on", "until", QDateEdit(QDate(later.year, later.month, later.day)), name="snooze_until"
        )
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(qt_date_format(locale))

    def submit(self) -> bool:
        db, task_id, until = self._db, self._task_id, self.until.date().toPython()
        assert isinstance(until, dt.date)

        def write() -> Changes:
            return tasks.snooze_task(db, task_id, until)

        return self.commit(write)


class ReassignDialog(FormDialog):
    """``ReassignDialog(db, edits, task_id, owner)``: who does the task (names already used are
    offered as you type); empty for nobody."""

    def __init__(
        self, db: Database, edits: Edits, task_id: int, owner: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            edits,
            name="reassign_dialog",
            title="Reassign task",
            accept="Reassign",
            accept_name="reassign_save",
            parent=parent,
        )
        self._db, self._task_id = db, task_id
        self.owner = self.row("Owner", "owner", QLineEdit(owner), name="reassign_owner")
        self.owner.setMaxLength(60)
        self.owner.setPlaceholderText("A short name, e.g. Sam")
        completer = QCompleter(tasks.owner_names(db), self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)

    def submit(self) -> bool:
        db, task_id, owner = self._db, self._task_id, self.owner.text()

        def write() -> Changes:
            return tasks.reassign_task(db, task_id, owner)

        return self.commit(write)
