"""The client's contacts: a table (decision makers first), Add / Edit / Remove, and a sentence
that asks for the decision maker when there is nobody yet."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk.errors import MspError
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ContactRow
from msp_desk.ui import theme
from msp_desk.ui.clients.contact_dialog import ContactDialog
from msp_desk.ui.common.tables import AnyIndex, EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext

NO_CONTACTS = "No contacts yet — add the decision maker"


class ContactsModel(RowsModel):
    """Contacts as rows; a decision maker's row is bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(("Name", "Role", "Email", "Phone", "Decision maker"), parent=parent)
        self.contacts: list[ContactRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_contacts(self, contacts: tuple[ContactRow, ...]) -> None:
        self.contacts = list(contacts)
        rows = [(c.name, c.role, c.email, c.phone, "✓ Decides" if c.decision_maker else "") for c in contacts]
        self.set_rows(rows, [c.id for c in contacts])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.contacts[index.row()].decision_maker:
            return self._bold
        return super().data(index, role)


class ClientContacts(QWidget):
    """``set_contacts(client_id, contacts)``; the dialog it opens is ``dialog`` (tests drive it)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_contacts")
        self._db, self._edits = ctx.db, ctx.edits
        self._client_id: int | None = None
        self.dialog: ContactDialog | None = None
        self.model = ContactsModel(self)
        self.view = table_view("contacts_table", self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit_contact())
        self.stack = EmptyOr(self.view, "contacts_empty")

        self.add_button = QPushButton("Add contact…")
        self.add_button.setObjectName("contact_add")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("contact_edit")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("contact_remove")
        self.remove_button.setToolTip("Remove the selected contact (Delete); Ctrl+Z brings them back")
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.remove_button.clicked.connect(self.remove_contact)
        self.error = QLabel()
        self.error.setObjectName("contacts_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.remove_contact)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.edit_contact)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.error)
        column.addWidget(self.stack, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_contacts(self, client_id: int, contacts: tuple[ContactRow, ...]) -> None:
        selected = self.selected()
        if client_id != self._client_id:
            self.error.hide()
            selected = None
        self._client_id = client_id
        self.model.set_contacts(contacts)
        self.stack.show_empty(None if contacts else NO_CONTACTS)
        if selected is not None and selected.id in self.model.keys:
            self.view.selectRow(self.model.keys.index(selected.id))
        self._update_buttons()

    def selected(self) -> ContactRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.contacts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        """Select the contact called ``name``."""
        names = [c.name for c in self.model.contacts]
        self.view.selectRow(names.index(name))

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add_contact(self) -> None:
        self._open(None)

    def edit_contact(self) -> None:
        contact = self.selected()
        if contact is not None:
            self._open(contact)

    def _open(self, contact: ContactRow | None) -> None:
        if self._client_id is None:
            return
        self.error.hide()
        if self.dialog is not None:  # the last one, closed by now
            self.dialog.deleteLater()
        self.dialog = ContactDialog(self._db, self._edits, self._client_id, contact, self)
        self.dialog.open()

    def remove_contact(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        self.error.hide()
        try:
            self._edits.apply(lambda: clients.remove_contact(self._db, contact.id))
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()
