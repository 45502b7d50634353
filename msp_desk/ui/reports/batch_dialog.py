"""The QBR packets of every client with a QBR due soon, written into a folder off the UI thread,
with progress and Cancel (a cancelled batch keeps the packets already finished, never a half file)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.errors import MspError
from msp_desk.formatting import plural
from msp_desk.services.reports.qbr_batch import BatchResult
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.tasks import Progress
from msp_desk.ui.theme import palette

DEFAULT_DAYS = 14


def batch_summary(result: BatchResult, days: int) -> str:
    """What a batch did, in a sentence or two: how many packets, where, and which were cut short."""
    if not result.due:
        return f"No client has a QBR due in the next {plural(days, 'day')}: nothing to make."
    where = result.written[0].path.parent if result.written else None
    made = f"{plural(len(result.written), 'packet')} written" + (f" into {where}" if where else "")
    if result.cancelled:
        return f"Stopped: {made}, of {result.due}. Each file there is whole."
    with_page = sum(1 for packet in result.written if packet.referral_page)
    return f"{made}. {plural(with_page, 'packet')} end with the referral page."


class BatchDialog(QDialog):
    """``BatchDialog(ctx, folder)``: days ahead, a folder, Start; progress; what was written."""

    def __init__(self, ctx: PageContext, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_batch_dialog")
        self.setWindowTitle("QBR packets in a batch")
        self.ctx = ctx
        self._stop = threading.Event()
        self.days = QSpinBox()
        self.days.setObjectName("report_batch_days")
        self.days.setRange(1, 120)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(" days")
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("report_batch_folder")
        browse = QPushButton("Choose…")
        browse.setObjectName("report_batch_browse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("QBRs due in the next", self.days)
        form.addRow("Save into", where)
        self.progress = QProgressBar()
        self.progress.setObjectName("report_batch_progress")
        self.progress.hide()
        self.outcome = QLabel()
        self.outcome.setObjectName("report_batch_result")
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(theme.text_style("caption", palette.FONT_BODY))
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton("Make the packets", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("report_batch_start")
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setObjectName("report_batch_cancel")
        self.start.clicked.connect(self.run)
        self.cancel.clicked.connect(self._cancel)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.progress)
        column.addWidget(self.outcome)
        column.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.running = False

    def run(self) -> None:
        """Write the packets (off the UI thread); the result says what was written."""
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip():
            self.outcome.setText("Choose a folder to save the packets in.")
            return
        self._stop.clear()
        self.running = True
        self.start.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.outcome.setText("Making the packets…")
        db, today, days, stop = self.ctx.db, self.ctx.today, self.days.value(), self._stop

        def work(report: Progress) -> BatchResult:
            from msp_desk.services.reports.qbr_batch import due_qbrs, qbr_batch

            due = due_qbrs(db, today, days)
            return qbr_batch(db, today, folder, due, progress=report, cancelled=stop.is_set)

        self.ctx.runner.submit_with_progress(
            work, self._done, self._failed, progress=self._progressed, context=self
        )

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, result: BatchResult) -> None:
        self._finish()
        self.outcome.setText(batch_summary(result, self.days.value()))
        self.cancel.setText("Close")

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not isinstance(exc, MspError):
            raise exc
        self.outcome.setText(str(exc))

    def _finish(self) -> None:
        self.running = False
        self.progress.hide()
        self.start.setEnabled(True)

    def _cancel(self) -> None:
        if self.running:
            self._stop.set()
            self.outcome.setText("Stopping after the packet being made…")
            return
        self.reject()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Save the packets into", self.folder.text())
        if chosen:
            self.folder.setText(chosen)
