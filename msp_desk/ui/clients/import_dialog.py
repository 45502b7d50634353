"""Import clients, contacts or tickets from a file in the app: choose the file and who wrote it;
what the import would add and change (or every problem, row by row) shows before anything is
written; Import writes all of it in one go, undoable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from msp_desk.errors import MspError, ValidationError, ValidationErrors
from msp_desk.services.changes import Changes
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.store.database import Database
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

PRESETS = (  # (what the owner reads, the preset's name; None: the app's own export columns)
    ("MSP Desk (its own export columns)", None),
    ("ITFlow", "itflow"),
    ("Syncro", "syncro"),
    ("Autotask", "autotask"),
    ("ConnectWise", "connectwise"),
    ("HaloPSA", "halopsa"),
    ("Freshdesk", "freshdesk"),
    ("ServiceNow", "servicenow"),
)
PROBLEMS_SHOWN = 30
NOUNS = {
    "clients": "clients",
    "contacts": "contacts",
    "tickets": "tickets",
    "spend": "marketing spend",
    "revenue": "one-off revenue",
}


class ImportDialog(FormDialog):
    """``ImportDialog(db, edits, kind)``: the file, the program that wrote it, the preview."""

    def __init__(self, db: Database, edits: Edits, kind: str, parent: QWidget | None = None) -> None:
        noun = NOUNS[kind]
        super().__init__(
            edits,
            name="import_dialog",
            title=f"Import {noun}",
            accept="Import",
            accept_name="import_apply",
            min_width=560,
            parent=parent,
        )
        self._db, self._kind = db, kind
        self.path = QLineEdit()
        self.path.setPlaceholderText("a CSV or Excel (.xlsx) file")
        browse = QPushButton("Browse…")
        browse.setObjectName("import_browse")
        browse.clicked.connect(self._browse)
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.row("File", "file", holder)
        self.path.setObjectName("import_path")
        self.preset = self.row("Written by", "preset", QComboBox(), name="import_preset")
        for label, name in PRESETS:
            self.preset.addItem(label, name)
        self.live_preview("import_preview")
        self.path.textChanged.connect(self.preview_soon)
        self.preset.currentIndexChanged.connect(self.preview_soon)
        self.accept_button.setEnabled(False)
        self.update_preview()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.windowTitle(), self.path.text(), "CSV or Excel files (*.csv *.xlsx);;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    def _choice(self) -> ImportChoice:
        preset = self.preset.currentData()
        return ImportChoice(self._kind, preset if isinstance(preset, str) else None)

    def rehearse(self) -> tuple[str, bool]:
        """What importing the file would do (nothing is written), or each of its problems."""
        text = self.path.text().strip()
        if not text:
            return "Choose the file to import.", False
        try:
            report = import_file(self._db, Path(text), self._choice(), dry_run=True)
        except (ValidationErrors, ValidationError) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            shown = [error.message for error in errors[:PROBLEMS_SHOWN]]
            more = len(errors) - len(shown)
            if more:
                shown.append(f"… and {more} more")
            return "Nothing can be imported until these are fixed:\n" + "\n".join(shown), False
        except MspError as exc:
            return f"Nothing can be imported: {exc}", False
        lines = [line for line in report.lines() if not line.startswith("Dry run")]
        return "\n".join(lines) or "The file holds nothing to import.", bool(report.added or report.updated)

    def submit(self) -> bool:
        return self.commit(self._write)

    def _write(self) -> Changes:
        report = import_file(self._db, Path(self.path.text().strip()), self._choice())
        assert report.changes is not None  # a real import always records what it changed
        return report.changes
