"""One account action as a dialog: its choices, an effective date, and a live preview of the MRR
effect ("MRR $1,800 → $2,450, +$650 expansion from Mar 1, 2026") before anything is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.accounts.actions import (
    ACTIONS,
    AccountState,
    ActionInput,
    Choice,
    account_state,
    action_call,
)
from msp_desk.services.accounts.previews import preview_change, preview_text
from msp_desk.services.changes import Changes
from msp_desk.services.clients.detail import client_detail
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.far_dates import confirm_date, far_date_question
from msp_desk.ui.common.fields import money_input_text, parse_money_field, qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.common.words import UNIT_WORDS, word
from msp_desk.ui.edits import Edits

# Which inputs each action asks for.
FIELDS: dict[str, tuple[str, ...]] = {
    "start": ("tier", "seats", "addons"),
    "tier": ("tier",),
    "seats": ("seats",),
    "add_addon": ("addon",),
    "remove_addon": ("addon",),
    "price": ("line", "price"),
    "churn": ("reason",),
    "reactivate": ("tier", "seats", "addons"),
}
# A service's ValidationError field -> the dialog field it is shown beside.
FIELD_OF_ERROR = {
    "tier": "tier",
    "seats": "seats",
    "quantity": "seats",
    "addon": "addon",
    "line": "line",
    "price": "price",
    "unit_price_cents": "price",
    "reason": "reason",
    "effective_date": "date",
}
NEEDS_A_CHANGE = frozenset({"tier", "seats", "price"})  # applying these without an MRR change does nothing
PER_UNIT = {"per_seat": "a seat", "per_hours_block": "a block of hours", "flat": "a month"}


def per(price_model: str) -> str:
    """How a price is charged, in words: "a seat", "a block of hours", "a month"."""
    return PER_UNIT.get(price_model, "")


def addon_checklist(addons: Sequence[Choice], money: Callable[[int], str]) -> QListWidget:
    """The add-ons as a list to tick (none ticked), each with its price and how it is charged."""
    found = QListWidget()
    for addon in addons:
        item = QListWidgetItem(f"{addon.name} · {money(addon.price_cents)} {per(addon.price_model)}")
        item.setData(Qt.ItemDataRole.UserRole, addon.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        found.addItem(item)
    return found


def checked_ids(items: QListWidget) -> list[int]:
    """The ids of the ticked items of an ``addon_checklist``."""
    return [
        items.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(items.count())
        if items.item(n).checkState() == Qt.CheckState.Checked
    ]


class AccountActionDialog(FormDialog):
    """``AccountActionDialog(db, edits, client_id, action, today)``; Apply saves via ``edits``."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        action: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        state = account_state(db, client_id, today)
        super().__init__(
            edits,
            name="account_action_dialog",
            title=f"{ACTIONS[action].rstrip('…')} — {state.name}",
            accept="Apply",
            accept_name="apply",
            min_width=460,
            aliases=FIELD_OF_ERROR,
            capitalize=False,
            parent=parent,
        )
        self._db, self._client, self.action = db, client_id, action
        self.state: AccountState = state
        self.apply_button = self.accept_button
        profile = shop_profile(db)
        self._currency, self._locale = profile.currency, profile.locale
        self._build_fields(FIELDS[action], word(UNIT_WORDS.get(profile.kind, "seats")))
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("effective_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format(self._locale))
        self.row("Effective from", "date", self.date)
        self._today = today
        self.preview = self.live_preview("preview")
        self.date.dateChanged.connect(self.preview_soon)
        self.update_preview()

    # -- fields ----------------------------------------------------------------------------
    def _build_fields(self, names: tuple[str, ...], seats_word: str) -> None:
        s = self.state
        if "tier" in names:
            self.tier = QComboBox()
            self.tier.setObjectName("tier")
            for tier in s.tiers:
                self.tier.addItem(
                    f"{tier.name} · {self._money(tier.price_cents)} {per(tier.price_model)}", tier.id
                )
            current = next((n for n, t in enumerate(s.tiers) if t.id == s.tier_id), -1)
            if self.action == "tier" and current >= 0:  # offer the next rung up first
                self.tier.setCurrentIndex(min(current + 1, len(s.tiers) - 1))
            self.tier.currentIndexChanged.connect(self.preview_soon)
            self.row("Tier", "tier", self.tier)
        if "seats" in names:
            self.seats = QSpinBox()
            self.seats.setObjectName("seats")
            self.seats.setRange(0, 100_000)
            self.seats.setValue(max(s.seats, 1))
            self.seats.valueChanged.connect(self.preview_soon)
            self.row(seats_word, "seats", self.seats)
        if "addons" in names:
            self.addons = addon_checklist(s.addons, self._money)
            self.addons.setObjectName("addons")
            self.addons.setMaximumHeight(120)
            self.addons.itemChanged.connect(self.preview_soon)
            self.row("Add-ons", "addons", self.addons)
        if "addon" in names:
            self.addon = QComboBox()
            self.addon.setObjectName("addon")
            removing = self.action == "remove_addon"
            for addon in s.addons:
                if (addon.id in s.addon_ids) == removing:
                    self.addon.addItem(
                        f"{addon.name} · {self._money(addon.price_cents)} {per(addon.price_model)}", addon.id
                    )
            self.addon.currentIndexChanged.connect(self.preview_soon)
            self.row("Add-on", "addon", self.addon)
        if "line" in names:
            self.line = QComboBox()
            self.line.setObjectName("line")
            for line in s.lines:
                self.line.addItem(f"{line.name} · {self._money(line.price_cents)}", line.id)
            self.line.currentIndexChanged.connect(self._line_chosen)
            self.row("Service", "line", self.line)
        if "price" in names:
            self.price = QLineEdit()
            self.price.setObjectName("price")
            self.price.setPlaceholderText("New price a unit a month, e.g. 145.00")
            self.price.textChanged.connect(self.preview_soon)
            self.row("New unit price", "price", self.price)
            self._line_chosen()
        if "reason" in names:
            self.reason = QLineEdit()
            self.reason.setObjectName("reason")
            self.reason.setPlaceholderText("Why is the client leaving? (required)")
            self.reason.textChanged.connect(self.preview_soon)
            self.row("Reason", "reason", self.reason)

    def _line_chosen(self) -> None:
        if hasattr(self, "price") and hasattr(self, "line"):
            line = next((x for x in self.state.lines if x.id == self.line.currentData()), None)
            if line is not None:
                self.price.setText(money_input_text(line.price_cents, self._locale, self._currency))
        self.preview_soon()

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    # -- input, preview, apply -------------------------------------------------------------
    def collected(self) -> ActionInput:
        """What the fields say; a malformed price raises ValidationError("price")."""
        qdate = self.date.date()
        price = None
        if hasattr(self, "price"):
            price = parse_money_field(self.price.text(), "price", self._currency, self._locale)
        addon_ids = checked_ids(self.addons) if hasattr(self, "addons") else []
        if hasattr(self, "addon") and self.addon.currentData() is not None:
            addon_ids = [self.addon.currentData()]
        return ActionInput(
            effective=dt.date(qdate.year(), qdate.month(), qdate.day()),
            tier_id=self.tier.currentData() if hasattr(self, "tier") else None,
            seats=self.seats.value() if hasattr(self, "seats") else 0,
            addon_ids=tuple(addon_ids),
            line_id=self.line.currentData() if hasattr(self, "line") else None,
            price_cents=price,
            reason=self.reason.text() if hasattr(self, "reason") else "",
        )

    def rehearse(self) -> tuple[str, bool]:
        """The change's MRR effect with the fields as they are; not worth applying without one
        when the action is a change of tier, seats or price (e.g. the same price)."""
        given = self.collected()
        preview = preview_change(
            self._db, self._client, given.effective, action_call(self._db, self._client, self.action, given)
        )
        pointless = preview.delta_cents == 0 and self.action in NEEDS_A_CHANGE
        return preview_text(self._db, preview), not pointless

    def date_question(self) -> str | None:
        """What to ask about the effective date before applying (None: it is near enough): one
        before the client's start, or more than a year ahead."""
        start = client_detail(self._db, self._client, self._today).start_date
        return far_date_question(
            self.collected().effective,
            self._today,
            self._locale,
            earliest=start,
            earliest_what=f"{self.state.name}'s start",
        )

    def submit(self) -> bool:
        """Save the change through ``edits`` (undoable); a refused change is explained, not saved.
        A far effective date is confirmed first (Cancel applies nothing)."""
        try:
            question = self.date_question()
        except MspError:  # e.g. a malformed price: the write below shows it beside its field
            question = None
        if not confirm_date(self, question):
            return False

        def write() -> Changes:
            return action_call(self._db, self._client, self.action, self.collected())()

        return self.commit(write)

    apply = submit  # the name its callers know
