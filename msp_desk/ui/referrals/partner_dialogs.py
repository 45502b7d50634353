"""The partners panel's dialogs: add or edit a partner, record a touch (and when the next one is
due), and a referral we sent them; each saves through ``Edits`` with errors beside the fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import PartnerKind
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import partners
from msp_desk.services.referrals.partners import PartnerSummary
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.edits import Edits

KIND_WORDS = {
    PartnerKind.CPA.value: "CPA / accountant",
    PartnerKind.ATTORNEY.value: "Attorney",
    PartnerKind.VENDOR.value: "Vendor",
    PartnerKind.PEER_MSP.value: "Peer shop",
    PartnerKind.OTHER.value: "Other",
}


class _FormDialog(QDialog):
    """A form whose fields each carry an error label, the form's error, and Save / Cancel."""

    def __init__(self, name: str, title: str, edits: Edits, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._edits = edits
        self.changes: Changes | None = None
        self.errors = FieldErrors(error_label("form"))
        self.form = QFormLayout()
        self.column = QVBoxLayout(self)
        self.column.addLayout(self.form)

    def field(self, key: str, label: str, widget):  # type: ignore[no-untyped-def]
        widget.setObjectName(f"partner_{key}")
        holder = self.errors.cell(key, widget)
        self.form.addRow(label, holder)
        return widget

    def buttons(self, text: str) -> None:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("partner_save")
        self.ok_button.setDefault(True)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        self.column.addWidget(self.errors.form)
        self.column.addWidget(box)

    def write(self, call: Callable[[], Changes]) -> bool:
        if not self.errors.run(lambda: setattr(self, "changes", self._edits.apply(call))):
            return False
        self.accept()
        return True

    def save(self) -> bool:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class PartnerDialog(_FormDialog):
    """``PartnerDialog(db, edits, partner=None)``: a new partner, or ``partner`` edited."""

    def __init__(
        self, db: Database, edits: Edits, partner: PartnerSummary | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("partner_dialog", "Edit partner" if partner else "New partner", edits, parent)
        self._db, self._partner = db, partner
        self.name = self.field("name", "Name", QLineEdit())
        self.kind = self.field("kind", "Kind", QComboBox())
        for value, text in KIND_WORDS.items():
            self.kind.addItem(text, value)
        self.company = self.field("company", "Company", QLineEdit())
        self.email = self.field("email", "Email", QLineEdit())
        self.phone = self.field("phone", "Phone", QLineEdit())
        self.notes = self.field("notes", "Notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)
        if partner is not None:
            self.name.setText(partner.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(partner.kind)))
            self.company.setText(partner.company)
            self.email.setText(partner.email)
            self.phone.setText(partner.phone)
            self.notes.setPlainText(partner.notes)
        self.buttons("Save")

    def save(self) -> bool:
        values = {
            "kind": self.kind.currentData(),
            "company": self.company.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "notes": self.notes.toPlainText(),
        }
        name, db = self.name.text(), self._db
        if self._partner is None:
            return self.write(lambda: partners.add_partner(db, name, **values))
        pid = self._partner.id
        return self.write(lambda: partners.update_partner(db, pid, name=name, **values))


class TouchDialog(_FormDialog):
    """``TouchDialog(db, edits, partner, today)``: we were in touch today; the next touch in N days."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        partner: PartnerSummary,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("partner_touch_dialog", f"Touched {partner.name}", edits, parent)
        self._db, self._partner, self._today = db, partner, today
        intro = QLabel(f"Record today as the last touch with {partner.name}, and when to touch base next.")
        intro.setWordWrap(True)
        self.column.insertWidget(0, intro)
        self.days = self.field("next_in_days", "Next touch in", QSpinBox())
        self.days.setRange(1, partners.MAX_TOUCH_DAYS)
        self.days.setValue(partners.DEFAULT_TOUCH_DAYS)
        self.days.setSuffix(" days")
        self.buttons("Record touch")

    def save(self) -> bool:
        db, pid, day, days = self._db, self._partner.id, self._today, self.days.value()
        return self.write(lambda: partners.touch_partner(db, pid, day, next_in_days=days))


class SentDialog(_FormDialog):
    """``SentDialog(db, edits, partner, today)``: a company we introduced to the partner today."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        partner: PartnerSummary,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("partner_sent_dialog", f"A referral sent to {partner.name}", edits, parent)
        self._db, self._partner, self._today = db, partner, today
        self.company = self.field("company", "Company", QLineEdit())
        self.company.setPlaceholderText("Who we introduced to them")
        self.note = self.field("note", "Note", QLineEdit())
        self.note.setPlaceholderText("What they need, how we introduced them…")
        self.buttons("Save")

    def save(self) -> bool:
        db, pid, day = self._db, self._partner.id, self._today
        company, note = self.company.text(), self.note.text()
        return self.write(lambda: partners.send_reciprocal(db, pid, day, company, note))
