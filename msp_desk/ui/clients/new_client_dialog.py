"""A new client (Ctrl+N): name, industry, channel, who referred them, and whether they start
as a prospect or go straight to onboarding (which adds the first-90-days checklist)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.services.clients import detail as client_record
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ReferrerChoice
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.common.words import word
from msp_desk.ui.edits import Edits

STATUSES = (
    (ClientStatus.PROSPECT.value, "Prospect — still selling"),
    (ClientStatus.ONBOARDING.value, "Onboarding — signed: add the first-90-days checklist"),
)


class NewClientDialog(QDialog):
    """``NewClientDialog(db, today, edits)``; Create saves (undoably) and emits ``created(client_id)``."""

    created = Signal(int)

    def __init__(self, db: Database, today: dt.date, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_client_dialog")
        self.setWindowTitle("New client")
        self.setMinimumWidth(480)
        self._db, self._today, self._edits = db, today, edits
        self.client_id: int | None = None
        self._prefilled = ""  # the name last filled in from a referral (replaced when another is picked)
        self.errors = FieldErrors(error_label("form"), {"referred_by_referral_id": "referrer"})
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit()
        self.name.setObjectName("new_client_name")
        self.name.setPlaceholderText("Company name")
        self.industry = QLineEdit()
        self.industry.setObjectName("new_client_industry")
        self.industry.setPlaceholderText("Dental, legal, accounting…")
        self.channel = QComboBox()
        self.channel.setObjectName("new_client_channel")
        self.channel.addItem("—", None)
        for channel in Channel:
            self.channel.addItem(word(channel.value), channel.value)
        self.referrer = QComboBox()
        self.referrer.setObjectName("new_client_referrer")
        self.choices = client_record.referrer_choices(db)
        self._fill_referrers(self.choices)
        self.referrer.currentIndexChanged.connect(self._referrer_picked)
        self.status = QComboBox()
        self.status.setObjectName("new_client_status")
        for value, label in STATUSES:
            self.status.addItem(label, value)

        for key, label, widget in (
            ("name", "Name", self.name),
            ("industry", "Industry", self.industry),
            ("channel", "Came through", self.channel),
            ("referrer", "Referred by", self.referrer),
            ("status", "Status", self.status),
        ):
            holder = self.errors.cell(key, widget)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, holder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("new_client_create")
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)
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

    def create(self) -> bool:
        """Create the client; the dialog closes on success, stays open with the error otherwise."""
        choice = self.referrer.currentData()
        referral_id = choice.id if isinstance(choice, ReferrerChoice) and choice.kind == "referral" else None
        referrer_client = (
            choice.id if isinstance(choice, ReferrerChoice) and choice.kind == "client" else None
        )
        name, industry = self.name.text(), self.industry.text()
        channel, status, today = self.channel.currentData(), self.status.currentData(), self._today

        def write():  # type: ignore[no-untyped-def]
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

        done: list[int] = []
        if not self.errors.run(lambda: done.append(clients.new_client_id(self._edits.apply(write)))):
            return False
        self.client_id = done[0]
        self.accept()
        self.created.emit(self.client_id)
        return True
