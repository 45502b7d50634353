"""The Reports page: a report and its subject on the left, its pages on the right as they will
print; Save PDF, Print, and the QBR packets of the coming fortnight in one batch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from msp_desk.errors import MspError, os_fault
from msp_desk.private_files import write_atomically
from msp_desk.services.reports.catalogue import PACK, QBR, REPORTS, MadeReport, ReportRequest
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.reports.preview import PdfPreview
from msp_desk.ui.reports.printing import ask_and_print
from msp_desk.ui.reports.subjects import KpiSubject, PackSubject, QbrSubject
from msp_desk.ui.theme import palette

KEYS = [key for key, _title, _text in REPORTS]
NO_CLIENTS = "A QBR packet is about an active client: add one, or start a client on the ladder."


class ReportsPage(QWidget):
    """``ReportsPage(ctx)``. ``open_report(request)`` shows a report chosen elsewhere (a QBR
    record's packet, an Ask-now client's referral pack). ``add_client_requested``: the empty
    QBR choice's button."""

    add_client_requested = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_page")
        self.ctx = ctx
        self.made: MadeReport | None = None
        self._asked = 0  # the latest preview asked for: an older one arriving late is dropped
        self.last_folder = Path.home()
        title = QLabel("Reports")
        title.setObjectName("page_title")

        self.kinds = QListWidget()
        self.kinds.setObjectName("report_kinds")
        for _key, name, text in REPORTS:
            self.kinds.addItem(name)
            self.kinds.item(self.kinds.count() - 1).setToolTip(text)
        self.kinds.setSpacing(4)  # a list of three, read at a glance: room around each
        self.kinds.setFixedHeight((self.kinds.sizeHintForRow(0) + 8) * len(REPORTS) + 6)
        self.about = QLabel()
        self.about.setObjectName("report_about")
        self.about.setWordWrap(True)
        self.about.setStyleSheet(theme.text_style("caption", palette.FONT_CAPTION))
        self.pack = PackSubject()
        self.qbr = QbrSubject()
        self.kpi = KpiSubject()
        self.subjects = QStackedWidget()
        for subject in (self.pack, self.qbr, self.kpi):
            self.subjects.addWidget(subject)
            subject.changed.connect(self.preview)
        self.preview_button = self._button("Preview", "report_preview_button", self.preview)
        self.save_button = self._button("Save PDF…", "report_save", self.save)
        self.print_button = self._button("Print…", "report_print", self.print_report)
        self.note = QLabel()
        self.note.setObjectName("report_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.text_style("caption", palette.FONT_CAPTION))
        self.add_client = self._button("Add a client…", "report_add_client", self.add_client_requested.emit)
        self.batch_button = self._button("QBR packets due in the next 14 days…", "report_batch", self.batch)
        batch_text = QLabel("Every client with a QBR due soon: one PDF each, in a folder you choose.")
        batch_text.setWordWrap(True)
        batch_text.setStyleSheet(theme.text_style("caption", palette.FONT_CAPTION))

        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        left = QWidget()
        left.setObjectName("report_choice")
        left.setFixedWidth(340)
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(self.kinds)
        side.addWidget(self.about)
        side.addWidget(self.subjects)
        side.addLayout(actions)
        side.addWidget(self.note)
        side.addWidget(self.add_client, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        side.addWidget(batch_text)
        side.addWidget(self.batch_button)
        self.pages = PdfPreview()
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(left)
        body.addWidget(self.pages, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(*theme.PAGE_MARGINS)
        column.setSpacing(10)
        column.addWidget(title)
        column.addLayout(body, 1)
        QShortcut(
            QKeySequence("Ctrl+S"), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(
            QKeySequence("Ctrl+P"),
            self,
            self.print_report,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        # Every write may change what a report prints (a client added, a ticket, the logo, the
        # paper): the choices and the preview are re-read, once the page is shown again.
        self.follower = ChangeFollower(
            self, ctx.edits, (), lambda _changes: self.refresh(), concerned=lambda _c: True
        )
        self.refresh()
        self.kinds.currentRowChanged.connect(self._kind_chosen)
        self.kinds.setCurrentRow(0)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- public ----------------------------------------------------------------------------
    def kind(self) -> str:
        return KEYS[max(self.kinds.currentRow(), 0)]

    def refresh(self) -> None:
        """Re-read the clients and months offered (F5, or after a write)."""
        from msp_desk.services.reviews.overview import review_rows
        from msp_desk.services.shop.settings import shop_profile

        locale = shop_profile(self.ctx.db).locale
        self.qbr.fill([(r.client_id, r.name, r.next_due) for r in review_rows(self.ctx.db)], locale)
        self.kpi.fill(self.ctx.today, locale)
        if self.kinds.currentRow() >= 0:
            self.preview()

    def open_report(self, request: ReportRequest) -> None:
        """Show the report ``request`` asks for (its kind chosen, its subject filled in)."""
        blocked = self.kinds.blockSignals(True)
        self.kinds.setCurrentRow(KEYS.index(request.kind))
        self.kinds.blockSignals(blocked)
        self.subjects.setCurrentIndex(KEYS.index(request.kind))
        if request.kind == PACK:
            self.pack.aim(
                industry=request.industry,
                pain=request.pain,
                referrer=request.referrer,
                prospect=request.prospect,
            )
        elif request.kind == QBR and request.client_id is not None:
            blocked = self.qbr.client.blockSignals(True)
            if not self.qbr.choose(request.client_id):
                self.refresh()
                self.qbr.choose(request.client_id)
            self.qbr.client.blockSignals(blocked)
        self._describe()
        self.preview()

    def request(self) -> ReportRequest | None:
        kind = self.kind()
        if kind == PACK:
            return self.pack.request()
        if kind == QBR:
            return self.qbr.request()
        return self.kpi.request()

    def preview(self) -> None:
        """Make the chosen report off the UI thread and show its pages when it is ready."""
        request = self.request()
        self.made = None
        self._enable(False)
        self.note.setText("")
        self.add_client.setVisible(request is None)
        if request is None:
            self.pages.show_message(NO_CLIENTS)
            return
        self._asked += 1
        asked = self._asked
        self.pages.show_message("Preparing the report…")
        db, today = self.ctx.db, self.ctx.today

        def work() -> MadeReport:
            from msp_desk.services.reports.catalogue import make_report

            return make_report(db, today, request)

        self.ctx.runner.submit(
            work, lambda made: self._shown(asked, made), lambda exc: self._failed(asked, exc), context=self
        )

    def save(self) -> None:
        """Ctrl+S: ask where, then write the PDF there."""
        if self.made is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save report", str(self.last_folder / self.made.file_name), "PDF files (*.pdf)"
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the report shown to ``path`` (whole or not at all); a fault is one sentence."""
        if self.made is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomically(path, self.made.pdf)
        except OSError as exc:
            QMessageBox.warning(self, "Save report", str(os_fault(exc, f"saving {path}")))
            return False
        self.last_folder = path.parent
        self.note.setText(f"Saved {path.name} in {path.parent}.")
        return True

    def print_report(self) -> None:
        """Ctrl+P: the system's print dialog, then the report printed."""
        if self.made is None:
            return
        try:
            ask_and_print(self.made.pdf, self)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Print report", str(exc))

    def batch(self) -> None:
        """The QBR packets of every client with a QBR due in the next 14 days, into a folder."""
        from msp_desk.ui.reports.batch_dialog import BatchDialog

        dialog = BatchDialog(self.ctx, self.last_folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.batch_dialog = dialog  # the one open (tests drive it)
        dialog.open()

    # -- inside --------------------------------------------------------------------------
    def _kind_chosen(self, row: int) -> None:
        self.subjects.setCurrentIndex(row)
        self._describe()
        self.preview()

    def _describe(self) -> None:
        row = max(self.kinds.currentRow(), 0)
        self.about.setText(REPORTS[row][2])
        for index, subject in enumerate((self.pack, self.qbr, self.kpi)):  # as tall as the one shown
            policy = QSizePolicy.Policy.Preferred if index == row else QSizePolicy.Policy.Ignored
            subject.setSizePolicy(policy, policy)
        self.subjects.adjustSize()

    def _enable(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def _shown(self, asked: int, made: MadeReport) -> None:
        if asked != self._asked:
            return
        self.made = made
        self.pages.show_pdf(made.pdf)
        self.note.setText(made.note or made.remark)
        self._enable(bool(self.pages.data))

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        if not isinstance(exc, MspError):
            raise exc
        self.pages.show_message(str(exc))
