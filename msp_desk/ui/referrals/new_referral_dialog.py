"""A new referral, received today: the company, who referred it (a client or a partner: required,
so credit is never lost), the person to call, what they need, expected MRR and the first follow-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from msp_desk.services.changes import Changes
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import parse_money_text
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

FOLLOW_UP_DAYS = 1  # call a referral the next day: warm introductions cool fast


class NewReferralDialog(FormDialog):
    """``NewReferralDialog(db, edits, today)``; ``new_id`` is the referral saved."""

    def __init__(self, db: Database, edits: Edits, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(
            edits,
            name="referral_new_dialog",
            title="New referral",
            accept="Add referral",
            accept_name="referral_save",
            min_width=440,
            prefix="referral_",
            aliases={"contact_email": "email", "expected_mrr": "mrr", "follow_up_on": "follow_up"},
            parent=parent,
        )
        self._db, self._today = db, today
        self._profile = shop_profile(db)
        self.save_button = self.accept_button
        self.company = self.row("Company", "company", QLineEdit())
        self.referrer = self.row("Referred by", "referrer", QComboBox())
        self.referrer.addItem("Choose the client or partner…", None)
        for option in rp.referrer_options(db):
            self.referrer.addItem(option.label, option)
        self.contact = self.row("Contact", "contact", QLineEdit())
        self.email = self.row("Email", "email", QLineEdit())
        self.phone = self.row("Phone", "phone", QLineEdit())
        self.industry = self.row("Industry", "industry", QLineEdit())
        self.pain = self.row("What they need", "pain", QLineEdit())
        self.mrr = self.row("Expected MRR", "mrr", QLineEdit())
        self.mrr.setPlaceholderText(f"a month, in {self._profile.currency}")
        self.follow_up = self.row("First follow-up", "follow_up", QSpinBox())
        self.follow_up.setRange(0, 60)
        self.follow_up.setValue(FOLLOW_UP_DAYS)
        self.follow_up.setSpecialValueText("none")
        self.follow_up.setSuffix(" days from today")

    @property
    def new_id(self) -> int | None:
        """The referral the dialog saved (None before)."""
        journal = self.changes.journal if self.changes else None
        return next((r.row_id for r in journal.rows if r.table == "referral"), None) if journal else None

    def submit(self) -> bool:
        """Add the referral; the dialog stays open with the error beside its field if it is refused."""
        option = self.referrer.currentData()
        days = self.follow_up.value()
        db, today = self._db, self._today
        company, mrr_text = self.company.text(), self.mrr.text()
        contact, email, phone = self.contact.text(), self.email.text(), self.phone.text()
        industry, pain = self.industry.text(), self.pain.text()

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
                contact_name=contact,
                contact_email=email,
                contact_phone=phone,
                industry=industry,
                pain=pain,
            )

        return self.commit(write)
