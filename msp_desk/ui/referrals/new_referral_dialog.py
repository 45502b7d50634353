"""A new referral, received today: the company, who referred it (a client or a partner: required,
so credit is never lost), the person to call, what they need, expected MRR and the first follow-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.services.changes import Changes
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import FieldErrors, error_label, parse_money_text
from msp_desk.ui.edits import Edits

FOLLOW_UP_DAYS = 1  # call a referral the next day: warm introductions cool fast


class NewReferralDialog(QDialog):
    """``NewReferralDialog(db, edits, today)``; ``new_id`` is the referral saved."""

    def __init__(self, db: Database, edits: Edits, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referral_new_dialog")
        self.setWindowTitle("New referral")
        self.setMinimumWidth(440)
        self._db, self._edits, self._today = db, edits, today
        self._profile = shop_profile(db)
        self.changes: Changes | None = None
        self.new_id: int | None = None
        self.errors = FieldErrors(
            error_label("form"),
            {"contact_email": "email", "expected_mrr": "mrr", "follow_up_on": "follow_up"},
        )
        form = QFormLayout()
        self.company = self._field(form, "company", "Company", QLineEdit())
        self.referrer = self._field(form, "referrer", "Referred by", QComboBox())
        self.referrer.addItem("Choose the client or partner…", None)
        for option in rp.referrer_options(db):
            self.referrer.addItem(option.label, option)
        self.contact = self._field(form, "contact", "Contact", QLineEdit())
        self.email = self._field(form, "email", "Email", QLineEdit())
        self.phone = self._field(form, "phone", "Phone", QLineEdit())
        self.industry = self._field(form, "industry", "Industry", QLineEdit())
        self.pain = self._field(form, "pain", "What they need", QLineEdit())
        self.mrr = self._field(form, "mrr", "Expected MRR", QLineEdit())
        self.mrr.setPlaceholderText(f"a month, in {self._profile.currency}")
        self.follow_up = self._field(form, "follow_up", "First follow-up", QSpinBox())
        self.follow_up.setRange(0, 60)
        self.follow_up.setValue(FOLLOW_UP_DAYS)
        self.follow_up.setSpecialValueText("none")
        self.follow_up.setSuffix(" days from today")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("Add referral", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("referral_save")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)

    def _field(self, form: QFormLayout, key: str, label: str, widget):  # type: ignore[no-untyped-def]
        widget.setObjectName(f"referral_{key}")
        holder = self.errors.cell(key, widget)
        form.addRow(label, holder)
        return widget

    def save(self) -> bool:
        """Add the referral; the dialog stays open with the error beside its field if it is refused."""
        option = self.referrer.currentData()
        days = self.follow_up.value()
        db, today = self._db, self._today
        texts = {
            "contact_name": self.contact.text(),
            "contact_email": self.email.text(),
            "contact_phone": self.phone.text(),
            "industry": self.industry.text(),
            "pain": self.pain.text(),
        }
        company, mrr_text = self.company.text(), self.mrr.text()

        def write() -> Changes:
            mrr = parse_money_text(mrr_text, "expected_mrr", self._profile.currency, self._profile.locale)
            return rp.add_referral(
                db,
                company,
                today,
                referrer_client_id=option.client_id if option else None,
                referrer_partner_id=option.partner_id if option else None,
                expected_mrr_cents=mrr or 0,
                follow_up_on=today + dt.timedelta(days=days) if days else None,
                **texts,
            )

        if not self.errors.run(lambda: setattr(self, "changes", self._edits.apply(write))):
            return False
        journal = self.changes.journal if self.changes else None
        self.new_id = (
            next((r.row_id for r in journal.rows if r.table == "referral"), None) if journal else None
        )
        self.accept()
        return True
