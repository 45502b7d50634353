"""Add or edit one contact of a client: name, role, email, phone and the decision-maker flag,
each error shown beside its field; Save writes through ``Edits`` (undoable)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ContactRow
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.edits import Edits


class ContactDialog(QDialog):
    """``ContactDialog(db, edits, client_id, contact=None)``: a new contact, or ``contact`` edited."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        contact: ContactRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact_dialog")
        self._db, self._edits, self._client_id, self._contact = db, edits, client_id, contact
        self.setWindowTitle("Edit contact" if contact else "New contact")
        self.setMinimumWidth(400)
        self.errors = FieldErrors(error_label("form"))
        form = QFormLayout()
        self.name = self._line(form, "name", "Name", "Full name")
        self.role = self._line(form, "role", "Role", "Owner, office manager, CFO…")
        self.email = self._line(form, "email", "Email", "name@company.com")
        self.phone = self._line(form, "phone", "Phone", "")
        self.decision_maker = QCheckBox("Decision maker (signs off on services and spend)")
        self.decision_maker.setObjectName("contact_decision_maker")
        form.addRow("", self.decision_maker)
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setText(contact.role)
            self.email.setText(contact.email)
            self.phone.setText(contact.phone)
            self.decision_maker.setChecked(contact.decision_maker)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("contact_save")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)

    def _line(self, form: QFormLayout, key: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"contact_{key}")
        edit.setPlaceholderText(placeholder)
        holder = self.errors.cell(key, edit)
        form.addRow(label, holder)
        return edit

    def save(self) -> bool:
        """Write the contact; the dialog closes on success, stays open with the error otherwise."""
        values = {
            "role": self.role.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "decision_maker": self.decision_maker.isChecked(),
        }
        name = self.name.text()
        if self._contact is None:
            client_id = self._client_id

            def write():  # type: ignore[no-untyped-def]
                return clients.add_contact(self._db, client_id, name, **values)
        else:
            contact_id = self._contact.id

            def write():  # type: ignore[no-untyped-def]
                return clients.update_contact(self._db, contact_id, name=name, **values)

        if not self.errors.run(lambda: self._edits.apply(write)):
            return False
        self.accept()
        return True
