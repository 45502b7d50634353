"""Add or edit one contact of a client: name, role, email, phone and the decision-maker flag,
each error shown beside its field; Save writes through ``Edits`` (undoable)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from msp_desk.services.changes import Changes
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ContactRow
from msp_desk.store.database import Database
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits


class ContactDialog(FormDialog):
    """``ContactDialog(db, edits, client_id, contact=None)``: a new contact, or ``contact`` edited."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        contact: ContactRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="contact_dialog",
            title="Edit contact" if contact else "New contact",
            accept="Save",
            accept_name="contact_save",
            min_width=400,
            prefix="contact_",
            parent=parent,
        )
        self._db, self._client_id, self._contact = db, client_id, contact
        self.save_button = self.accept_button
        self.name = self._line("name", "Name", "Full name")
        self.role = self._line("role", "Role", "Owner, office manager, CFO…")
        self.email = self._line("email", "Email", "name@company.com")
        self.phone = self._line("phone", "Phone", "")
        self.decision_maker = QCheckBox("Decision maker (signs off on services and spend)")
        self.decision_maker.setObjectName("contact_decision_maker")
        self.form.addRow("", self.decision_maker)
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setText(contact.role)
            self.email.setText(contact.email)
            self.phone.setText(contact.phone)
            self.decision_maker.setChecked(contact.decision_maker)

    def _line(self, key: str, label: str, placeholder: str) -> QLineEdit:
        edit = self.row(label, key, QLineEdit())
        edit.setPlaceholderText(placeholder)
        return edit

    def submit(self) -> bool:
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

            def write() -> Changes:
                return clients.add_contact(self._db, client_id, name, **values)
        else:
            contact_id = self._contact.id

            def write() -> Changes:
                return clients.update_contact(self._db, contact_id, name=name, **values)

        return self.commit(write)
