"""The partners panel's dialogs: add or edit a partner, record a touch (and when the next one is
due), and a referral we sent them; each saves through ``Edits`` with errors beside the fields."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from msp_desk.domain.enums import PartnerKind
from msp_desk.services.referrals import partners
from msp_desk.services.referrals.partners import PartnerSummary
from msp_desk.store.database import Database
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

KIND_WORDS = {
    PartnerKind.CPA.value: "CPA / accountant",
    PartnerKind.ATTORNEY.value: "Attorney",
    PartnerKind.VENDOR.value: "Vendor",
    PartnerKind.PEER_MSP.value: "Peer shop",
    PartnerKind.OTHER.value: "Other",
}


class _PartnerForm(FormDialog):
    """A partner dialog: fields named ``partner_<key>``, the accept button ``partner_save``."""

    def __init__(self, name: str, title: str, accept: str, edits: Edits, parent: QWidget | None) -> None:
        super().__init__(
            edits,
            name=name,
            title=title,
            accept=accept,
            accept_name="partner_save",
            prefix="partner_",
            parent=parent,
        )
        self.ok_button = self.accept_button


class PartnerDialog(_PartnerForm):
    """``PartnerDialog(db, edits, partner=None)``: a new partner, or ``partner`` edited."""

    def __init__(
        self, db: Database, edits: Edits, partner: PartnerSummary | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "partner_dialog", "Edit partner" if partner else "New partner", "Save", edits, parent
        )
        self._db, self._partner = db, partner
        self.name = self.row("Name", "name", QLineEdit())
        self.kind = self.row("Kind", "kind", QComboBox())
        for value, text in KIND_WORDS.items():
            self.kind.addItem(text, value)
        self.company = self.row("Company", "company", QLineEdit())
        self.email = self.row("Email", "email", QLineEdit())
        self.phone = self.row("Phone", "phone", QLineEdit())
        self.notes = self.row("Notes", "notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)
        if partner is not None:
            self.name.setText(partner.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(partner.kind)))
            self.company.setText(partner.company)
            self.email.setText(partner.email)
            self.phone.setText(partner.phone)
            self.notes.setPlainText(partner.notes)

    def submit(self) -> bool:
        values = {
            "kind": self.kind.currentData(),
            "company": self.company.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "notes": self.notes.toPlainText(),
        }
        name, db = self.name.text(), self._db
        if self._partner is None:
            return self.commit(lambda: partners.add_partner(db, name, **values))
        pid = self._partner.id
        return self.commit(lambda: partners.update_partner(db, pid, name=name, **values))


class TouchDialog(_PartnerForm):
    """``TouchDialog(db, edits, partner, today)``: we were in touch today; the next touch in N days."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        partner: PartnerSummary,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("partner_touch_dialog", f"Touched {partner.name}", "Record touch", edits, parent)
        self._db, self._partner, self._today = db, partner, today
        intro = QLabel(f"Record today as the last touch with {partner.name}, and when to touch base next.")
        intro.setWordWrap(True)
        self.intro.addWidget(intro)
        self.days = self.row("Next touch in", "next_in_days", QSpinBox())
        self.days.setRange(1, partners.MAX_TOUCH_DAYS)
        self.days.setValue(partners.DEFAULT_TOUCH_DAYS)
        self.days.setSuffix(" days")

    def submit(self) -> bool:
        db, pid, day, days = self._db, self._partner.id, self._today, self.days.value()
        return self.commit(lambda: partners.touch_partner(db, pid, day, next_in_days=days))


class SentDialog(_PartnerForm):
    """``SentDialog(db, edits, partner, today)``: a company we introduced to the partner today."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        partner: PartnerSummary,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("partner_sent_dialog", f"A referral sent to {partner.name}", "Save", edits, parent)
        self._db, self._partner, self._today = db, partner, today
        self.company = self.row("Company", "company", QLineEdit())
        self.company.setPlaceholderText("Who we introduced to them")
        self.note = self.row("Note", "note", QLineEdit())
        self.note.setPlaceholderText("What they need, how we introduced them…")

    def submit(self) -> bool:
        db, pid, day = self._db, self._partner.id, self._today
        company, note = self.company.text(), self.note.text()
        return self.commit(lambda: partners.send_reciprocal(db, pid, day, company, note))
