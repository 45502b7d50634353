"""The import wizard's last step: the import itself, off the UI thread, with a progress bar and a
Cancel button. All or nothing: a cancel (or a failure) leaves the shop exactly as it was; a
success says what was added and changed and goes on the undo stack as one edit."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from msp_desk.errors import MspError
from msp_desk.services.imports.files import import_file
from msp_desk.services.imports.report import ImportCancelled, ImportReport
from msp_desk.ui import theme

if TYPE_CHECKING:
    from msp_desk.ui.imports.wizard import ImportWizard


class ImportPage(QWizardPage):
    """Complete (Close enabled) once the import has ended, whichever way."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Import")
        self.setSubTitle("All or nothing: if it is cancelled or fails, nothing is kept.")
        self.running = False
        self.report: ImportReport | None = None
        self._stop = threading.Event()
        # The wizard closed with its window (the app quitting): an import under way stops and
        # rolls back rather than finishing unseen and off the undo stack.
        self.destroyed.connect(self._stop.set)
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("import_progress")
        self.cancel = QPushButton("Cancel the import")
        self.cancel.setObjectName("import_cancel")
        self.cancel.clicked.connect(self.request_cancel)
        self.retry = QPushButton("&Try again")
        self.retry.setObjectName("import_retry")
        self.retry.clicked.connect(self.initializePage)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.cancel)
        column = QVBoxLayout(self)
        column.addWidget(self.bar)
        column.addWidget(self.status)
        column.addLayout(buttons)
        column.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        """Start the import (the preview before it found no problem)."""
        self.running, self.report = True, None
        self._stop.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.retry.hide()
        self._say("Reading the file…", "caption")
        self.completeChanged.emit()
        QTimer.singleShot(0, self, self._start)  # once the page (and its Cancel) shows

    def _start(self) -> None:
        db, path, choice, stop = (
            self._wizard.db,
            self._wizard.file_page.file,
            self._wizard.choice(),
            self._stop,
        )
        self._wizard.runner.submit_with_progress(
            lambda report: import_file(db, path, choice, progress=report, cancelled=stop.is_set),
            self._done,
            self._failed,
            progress=self._progress,
            context=self,
        )

    def request_cancel(self) -> None:
        """Stop the import at its next step; what it wrote so far is rolled back."""
        if not self.running:
            return
        self._stop.set()
        self.cancel.setEnabled(False)
        self._say("Cancelling…", "caption")

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if total:
            self._say("Writing to the shop…", "caption")

    def _done(self, report: ImportReport) -> None:
        self._ended()
        self.report = report
        assert report.changes is not None  # a real import always records what it changed
        self._wizard.edits.adopt(report.changes)
        undo = (
            "Edit ▸ Undo (Ctrl+Z) takes the whole import out."
            if report.changes.undoable
            else "It was written in bulk, so Undo cannot take it out."
        )
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._say("\n".join(["Imported.", *report.lines(), undo]), "preview")

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        self.bar.hide()
        self.retry.show()
        if isinstance(exc, ImportCancelled):
            self._say("Cancelled: nothing was imported; the shop is as it was.", "caption")
        elif isinstance(exc, MspError):
            self._say(f"Nothing was imported (the shop is as it was): {exc}", "error")
        else:
            raise exc  # a bug: the app's error dialog shows it

    def _ended(self) -> None:
        self.running = False
        self.cancel.hide()
        self.completeChanged.emit()

    def _say(self, text: str, role: theme.LabelRole) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(theme.label_style(role))

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return not self.running
