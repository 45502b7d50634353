"""The client's dated notes (newest first, with a box to add one) and its tags (chips, edited
as a comma list that completes the shop's existing tags)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ClientRecord
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext


class ClientNotes(QWidget):
    """Notes newest first; type in the box and press Add note (Ctrl+Enter)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_notes")
        self._db, self._edits = ctx.db, ctx.edits
        self._client_id: int | None = None
        self.text = QPlainTextEdit()
        self.text.setObjectName("note_text")
        self.text.setPlaceholderText("What did you learn? Plans, people, pains… (Ctrl+Enter adds it)")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.add_button = QPushButton("Add note")
        self.add_button.setObjectName("note_add")
        self.add_button.clicked.connect(self.add_note)
        self.errors = FieldErrors(error_label("form"))
        note_error = self.errors.add("note")
        self.text.installEventFilter(self)  # Ctrl+Enter adds the note (the editor keeps plain Enter)
        self.model = RowsModel(("Written", "Note"))
        self.view = table_view("notes_table", self.model)
        self.view.setWordWrap(True)
        # Each row as tall as its note wraps to, re-measured as the pane narrows or the style applies.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stack = EmptyOr(self.view, "notes_empty")

        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(row)
        column.addWidget(note_error)
        column.addWidget(self.errors.form)
        column.addWidget(self.stack, 1)

    def set_record(self, record: ClientRecord, locale: str) -> None:
        if record.id != self._client_id:
            self.text.clear()
            self.errors.clear()
        self._client_id = record.id
        notes = record.dated_notes
        when = [note.written_at.astimezone() for note in notes]  # stored in UTC, read in local time
        self.model.set_rows(
            [(fmt.date_text(at.date(), locale), note.body) for at, note in zip(when, notes, strict=True)],
            [note.id for note in notes],
            tips=[note.body for note in notes],
        )
        self.stack.show_empty(None if notes else "No notes yet — jot down what you learn at each call")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if (
            watched is self.text
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.add_note()
            return True
        return super().eventFilter(watched, event)

    def add_note(self) -> None:
        if self._client_id is None:
            return
        client_id, body = self._client_id, self.text.toPlainText()
        if self.errors.run(lambda: self._edits.apply(lambda: clients.add_note(self._db, client_id, body))):
            self.text.clear()


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self.names = QStringListModel(self)
        self.setModel(self.names)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setWidget(edit)
        self.activated.connect(self._insert)
        edit.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        prefix = text.rsplit(",", 1)[-1].strip()
        if not prefix:
            self._hide_popup()
            return
        self.setCompletionPrefix(prefix)
        if self.completionCount():
            self.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.popup()  # None only in inline completion mode, where nothing pops up
        if popup is not None:
            popup.hide()

    def _insert(self, name: str) -> None:
        head = self._edit.text().rsplit(",", 1)[0] if "," in self._edit.text() else ""
        self._edit.setText(f"{head.strip()}, {name}, " if head.strip() else f"{name}, ")


class ClientTags(QWidget):
    """Tags as chips; edit the comma list (completing existing tags) and press Save tags."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_tags")
        self._db, self._edits = ctx.db, ctx.edits
        self._client_id: int | None = None
        self.chips = QLabel()
        self.chips.setObjectName("tag_chips")
        self.chips.setWordWrap(True)
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.edit = QLineEdit()
        self.edit.setObjectName("tags_edit")
        self.edit.setPlaceholderText("e.g. dental, referral-ready, co-managed")
        self.edit.setToolTip("Separate tags with commas; existing tags are offered as you type")
        self.completer = _TagCompleter(self.edit)
        self.edit.returnPressed.connect(self.save)
        self.save_button = QPushButton("Save tags")
        self.save_button.setObjectName("tags_save")
        self.save_button.clicked.connect(self.save)
        self.errors = FieldErrors(error_label("form"))
        tags_error = self.errors.add("tags")
        hint = QLabel("Tags group clients for filters and referral asks. Separate them with commas.")
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.label_style("quiet"))
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 12, 0, 0)
        column.addWidget(self.chips)
        column.addSpacing(8)
        column.addLayout(row)
        column.addWidget(tags_error)
        column.addWidget(self.errors.form)
        column.addWidget(hint)
        column.addStretch(1)

    def set_record(self, record: ClientRecord, known_tags: tuple[str, ...]) -> None:
        shown = {name.casefold() for name in self._shown_tags()}
        untouched = shown in ({t.casefold() for t in self._tags}, {t.casefold() for t in record.tags})
        if record.id != self._client_id or untouched:
            self.edit.setText(", ".join(record.tags))
            self.errors.clear()
        self._client_id = record.id
        self._tags = record.tags
        self.completer.names.setStringList(list(known_tags))
        if record.tags:
            self.chips.setText(" ".join(theme.chip(tag) for tag in record.tags))
        else:
            self.chips.setText(theme.span("No tags yet", "quiet"))

    _tags: tuple[str, ...] = ()

    def _shown_tags(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in self.edit.text().split(",") if name.strip())

    def save(self) -> None:
        if self._client_id is None:
            return
        client_id, names = self._client_id, self.edit.text().split(",")
        self.errors.run(lambda: self._edits.apply(lambda: clients.set_tags(self._db, client_id, names)))
