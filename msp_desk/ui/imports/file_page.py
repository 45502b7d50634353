"""The import wizard's first step: the file, the program that wrote it, the sheet of a workbook,
the order of its dates and (for contacts and tickets) the one client every row is for. The file
is read in the background as soon as it is chosen, to list its sheets and find its columns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizardPage,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.imports.columns import FileColumns, file_columns, presets
from msp_desk.services.imports.files import ImportChoice
from msp_desk.ui import theme

if TYPE_CHECKING:
    from msp_desk.ui.imports.wizard import ImportWizard

OWN_COLUMNS = "MSP Desk (its own export columns)"
DATE_ORDERS = (
    ("Found from the file", None),
    ("day/month/year", "dmy"),
    ("month/day/year", "mdy"),
    ("year/month/day", "ymd"),
)
NAMED_ON_EACH_ROW = "— named on each row —"
READ_DELAY_MS = 200  # wait for typing in the path to pause before reading the file


class FilePage(QWizardPage):
    """Complete once the file has been read and its columns found."""

    def __init__(self, wizard: ImportWizard, clients: list[str] | None) -> None:
        """``clients``: the shop's client names, when every row of the kind is some client's
        (contacts, tickets: a per-client export can be put on one); else None."""
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose the file")
        self.setSubTitle(
            "A CSV or Excel (.xlsx) file, and the program that wrote it: its columns are then read "
            "the way that program writes them."
        )
        self.columns: FileColumns | None = None
        self._asked = 0  # the latest read asked for; older answers are dropped
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText("a CSV or Excel (.xlsx) file")
        browse = QPushButton("&Browse…")
        browse.setObjectName("import_browse")
        browse.clicked.connect(self._browse)
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self._row(form, "&File", holder, self.path)
        self.preset = QComboBox()
        self.preset.setObjectName("import_preset")
        self.preset.addItem(OWN_COLUMNS, None)
        for name, title in presets():
            self.preset.addItem(title, name)
        self._row(form, "&Written by", self.preset)
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.sheet.setEnabled(False)
        self.sheet.setPlaceholderText("a choice only for a workbook of several sheets")
        self._row(form, "&Sheet", self.sheet)
        self.dates = QComboBox()
        self.dates.setObjectName("import_dates")
        for label, order in DATE_ORDERS:
            self.dates.addItem(label, order)
        self.dates.setToolTip(
            "How to read a date like 03/04/2025; found from the file's other dates unless you say"
        )
        self._row(form, "&Dates", self.dates)
        self.client = QComboBox()
        self.client.setObjectName("import_client")
        if clients is not None:
            self.client.addItem(NAMED_ON_EACH_ROW, None)
            for name in clients:
                self.client.addItem(name, name)
            self.client.setToolTip("For a file exported from one client's page: every row is that client's")
            self._row(form, "Every row is for &client", self.client)
        self.status = QLabel()
        self.status.setObjectName("import_file_status")
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_DELAY_MS)
        self._timer.timeout.connect(self.read_file)
        self.path.textChanged.connect(self._path_changed)
        self.preset.currentIndexChanged.connect(self.read_file)
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self._show_status("Choose the file to import.", "caption")

    def _row(self, form: QFormLayout, label: str, field: QWidget, buddy: QWidget | None = None) -> None:
        caption = QLabel(label)
        caption.setBuddy(buddy or field)
        form.addRow(caption, field)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import", self.path.text(), "CSV or Excel files (*.csv *.xlsx);;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    def _path_changed(self) -> None:
        blocked = self.sheet.blockSignals(True)
        self.sheet.clear()  # a new file: its own sheets
        self.sheet.blockSignals(blocked)
        self.sheet.setEnabled(False)
        self._timer.start()

    def _sheet_chosen(self) -> None:
        if self.columns is None or self.sheet.currentText() != self.columns.sheet:
            self.read_file()

    # -- what the owner chose --------------------------------------------------------------
    @property
    def file(self) -> Path:
        return Path(self.path.text().strip())

    def choice(self, mapping: tuple[str, ...] = ()) -> ImportChoice:
        sheet = self.sheet.currentText() if self.sheet.count() > 1 else None
        client = self.client.currentData() if self.client.count() else None
        return ImportChoice(
            self._wizard.kind, self.preset.currentData(), mapping, sheet, self.dates.currentData(), client
        )

    # -- reading the file --------------------------------------------------------------------
    def read_file(self) -> None:
        """Read the file's sheets and columns in the background (the answer completes the page)."""
        self._timer.stop()
        self.columns = None
        self.completeChanged.emit()
        if not self.path.text().strip():
            self._show_status("Choose the file to import.", "caption")
            return
        self._asked += 1
        asked, path, choice = self._asked, self.file, self.choice()
        self._show_status("Reading the file…", "caption")
        self._wizard.runner.submit(
            lambda: file_columns(path, choice),
            lambda found: self._read(asked, found),
            lambda exc: self._refused(asked, exc),
            context=self,
        )

    def _read(self, asked: int, found: FileColumns) -> None:
        if asked != self._asked:
            return
        self.columns = found
        blocked = self.sheet.blockSignals(True)  # filled from the file, not chosen
        if [self.sheet.itemText(i) for i in range(self.sheet.count())] != list(found.sheets):
            self.sheet.clear()
            self.sheet.addItems(list(found.sheets))
        if found.sheet is not None:
            self.sheet.setCurrentText(found.sheet)
        self.sheet.blockSignals(blocked)
        self.sheet.setEnabled(len(found.sheets) > 1)
        where = f" on the sheet {found.sheet}" if len(found.sheets) > 1 else ""
        rows, columns = fmt.plural(found.rows, "row"), fmt.plural(len(found.header), "column")
        self._show_status(f"{rows} and {columns}{where}. Next: check which column holds what.", "caption")
        self.completeChanged.emit()

    def _refused(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        if not isinstance(exc, MspError):
            raise exc  # a bug: the app's error dialog shows it
        self._show_status(f"This file cannot be read: {exc}", "error")

    def _show_status(self, text: str, role: theme.LabelRole) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(theme.label_style(role))

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return self.columns is not None
