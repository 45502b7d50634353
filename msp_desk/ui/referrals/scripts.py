"""The scripts library: the built-in and own scripts, edit or add one (built-ins are reworded,
never deleted), and see it filled for a client, copied to the clipboard or opened as an email
draft. A merge field with no value shows as "[pain]" so the owner sees what to fill in."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import ScriptKind
from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import scripts
from msp_desk.services.referrals.asks import ask_targets
from msp_desk.services.referrals.scripts import MERGE_FIELDS, MergeValues, ScriptRow
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.tables import RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

KIND_WORDS = {
    ScriptKind.ASK.value: "Referral ask",
    ScriptKind.QUESTIONS.value: "Specific questions",
    ScriptKind.INTRO.value: "Introduction",
    ScriptKind.CUSTOM.value: "Other",
}


# What the library shows: the scripts, and what they are filled with.
SHOWS = frozenset({"script", "client", "contact", "partner", "referral_ask", "shop_settings"})


class ScriptsLibrary(QWidget):
    """``ScriptsLibrary(db, today, edits)``: the list on the left, the chosen script on the right."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scripts_library")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.scripts: list[ScriptRow] = []
        self._editing: int | None = None  # the script shown; None: a new one
        self._values = MergeValues()
        self._loaded: tuple[str, str, str] = ("", "", "")  # the chosen script as last read

        self.model = RowsModel(("Script", "", "Kind"), parent=self)
        self.view = table_view("scripts_table", self.model)
        self.new_button = QPushButton("New script")
        self.new_button.setObjectName("script_new")
        self.new_button.clicked.connect(self.new_script)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("script_delete")
        self.delete_button.clicked.connect(self.delete_script)
        self.list_error = error_label("list")
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.view, 1)
        left_column.addWidget(self.list_error)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.new_button)
        left_buttons.addWidget(self.delete_button)
        left_buttons.addStretch(1)
        left_column.addLayout(left_buttons)

        self.errors = FieldErrors(error_label("script_form"))
        self.name = QLineEdit()
        self.name.setObjectName("script_name")
        self.kind = QComboBox()
        self.kind.setObjectName("script_kind")
        for value, label in KIND_WORDS.items():
            self.kind.addItem(label, value)
        self.body = QPlainTextEdit()
        self.body.setObjectName("script_body")
        self.body.setPlaceholderText(
            "The words to say; merge fields: " + " ".join(f"{{{f}}}" for f in MERGE_FIELDS)
        )
        self.save_button = QPushButton("Save script")
        self.save_button.setObjectName("script_save")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("Name", self.errors.cell("name", self.name))
        form.addRow("Kind", self.errors.cell("kind", self.kind))
        form.addRow("Words", self.errors.cell("body", self.body))
        hint = QLabel("Merge fields: " + ", ".join(f"{{{f}}}" for f in MERGE_FIELDS))
        hint.setStyleSheet(theme.label_style("caption"))
        hint.setWordWrap(True)

        self.client = QComboBox()
        self.client.setObjectName("script_client")
        self.referrer = self._field("script_referrer", "Who referred them (intro calls)")
        self.industry = self._field("script_industry", "Target industry (else the client's)")
        self.pain = self._field("script_pain", "Target pain")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("script_preview")
        self.preview.setReadOnly(True)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("script_copy")
        self.copy_button.setToolTip("Copy the filled text to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.email_button = QPushButton("Email draft")
        self.email_button.setObjectName("script_email")
        self.email_button.setToolTip("Open a draft in your email program, to the client's decision maker")
        self.email_button.clicked.connect(self.open_email)
        self.status = QLabel()
        self.status.setObjectName("script_status")
        self.status.setStyleSheet(theme.label_style("caption"))
        fill_row = QHBoxLayout()
        fill_row.addWidget(QLabel("Fill for"))
        fill_row.addWidget(self.client, 2)
        fill_row.addWidget(self.referrer, 1)
        fill_row.addWidget(self.industry, 1)
        fill_row.addWidget(self.pain, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(self.status)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.email_button)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addLayout(form, 3)
        right_column.addWidget(hint)
        right_column.addWidget(self.errors.form)
        right_column.addLayout(fill_row)
        filled = QLabel("As it reads for them; a field with no value shows as [field] to fill in")
        filled.setStyleSheet(theme.label_style("caption"))
        right_column.addWidget(filled)
        right_column.addWidget(self.preview, 2)
        right_column.addLayout(actions)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            split(
                Qt.Orientation.Horizontal, left, right, stretch=(1, 3), name="scripts_split", sizes=(300, 800)
            )
        )

        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.client.currentIndexChanged.connect(self._client_changed)
        for edit in (self.referrer, self.industry, self.pain):
            edit.textChanged.connect(self._client_changed)
        self.body.textChanged.connect(self.update_preview)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    # -- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the scripts and the clients to fill them for; keeps the chosen script."""
        keep = self._editing
        self.scripts = scripts.list_scripts(self._db)
        self.model.set_rows(
            [
                (s.name, KIND_WORDS.get(s.kind, s.kind), "Built in" if s.builtin else "Own")
                for s in self.scripts
            ],
            [s.id for s in self.scripts],
        )
        chosen = self.client.currentData()
        clients, _partners = ask_targets(self._db)
        self.client.blockSignals(True)
        self.client.clear()
        self.client.addItem("(no client: show the fields)", None)
        for c in clients:
            self.client.addItem(c.name, c.id)
        self.client.setCurrentIndex(max(self.client.findData(chosen), 0))
        self.client.blockSignals(False)
        self._client_changed()
        if keep in self.model.keys:
            self.view.selectRow(self.model.keys.index(keep))
        elif self.scripts and self._editing is None and not self.name.text():
            self.view.selectRow(0)

    def selected(self) -> ScriptRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.scripts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        self.view.selectRow([s.name for s in self.scripts].index(name))

    def _chosen(self) -> None:
        script = self.selected()
        self.errors.clear()
        self.list_error.hide()
        if script is None:
            return
        if script.id == self._editing and self._fields() != self._loaded:
            return  # re-read while the owner is rewording it: keep their words
        self._editing = script.id
        self._loaded = (script.name, script.kind, script.body)
        self.name.setText(script.name)
        self.kind.setCurrentIndex(max(self.kind.findData(script.kind), 0))
        self.body.setPlainText(script.body)
        self.delete_button.setEnabled(not script.builtin)
        self.delete_button.setToolTip(
            "Built-in scripts can be reworded but not deleted" if script.builtin else "Delete this script"
        )

    def _fields(self) -> tuple[str, str, str]:
        return (self.name.text(), self.kind.currentData(), self.body.toPlainText())

    def _client_changed(self) -> None:
        client_id = self.client.currentData()
        try:
            self._values = scripts.merge_values(
                self._db,
                client_id=client_id,
                industry=self.industry.text(),
                pain=self.pain.text(),
                referrer=self.referrer.text(),
            )
        except MspError:
            self._values = MergeValues()
        self.update_preview()

    def filled(self) -> str:
        """The script as it reads for the chosen client, unknown fields as ``[field]``."""
        return scripts.fill(self.body.toPlainText(), self._values)

    def update_preview(self) -> None:
        self.preview.setPlainText(self.filled())

    # -- writing -----------------------------------------------------------------------------
    def new_script(self) -> None:
        self.view.clearSelection()
        self._editing = None
        self.name.clear()
        self.kind.setCurrentIndex(max(self.kind.findData(ScriptKind.CUSTOM.value), 0))
        self.body.clear()
        self.delete_button.setEnabled(False)
        self.errors.clear()
        self.name.setFocus()

    def save(self) -> bool:
        name, kind, body = self.name.text(), self.kind.currentData(), self.body.toPlainText()
        editing = self._editing

        def write() -> Changes:
            if editing is None:
                return scripts.add_script(self._db, name, body, kind)
            return scripts.update_script(self._db, editing, name=name, body=body, kind=kind)

        if not self.errors.run(lambda: self._edits.apply(write)):
            return False
        saved = " ".join(name.split()).casefold()
        found = next((s for s in self.scripts if s.name.casefold() == saved), None)
        if found is not None:
            self._loaded = self._fields()
            self._editing = None
            self.view.clearSelection()
            self.view.selectRow(self.scripts.index(found))
        self.status.setText("Saved")
        return True

    def delete_script(self) -> None:
        script = self.selected()
        if script is None:
            return
        self.list_error.hide()
        try:
            self._edits.apply(lambda: scripts.delete_script(self._db, script.id))
        except MspError as exc:
            self.list_error.setText(str(exc))
            self.list_error.show()
            return
        self._editing = None
        if self.scripts:
            self.view.selectRow(0)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.filled())
        self.status.setText("Copied")

    def email_url(self) -> str:
        """The ``mailto:`` URL of the script filled for the chosen client."""
        script = ScriptRow(
            self._editing or 0, self.name.text(), self.kind.currentData(), self.body.toPlainText(), False
        )
        return scripts.email_draft(script, self._values)

    def open_email(self) -> None:
        QDesktopServices.openUrl(QUrl(self.email_url()))
