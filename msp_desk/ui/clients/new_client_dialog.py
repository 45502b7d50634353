"""A new client (Ctrl+N): name, industry, channel, who referred them, and whether they start
as a prospect, go straight to onboarding (which adds the first-90-days checklist), or are
already a client: active on a tier with seats (hours for a VA agency) from the day they started,
at the list price or at the monthly price they pay (the list price shown live)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.errors import MspError, ValidationError
from msp_desk.services.accounts.actions import ladder_choices
from msp_desk.services.changes import Changes
from msp_desk.services.clients import book
from msp_desk.services.clients import detail as client_record
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ReferrerChoice
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.clients.account_dialog import addon_checklist, checked_ids, per
from msp_desk.ui.common.fields import parse_money_text, qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.common.words import UNIT_TITLES, word
from msp_desk.ui.edits import Edits

STATUSES = (
    (ClientStatus.PROSPECT.value, "Prospect — still selling"),
    (ClientStatus.ONBOARDING.value, "Onboarding — signed: add the first-90-days checklist"),
    (ClientStatus.ACTIVE.value, "Active (already a client) — on a tier from the day they started"),
)
ACTIVE_ROWS = ("tier", "seats", "start", "monthly_price", "addons", "list_price")


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
            aliases={"referred_by_referral_id": "referrer", "effective_date": "start", "tier_id": "tier"},
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
        self._active_fields(db, today)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self._status_chosen()
        self.name.setFocus()

    # -- an active client's tier, seats, start and price ---------------------------------------
    def _active_fields(self, db: Database, today: dt.date) -> None:
        profile = shop_profile(db)
        self._kind, self._currency, self._locale = profile.kind, profile.currency, profile.locale
        tiers, addons = ladder_choices(db, today)
        self.tier = self.row("Tier", "tier", QComboBox())
        for tier in tiers:
            self.tier.addItem(
                f"{tier.name} · {self._money(tier.price_cents)} {per(tier.price_model)}", tier.id
            )
        self.seats = self.row(UNIT_TITLES.get(self._kind, "Seats"), "seats", QSpinBox())
        self.seats.setRange(1, 100_000)
        self.seats.setValue(10 if self._kind == "msp" else 20)
        self.start = self.row("Client since", "start", QDateEdit(QDate(today.year, today.month, 1)))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(qt_date_format(self._locale))
        self.monthly_price = self.row("Monthly price", "monthly_price", QLineEdit())
        self.monthly_price.setPlaceholderText("Leave empty for the list price")
        self.addons = self.row("Add-ons", "addons", addon_checklist(addons, self._money))
        self.addons.setMaximumHeight(96)
        self.list_price = self.row("List price", "list_price", QLabel())
        self.list_price.setWordWrap(True)
        for signal in (
            self.tier.currentIndexChanged,
            self.seats.valueChanged,
            self.start.dateChanged,
            self.addons.itemChanged,
            self.monthly_price.textChanged,
        ):
            signal.connect(self._show_list_price)

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    def is_active(self) -> bool:
        return bool(self.status.currentData() == ClientStatus.ACTIVE.value)

    def _status_chosen(self) -> None:
        active = self.is_active()
        for key in ACTIVE_ROWS:
            self.form.setRowVisible(getattr(self, key).parentWidget(), active)
        self.create_button.setText("Add client" if active else "Create")
        if active:
            self._show_list_price()
        self.adjustSize()

    def addon_ids(self) -> list[int]:
        return checked_ids(self.addons)

    def start_day(self) -> dt.date:
        qdate = self.start.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def typed_price(self) -> int | None:
        """The monthly price typed in the shop's locale, in cents (None: the list price)."""
        return parse_money_text(self.monthly_price.text(), "monthly_price", self._currency, self._locale)

    def _show_list_price(self) -> None:
        """The list price a month for the tier, seats (or hours) and add-ons chosen, and how the
        typed price compares to it."""
        tier_id = self.tier.currentData()
        if tier_id is None:
            self.list_price.setText("The ladder has no tiers yet: set it up on the Ladder page first")
            return
        unit = UNIT_TITLES.get(self._kind, "Seats").lower()  # "seats", "hours"
        try:
            found = book.quote(self._db, tier_id, self.seats.value(), self.start_day(), self.addon_ids())
        except MspError as exc:
            self.list_price.setText(str(exc))
            return
        text = f"{self._money(found.list_cents)} a month for {fmt.count(self.seats.value(), self._locale)} {unit}"
        try:
            typed = self.typed_price()
        except MspError:
            typed = None
        if typed is not None and typed != found.list_cents:
            gap = typed - found.list_cents
            text += f" · the price typed is {self._money(abs(gap))} {'above' if gap > 0 else 'below'} it"
        self.list_price.setText(text)

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
        if self.is_active():
            tier_id, seats, start, addon_ids = (
                self.tier.currentData(),
                self.seats.value(),
                self.start_day(),
                self.addon_ids(),
            )

            def write_active() -> Changes:
                if tier_id is None:
                    raise ValidationError("tier", "the ladder has no tiers yet: set it up on the Ladder page")
                return book.create_active_client(
                    self._db,
                    name=name,
                    tier_id=tier_id,
                    seats=seats,
                    start=start,
                    today=today,
                    monthly_price_cents=self.typed_price(),
                    addon_ids=addon_ids,
                    industry=industry,
                    channel=channel,
                    referred_by_referral_id=referral_id,
                    referrer_client_id=referrer_client,
                )

            return self._created(write_active)

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

        return self._created(write)

    def _created(self, write: Callable[[], Changes]) -> bool:
        if not self.commit(write):
            return False
        assert self.changes is not None
        self.client_id = clients.new_client_id(self.changes)
        self.created.emit(self.client_id)
        return True
