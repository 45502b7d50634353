"""A new client (Ctrl+N): name, industry, channel, who referred them, and whether they start
as a prospect or go straight to onboarding (which adds the first-90-days checklist)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.services.changes import Changes
from msp_desk.services.clients import detail as client_record
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ReferrerChoice
from msp_desk.store.database import Database
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.common.words import word
from msp_desk.ui.edits import Edits

STATUSES = (
    (ClientStatus.PROSPECT.value, "Prospect — still selling"),
    (ClientStatus.ONBOARDING.value, "Onboarding — signed: add the first-90-days checklist"),
)


class NewClientDialog(FormDialog):
    """``NewClientDialog(db, today, edits)``; Create saves (undoably) and emits ``created(client_id)``."""

    created = Signal(int)

    def __init__(self, db: Database, today: dt.date, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(
            edits,
            name="new_client_dialog",
            title="New client",
            accept="Create",
            accept_name="new_client_create",
            min_width=480,
            prefix="new_client_",
            aliases={"referred_by_referral_id": "referrer"},
            parent=parent,
        )
        self._db, self._today = db, today
        self.create_button = self.accept_button
        self.client_id: int | None = None
        self._prefilled = ""  # the name last filled in from a referral (replaced when another is picked)

        self.name = self.row("Name", "name", QLineEdit())
        self.name.setPlaceholderText("Company name")
        self.industry = self.row("Industry", "industry", QLineEdit())
        self.industry.setPlaceholderText("Dental, legal, accounting…")
        self.channel = self.row("Came through", "channel", QComboBox())
        self.channel.addItem("—", None)
        for channel in Channel:
            self.channel.addItem(word(channel.value), channel.value)
        self.referrer = self.row("Referred by", "referrer", QComboBox())
        self.choices = client_record.referrer_choices(db)
        self._fill_referrers(self.choices)
        self.referrer.currentIndexChanged.connect(self._referrer_picked)
        self.status = self.row("Status", "status", QComboBox())
        for value, label in STATUSES:
            self.status.addItem(label, value)
        self.name.setFocus()

    def _fill_referrers(self, choices: tuple[ReferrerChoice, ...]) -> None:
        self.referrer.addItem("Nobody", None)
        referrals = [c for c in choices if c.kind == "referral"]
        referring = [c for c in choices if c.kind == "client"]
        if referrals:
            self.referrer.insertSeparator(self.referrer.count())
            for choice in referrals:
                self.referrer.addItem(f"Referral: {choice.label}", choice)
        if referring:
            self.referrer.insertSeparator(self.referrer.count())
            for choice in referring:
                self.referrer.addItem(f"Client: {choice.label}", choice)

    def choose_referrer(self, label_part: str) -> None:
        """Pick the first referrer whose label contains ``label_part`` (keyboard and tests)."""
        for i in range(self.referrer.count()):
            if label_part in self.referrer.itemText(i):
                self.referrer.setCurrentIndex(i)
                return
        raise LookupError(label_part)

    def _referrer_picked(self) -> None:
        choice = self.referrer.currentData()
        if not isinstance(choice, ReferrerChoice):
            return
        if choice.kind == "referral":
            if not self.name.text().strip() or self.name.text() == self._prefilled:
                self.name.setText(choice.company)
                self._prefilled = choice.company
            if not self.industry.text().strip():
                self.industry.setText(choice.industry)
        if self.channel.currentData() in (None, Channel.REFERRAL.value, Channel.PARTNER.value):
            self.channel.setCurrentIndex(self.channel.findData(choice.channel))

    def submit(self) -> bool:
        """Create the client; the dialog closes on success, stays open with the error otherwise."""
        choice = self.referrer.currentData()
        referral_id = choice.id if isinstance(choice, ReferrerChoice) and choice.kind == "referral" else None
        referrer_client = (
            choice.id if isinstance(choice, ReferrerChoice) and choice.kind == "client" else None
        )
        name, industry = self.name.text(), self.industry.text()
        channel, status, today = self.channel.currentData(), self.status.currentData(), self._today

        def write() -> Changes:
            return clients.create_client(
                self._db,
                name,
                status=status,
                channel=channel,
                referred_by_referral_id=referral_id,
                industry=industry,
                referrer_client_id=referrer_client,
                today=today,
            )

        if not self.commit(write):
            return False
        assert self.changes is not None
        self.client_id = clients.new_client_id(self.changes)
        self.created.emit(self.client_id)
        return True
