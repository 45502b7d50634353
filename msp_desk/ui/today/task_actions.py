"""Done, Snooze (1 day, 1 week, pick a date) and Reassign for the task a list has selected: the
buttons with their keys, used by Today and by the client's Tasks tab alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext

SNOOZES = (("1 day", 1, "snooze_day"), ("1 week", 7, "snooze_week"))


@dataclass(frozen=True, slots=True)
class ChosenTask:
    """The selected task as the actions need it."""

    id: int
    due: dt.date
    owner: str
    kind: str = ""
    client_id: int | None = None


class TaskActions(QWidget):
    """A row of buttons acting on ``chosen()`` (None: nothing that is a task is selected), and a
    message saying what was done or why not. Keys on ``keys_on`` (the list): Space or Ctrl+D
    done, S snooze a day, Shift+S snooze a week, R reassign."""

    def __init__(
        self,
        ctx: PageContext,
        chosen: Callable[[], ChosenTask | None],
        keys_on: QWidget,
        prefix: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}actions")
        self._ctx, self._chosen = ctx, chosen
        self.date_locale = "en_US"  # the shop's, set by the page that shows the tasks
        # Completing a QBR task opens the QBR record instead, when the app has one (reviews).
        self.record_qbr: Callable[[int], None] | None = None
        self.done_button = QPushButton("Done")
        self.done_button.setObjectName(f"{prefix}done")
        self.done_button.setToolTip("Mark the task done (Space or Ctrl+D)")
        self.done_button.clicked.connect(self.done)
        self.snooze_button = QToolButton()
        self.snooze_button.setObjectName(f"{prefix}snooze")
        self.snooze_button.setText("Snooze")
        self.snooze_button.setToolTip("Move the due date on (S: a day, Shift+S: a week)")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for text, days, name in SNOOZES:
            action = menu.addAction(text)
            action.setObjectName(f"{prefix}{name}")
            action.triggered.connect(lambda _checked=False, d=days: self.snooze(d))
        pick = menu.addAction("Pick a date…")
        pick.setObjectName(f"{prefix}snooze_pick")
        pick.triggered.connect(self.pick_snooze)
        self.snooze_button.setMenu(menu)
        self.reassign_button = QPushButton("Reassign…")
        self.reassign_button.setObjectName(f"{prefix}reassign")
        self.reassign_button.setToolTip("Give the task to someone else (R)")
        self.reassign_button.clicked.connect(self.reassign)
        self.message = QLabel()
        self.message.setObjectName(f"{prefix}message")
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.done_button, self.snooze_button, self.reassign_button):
            row.addWidget(button)
        row.addWidget(self.message, 1)
        for keys, slot in (
            (("Space", "Ctrl+D"), self.done),
            (("S",), lambda: self.snooze(1)),
            (("Shift+S",), lambda: self.snooze(7)),
            (("R",), self.reassign),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            keys_on.addAction(action)
        self.reassign_dialog: QDialog | None = None  # the one open (tests drive them)
        self.snooze_dialog: QDialog | None = None
        self.update_buttons()

    def update_buttons(self) -> None:
        """Enabled only while a task is selected."""
        on = self._chosen() is not None
        for button in (self.done_button, self.snooze_button, self.reassign_button):
            button.setEnabled(on)

    # -- the actions -----------------------------------------------------------------------------
    def done(self) -> None:
        task = self._chosen()
        if task is None:
            return
        if task.kind == "qbr" and task.client_id is not None and self.record_qbr is not None:
            self.record_qbr(task.client_id)  # recording the QBR closes its task
            return
        from msp_desk.services.today.tasks import complete_task

        self._run(lambda: complete_task(self._ctx.db, task.id, self._ctx.today))

    def snooze(self, days: int) -> None:
        task = self._chosen()
        if task is None:
            return
        # From today for an overdue task: a day's snooze of a task a week late is still late.
        until = max(task.due, self._ctx.today) + dt.timedelta(days=days)
        from msp_desk.services.today.tasks import snooze_task

        self._run(lambda: snooze_task(self._ctx.db, task.id, until))

    def pick_snooze(self) -> None:
        from msp_desk.ui.today.task_dialogs import SnoozeDialog

        task = self._chosen()
        if task is None:
            return
        dialog = SnoozeDialog(
            self._ctx.db, self._ctx.edits, task.id, max(task.due, self._ctx.today), self.date_locale, self
        )
        self._open(dialog)
        self.snooze_dialog = dialog

    def reassign(self) -> None:
        from msp_desk.ui.today.task_dialogs import ReassignDialog

        task = self._chosen()
        if task is None:
            return
        dialog = ReassignDialog(self._ctx.db, self._ctx.edits, task.id, task.owner, self)
        self._open(dialog)
        self.reassign_dialog = dialog

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _run(self, write: Callable[[], Changes]) -> None:
        try:
            changes = self._ctx.edits.apply(write)
        except MspError as exc:
            self.message.setStyleSheet(theme.text_style("error"))
            self.message.setText(str(exc))
            return
        self.message.setStyleSheet(theme.text_style("caption"))
        self.message.setText(f"{changes.message} · Ctrl+Z undoes it")
