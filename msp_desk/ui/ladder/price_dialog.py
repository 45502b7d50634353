"""A dated list-price change of a tier or an add-on: new price and cost, the date, "existing
clients too", and the MRR effect previewed before anything is saved ("12 clients, MRR $18,400 →
$19,650 from Mar 1, 2026 (+$1,250)")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder import prices as ladder_prices
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, money_input, parse_money_field
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.fields import price_words

PREVIEW_DELAY_MS = 150  # wait for typing to pause before rehearsing the change


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


class PriceDialog(QDialog):
    """``PriceDialog(db, edits, kind, item_id, today)``; ``kind`` is "tier" or "addon"."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        kind: ladder.ItemKind,
        item_id: int,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("price_dialog")
        self._db, self._edits, self.kind, self.item_id = db, edits, kind, item_id
        profile = shop_profile(db)
        self._currency, self._locale = profile.currency, profile.locale
        if kind == "tier":
            form = ladder.tier_form(db, item_id, today)
            words = price_words(form.price_model, profile.kind, form.hours_per_block)
        else:
            addon = ladder.addon_form(db, item_id, today)
            form, words = addon, price_words(addon.price_model, profile.kind)  # type: ignore[assignment]
        self._listed = (form.price_cents, form.cost_cents)
        self.setWindowTitle(f"Change price — {form.name}")
        self.setMinimumWidth(580)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)

        listed = QLabel(
            f"Listed today: {self._money(form.price_cents)} {words}, direct cost {self._money(form.cost_cents)}"
        )
        listed.setObjectName("price_listed")
        listed.setWordWrap(True)
        self.errors = FieldErrors(capitalize=False)
        self.price = QLineEdit(money_input(form.price_cents))
        self.price.setObjectName("price")
        self.cost = QLineEdit(money_input(form.cost_cents))
        self.cost.setObjectName("cost")
        start = first_of_next_month(today)
        self.date = QDateEdit(QDate(start.year, start.month, start.day))
        self.date.setObjectName("effective_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.existing = QCheckBox("Existing clients too: reprice their running lines from this date")
        self.existing.setObjectName("existing_clients")
        self.existing.setToolTip(
            "Unticked, the clients who have it keep their price and only lines started from the date pay the new one"
        )
        grid = QFormLayout()
        grid.addRow("New price", self.errors.cell("price", self.price))
        grid.addRow("Direct cost", self.errors.cell("cost", self.cost))
        grid.addRow("Effective from", self.errors.cell("effective_date", self.date))
        grid.addRow("", self.existing)
        self.preview = QLabel()
        self.preview.setObjectName("price_preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(theme.label_style("preview"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addWidget(listed)
        column.addLayout(grid)
        column.addWidget(self.preview)
        column.addWidget(self.errors.form)
        column.addWidget(self.buttons)

        self.price.textChanged.connect(self._changed)
        self.cost.textChanged.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self.existing.toggled.connect(self._changed)
        self.update_preview()

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    def effective(self) -> dt.date:
        qdate = self.date.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    def _call_args(self) -> tuple[int, int, dt.date]:
        return (
            parse_money_field(self.price.text(), "price"),
            parse_money_field(self.cost.text(), "cost"),
            self.effective(),
        )

    def update_preview(self) -> None:
        """Rehearse the change as the fields say and show its MRR effect (or why it cannot be)."""
        self._timer.stop()
        self.errors.clear()
        try:
            price, cost, effective = self._call_args()
            if (price, cost) == self._listed and not self.existing.isChecked():
                self.preview.setText("Type the new price (or tick existing clients) to see its effect.")
                self.apply_button.setEnabled(False)
                return
            preview = ladder_prices.preview_price_change(
                self._db, self.kind, self.item_id, price, cost, effective, existing=self.existing.isChecked()
            )
        except MspError as exc:
            self.preview.setText("")
            self.errors.show(exc)
            self.apply_button.setEnabled(False)
            return
        self.preview.setText(preview.text(self._currency, self._locale))
        self.apply_button.setEnabled(True)

    def apply(self) -> None:
        """Save through ``edits`` (undoable); a refused change is explained beside its field."""
        self._timer.stop()
        self.errors.clear()
        try:
            price, cost, effective = self._call_args()
            existing = self.existing.isChecked()
            self._edits.apply(
                lambda: ladder_prices.change_list_price(
                    self._db, self.kind, self.item_id, price, cost, effective, existing=existing
                )
            )
        except MspError as exc:
            self.errors.show(exc)
            return
        self.accept()
