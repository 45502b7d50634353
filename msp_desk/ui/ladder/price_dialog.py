"""A dated list-price change of a tier or an add-on: new price and cost, the date, "existing
clients too", and the MRR effect previewed before anything is saved ("12 clients, MRR $18,400 →
$19,650 from Mar 1, 2026 (+$1,250)")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLabel, QLineEdit, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder import prices as ladder_prices
from msp_desk.services.ladder.items_shared import ItemKind
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.far_dates import confirm_date, far_date_question
from msp_desk.ui.common.fields import Collected, money_input_text, qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.fields import price_words, typed_prices


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


class PriceDialog(FormDialog):
    """``PriceDialog(db, edits, kind, item_id, today)``; ``kind`` is "tier" or "addon"."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        kind: ItemKind,
        item_id: int,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        profile = shop_profile(db)
        form: ladder.TierForm | ladder.AddOnForm
        if kind == "tier":
            form = ladder.tier_form(db, item_id, today)
            words = price_words(form.price_model, profile.kind, form.hours_per_block)
        else:
            form = ladder.addon_form(db, item_id, today)
            words = price_words(form.price_model, profile.kind)
        super().__init__(
            edits,
            name="price_dialog",
            title=f"Change price — {form.name}",
            accept="Apply",
            accept_name="apply",
            min_width=580,
            capitalize=False,
            parent=parent,
        )
        self._db, self.kind, self.item_id = db, kind, item_id
        self._currency, self._locale = profile.currency, profile.locale
        self._listed = (form.price_cents, form.cost_cents)
        self._today, self._what = today, "the tier" if kind == "tier" else "the add-on"
        self.apply_button = self.accept_button

        listed = QLabel(
            f"Listed today: {self._money(form.price_cents)} {words}, direct cost {self._money(form.cost_cents)}"
        )
        listed.setObjectName("price_listed")
        listed.setWordWrap(True)
        self.intro.addWidget(listed)
        self.price = self.row("New price", "price", QLineEdit(self._typed(form.price_cents)), name="price")
        self.cost = self.row("Direct cost", "cost", QLineEdit(self._typed(form.cost_cents)), name="cost")
        start = first_of_next_month(today)
        self.date = QDateEdit(QDate(start.year, start.month, start.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format(self._locale))
        self.row("Effective from", "effective_date", self.date, name="effective_date")
        self.existing = QCheckBox("Existing clients too: reprice their running lines from this date")
        self.existing.setObjectName("existing_clients")
        self.existing.setToolTip(
            "Unticked, the clients who have it keep their price and only lines started from the date pay the new one"
        )
        self.form.addRow("", self.existing)
        self.preview = self.live_preview("price_preview")

        self.price.textChanged.connect(self.preview_soon)
        self.cost.textChanged.connect(self.preview_soon)
        self.date.dateChanged.connect(self.preview_soon)
        self.existing.toggled.connect(self.preview_soon)
        self.update_preview()

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    def _typed(self, cents: int) -> str:
        return money_input_text(cents, self._locale, self._currency)

    def effective(self) -> dt.date:
        qdate = self.date.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def _call_args(self) -> tuple[int, int, dt.date]:
        """Price, cost and date as typed: a ValidationError for each bad one, all at once."""
        collected = Collected()
        price, cost = typed_prices(
            self.price.text(), self.cost.text(), self._currency, self._locale, collected
        )
        collected.check()
        return price, cost, self.effective()

    def date_question(self) -> str | None:
        """What to ask about the effective date before applying (None: it is near enough): one
        before the item's first price (or line), or more than a year ahead."""
        since = ladder_prices.listed_since(self._db, self.kind, self.item_id)
        return far_date_question(
            self.effective(),
            self._today,
            self._locale,
            earliest=since,
            earliest_what=f"{self._what}'s first price",
        )

    def rehearse(self) -> tuple[str, bool]:
        """The change's MRR effect as the fields say; nothing to apply while the price is as listed."""
        price, cost, effective = self._call_args()
        if (price, cost) == self._listed and not self.existing.isChecked():
            return "Type the new price (or tick existing clients) to see its effect.", False
        preview = ladder_prices.preview_price_change(
            self._db, self.kind, self.item_id, price, cost, effective, existing=self.existing.isChecked()
        )
        return preview.text(self._currency, self._locale), True

    def submit(self) -> bool:
        """Save through ``edits`` (undoable); a refused change is explained beside its field. A far
        effective date is confirmed first (Cancel applies nothing)."""
        existing = self.existing.isChecked()
        if not confirm_date(self, self.date_question()):
            return False

        def write() -> Changes:
            price, cost, effective = self._call_args()
            return ladder_prices.change_list_price(
                self._db, self.kind, self.item_id, price, cost, effective, existing=existing
            )

        return self.commit(write)
