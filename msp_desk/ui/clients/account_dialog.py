"""One account action as a dialog: its choices, an effective date, and a live preview of the MRR
effect ("MRR $1,800 → $2,450, +$650 expansion from Mar 1, 2026") before anything is saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.values import cents_to_decimal_text, parse_money
from msp_desk.errors import MspError, ValidationError
from msp_desk.services.accounts.actions import ACTIONS, AccountState, ActionInput, account_state, action_call
from msp_desk.services.accounts.previews import preview_change, preview_text
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors
from msp_desk.ui.edits import Edits

PREVIEW_DELAY_MS = 150  # wait for typing to pause before rehearsing the change
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
UNIT_WORDS = {"msp": "Seats", "va": "Hours a month"}
NEEDS_A_CHANGE = frozenset({"tier", "seats", "price"})  # applying these without an MRR change does nothing
PER_UNIT = {"per_seat": "a seat", "per_hours_block": "a block of hours", "flat": "a month"}


def per(price_model: str) -> str:
    """How a price is charged, in words: "a seat", "a block of hours", "a month"."""
    return PER_UNIT.get(price_model, "")


class AccountActionDialog(QDialog):
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
        super().__init__(parent)
        self.setObjectName("account_action_dialog")
        self._db, self._edits, self._client, self.action = db, edits, client_id, action
        self.state: AccountState = account_state(db, client_id, today)
        profile = shop_profile(db)
        self._currency, self._locale = profile.currency, profile.locale
        self.setWindowTitle(f"{ACTIONS[action].rstrip('…')} — {self.state.name}")
        self.setMinimumWidth(460)
        self._timer = QTimer(self)  # the preview waits for typing to pause
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)

        self.form = QFormLayout()
        self.errors = FieldErrors(aliases=FIELD_OF_ERROR, capitalize=False)
        self._build_fields(FIELDS[action], UNIT_WORDS.get(profile.kind, "Seats"))
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("effective_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self._add_row("Effective from", "date", self.date)

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(theme.label_style("preview"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.preview)
        column.addWidget(self.errors.form)
        column.addWidget(self.buttons)

        self.date.dateChanged.connect(self._changed)
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
            self.tier.currentIndexChanged.connect(self._changed)
            self._add_row("Tier", "tier", self.tier)
        if "seats" in names:
            self.seats = QSpinBox()
            self.seats.setObjectName("seats")
            self.seats.setRange(0, 100_000)
            self.seats.setValue(max(s.seats, 1))
            self.seats.valueChanged.connect(self._changed)
            self._add_row(seats_word, "seats", self.seats)
        if "addons" in names:
            self.addons = QListWidget()
            self.addons.setObjectName("addons")
            self.addons.setMaximumHeight(120)
            for addon in s.addons:
                item = QListWidgetItem(
                    f"{addon.name} · {self._money(addon.price_cents)} {per(addon.price_model)}"
                )
                item.setData(Qt.ItemDataRole.UserRole, addon.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.addons.addItem(item)
            self.addons.itemChanged.connect(self._changed)
            self._add_row("Add-ons", "addons", self.addons)
        if "addon" in names:
            self.addon = QComboBox()
            self.addon.setObjectName("addon")
            removing = self.action == "remove_addon"
            for addon in s.addons:
                if (addon.id in s.addon_ids) == removing:
                    self.addon.addItem(
                        f"{addon.name} · {self._money(addon.price_cents)} {per(addon.price_model)}", addon.id
                    )
            self.addon.currentIndexChanged.connect(self._changed)
            self._add_row("Add-on", "addon", self.addon)
        if "line" in names:
            self.line = QComboBox()
            self.line.setObjectName("line")
            for line in s.lines:
                self.line.addItem(f"{line.name} · {self._money(line.price_cents)}", line.id)
            self.line.currentIndexChanged.connect(self._line_chosen)
            self._add_row("Service", "line", self.line)
        if "price" in names:
            self.price = QLineEdit()
            self.price.setObjectName("price")
            self.price.setPlaceholderText("New price a unit a month, e.g. 145.00")
            self.price.textChanged.connect(self._changed)
            self._add_row("New unit price", "price", self.price)
            self._line_chosen()
        if "reason" in names:
            self.reason = QLineEdit()
            self.reason.setObjectName("reason")
            self.reason.setPlaceholderText("Why is the client leaving? (required)")
            self.reason.textChanged.connect(self._changed)
            self._add_row("Reason", "reason", self.reason)

    def _add_row(self, label: str, key: str, widget: QWidget) -> None:
        self.form.addRow(label, self.errors.cell(key, widget))

    def _line_chosen(self) -> None:
        if hasattr(self, "price") and hasattr(self, "line"):
            line = next((x for x in self.state.lines if x.id == self.line.currentData()), None)
            if line is not None:
                self.price.setText(cents_to_decimal_text(line.price_cents))
        self._changed()

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    # -- input, preview, apply -------------------------------------------------------------
    def collected(self) -> ActionInput:
        """What the fields say; a malformed price raises ValidationError("price")."""
        qdate = self.date.date()
        price = None
        if hasattr(self, "price"):
            try:
                price = parse_money(self.price.text())
            except ValueError as exc:
                raise ValidationError("price", str(exc)) from exc
        addon_ids: list[int] = []
        if hasattr(self, "addons"):
            for n in range(self.addons.count()):
                item = self.addons.item(n)
                if item.checkState() == Qt.CheckState.Checked:
                    addon_ids.append(item.data(Qt.ItemDataRole.UserRole))
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

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    def update_preview(self) -> None:
        """Rehearse the change with the fields as they are and show its MRR effect (or why not)."""
        self._timer.stop()
        self.errors.clear()
        try:
            given = self.collected()
            preview = preview_change(
                self._db,
                self._client,
                given.effective,
                action_call(self._db, self._client, self.action, given),
            )
        except MspError as exc:
            self.preview.setText("")
            self.errors.show(exc)
            self.apply_button.setEnabled(False)
            return
        self.preview.setText(preview_text(self._db, preview))
        pointless = preview.delta_cents == 0 and self.action in NEEDS_A_CHANGE  # e.g. the same price
        self.apply_button.setEnabled(not pointless)

    def apply(self) -> None:
        """Save the change through ``edits`` (undoable); a refused change is explained, not saved."""
        self.errors.clear()
        try:
            given = self.collected()
            self._edits.apply(action_call(self._db, self._client, self.action, given))
        except MspError as exc:
            self.errors.show(exc)
            return
        self.accept()
