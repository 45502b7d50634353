"""The import wizard's third step: the file's rows as the import will read them, every problem
marked at its row and cell and listed ("row 14, column Opened: ..."), and what importing would
add and change. It is worked out in the background (a dry run: nothing is written) each time the
step is reached, so going back to change a column shows the new reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.imports.preview import ImportPreview, preview_import
from msp_desk.ui import theme
from msp_desk.ui.common.tables import table_view
from msp_desk.ui.imports.preview_model import PreviewModel

if TYPE_CHECKING:
    from msp_desk.ui.imports.wizard import ImportWizard

COLUMN_MAX = 260  # px: a long subject is cut short rather than pushing the rest out of sight
PROBLEMS_LISTED = 1_000
PROBLEM_LINES = 6  # the list shows this many at once, then scrolls  # past this, the list says how many more (the table marks them all)


class PreviewPage(QWizardPage):
    """Complete (Import enabled) only when the file reads with no problem and would change
    something."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Preview")
        self.setSubTitle("The rows as they will be read. Nothing is written until you press Import.")
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.setCommitPage(True)  # once imported, there is no going back: Undo takes it out
        self.preview: ImportPreview | None = None
        self._asked = 0
        self.model = PreviewModel(self)
        self.table = table_view("import_preview_table", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized once per preview
        header.setStretchLastSection(True)
        self.problems = QStringListModel(self)
        self.problem_list = QListView()
        self.problem_list.setObjectName("import_problems")
        self.problem_list.setModel(self.problems)
        self.problem_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_list.setWordWrap(True)
        self.problem_list.setAlternatingRowColors(True)
        self.problem_list.activated.connect(self._show_problem)
        self.problem_list.clicked.connect(self._show_problem)
        self._problem_rows: list[int | None] = []
        self.problems_title = QLabel()
        self.problems_title.setObjectName("import_problems_title")
        self.problems_title.setStyleSheet(theme.text_style("warning", bold=True))
        problems = QWidget()
        below = QVBoxLayout(problems)
        below.setContentsMargins(0, 4, 0, 0)
        below.addWidget(self.problems_title)
        below.addWidget(self.problem_list, 1)
        self.problems_box = problems
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        self.split.addWidget(problems)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("import_preview_progress")
        self.progress.setTextVisible(False)
        self.reread = QPushButton("&Read the file again")
        self.reread.setObjectName("import_reread")
        self.reread.setToolTip("After fixing the file in its own program")
        self.reread.clicked.connect(self.initializePage)
        line = QHBoxLayout()
        line.addWidget(self.summary, 1)
        line.addWidget(self.reread, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.addWidget(self.split, 1)
        column.addWidget(self.progress)
        column.addLayout(line)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        """Work the preview out again (the columns or the file may have changed)."""
        self.preview = None
        self.model.show(ImportPreview())
        self._show_problems([])
        self.summary.setText("Reading the file as it will be imported…")
        self.summary.setStyleSheet(theme.label_style("caption"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.reread.setEnabled(False)
        self.completeChanged.emit()
        self._asked += 1
        asked, db, path, choice = (
            self._asked,
            self._wizard.db,
            self._wizard.file_page.file,
            self._wizard.choice(),
        )
        self._wizard.runner.submit_with_progress(
            lambda report: preview_import(db, path, choice, progress=report),
            lambda found: self._show(asked, found),
            lambda exc: self._failed(asked, exc),
            progress=self._progress,
            context=self,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show(self, asked: int, preview: ImportPreview) -> None:
        if asked != self._asked:
            return
        self.preview = preview
        self.progress.hide()
        self.reread.setEnabled(True)
        self.model.show(preview)
        self.table.resizeColumnsToContents()  # Qt measures the first 1,000 rows, not all of them
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), COLUMN_MAX))
        self._show_problems(
            [problem.message for problem in preview.problems], [p.row for p in preview.problems]
        )
        if preview.problems:  # the first one in sight, once the table is laid out
            QTimer.singleShot(0, self, lambda: self._show_problem(self.problems.index(0)))
            count = len(preview.problems)
            self.summary.setText(
                f"{fmt.plural(count, 'problem')}: nothing can be imported until "
                f"{'it is' if count == 1 else 'they are'} fixed. Go Back to change a column, or fix "
                "the file in its own program and read it again."
            )
            self.summary.setStyleSheet(theme.label_style("error"))
        elif preview.importable:
            assert preview.report is not None
            lines = [line for line in preview.report.lines() if not line.startswith("Dry run")]
            self.summary.setText("\n".join(lines))
            self.summary.setStyleSheet(theme.label_style("preview"))
        else:
            self.summary.setText("The file holds nothing new: all of it is already here, as it is.")
            self.summary.setStyleSheet(theme.label_style("caption"))
        self.completeChanged.emit()

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.progress.hide()
        self.reread.setEnabled(True)
        if not isinstance(exc, MspError):
            raise exc  # a bug: the app's error dialog shows it
        self.summary.setText(f"This file cannot be read: {exc}")
        self.summary.setStyleSheet(theme.label_style("error"))

    def _show_problems(self, messages: list[str], rows: list[int | None] | None = None) -> None:
        shown = messages[:PROBLEMS_LISTED]
        more = len(messages) - len(shown)
        if more:
            shown.append(f"… and {more:,} more, marked in the table")
        self.problems.setStringList(shown)
        self._problem_rows = list(rows or [])[:PROBLEMS_LISTED]
        self.problems_title.setText(f"Problems ({len(messages):,})" if messages else "")
        self.problems_box.setVisible(bool(messages))
        # As tall as its first few problems: the table keeps the room.
        line = self.problem_list.fontMetrics().lineSpacing() + 6
        self.problem_list.setMaximumHeight(min(max(len(shown), 1), PROBLEM_LINES) * line + 2 * line // 3)

    def _show_problem(self, index: QModelIndex) -> None:
        """A problem picked in the list: its row made current and shown in the table."""
        if not index.isValid() or index.row() >= len(self._problem_rows):  # gone since: read again
            return
        number = self._problem_rows[index.row()]
        row = self.model.position.get(number) if number is not None else None
        if row is None:
            return
        target = self.model.index(row, 0)
        # The row becomes current without being selected: its warning marks stay in sight.
        selection = self.table.selectionModel()
        selection.clearSelection()
        selection.setCurrentIndex(target, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return self.preview is not None and self.preview.importable
