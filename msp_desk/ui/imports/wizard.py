"""The import wizard (File ▸ Import, the empty roster's "Import clients…"): the file, which of its
columns holds what, a preview with every problem marked, then the import, all or nothing, with
progress and Cancel. Every read of the file and the import run on the task runner."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from msp_desk.services.clients.roster import roster
from msp_desk.services.imports.columns import kind_fields
from msp_desk.services.imports.files import ImportChoice
from msp_desk.ui import theme
from msp_desk.ui.common.words import import_words
from msp_desk.ui.context import PageContext
from msp_desk.ui.imports.columns_page import ColumnsPage
from msp_desk.ui.imports.file_page import FilePage
from msp_desk.ui.imports.import_page import ImportPage
from msp_desk.ui.imports.preview_page import PreviewPage

STEPS = ("File", "Columns", "Preview", "Import")
SIZE = QSize(1100, 680)
MIN_SIZE = QSize(720, 520)


class ImportWizard(QWizard):
    """``ImportWizard(context, kind)``: import a ``kind`` file (one of
    ``services.imports.files.KINDS``) into the shop of ``context``."""

    def __init__(self, context: PageContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.kind = kind
        self.db, self.edits, self.runner = context.db, context.edits, context.runner
        self.setWindowTitle(f"Import {import_words(kind)}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # the page has its own
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Close")
        self.setMinimumSize(MIN_SIZE)
        self.resize(SIZE)
        # A kind whose every row names a client (contacts, tickets) can take one for all rows.
        per_client = any(f.name == "client" and f.required for f in kind_fields(kind))
        clients = (
            [row.name for row in roster(context.db, context.today, signals=False)] if per_client else None
        )
        self.file_page = FilePage(self, clients)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.columns_page, self.preview_page, self.import_page):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.BackButton, "import_back"),
            (QWizard.WizardButton.NextButton, "import_next"),
            (QWizard.WizardButton.CommitButton, "import_apply"),
            (QWizard.WizardButton.FinishButton, "import_close"),
            (QWizard.WizardButton.CancelButton, "import_dismiss"),
        ):
            self.button(which).setObjectName(name)
        self._side = self._steps()  # kept: PySide does not hand the side widget to the wizard
        self.setSideWidget(self._side)
        self.currentIdChanged.connect(self._show_step)
        self._show_step(self.currentId())

    def _steps(self) -> QWidget:
        holder = QWidget()
        holder.setObjectName("import_steps")
        column = QVBoxLayout(holder)
        column.setContentsMargins(4, 8, 16, 8)
        self._step_labels = []
        for number, name in enumerate(STEPS, start=1):
            label = QLabel(f"{number}  {name}")
            column.addWidget(label)
            self._step_labels.append(label)
        column.addStretch(1)
        return holder

    def _show_step(self, page_id: int) -> None:
        for index, label in enumerate(self._step_labels):
            label.setStyleSheet(
                theme.text_style("accent_text", bold=True)
                if index == page_id
                else theme.text_style("caption")
            )

    def choice(self) -> ImportChoice:
        """Everything chosen so far: the file's options and the columns chosen over the preset's."""
        return self.file_page.choice(self.columns_page.mapping())

    def reject(self) -> None:
        """Escape or closing the window while importing cancels the import (and keeps the
        wizard open to say so); otherwise it closes."""
        if self.import_page.running:
            self.import_page.request_cancel()
            return
        super().reject()
