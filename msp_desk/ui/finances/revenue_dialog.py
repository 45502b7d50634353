"""Add or edit one-off revenue: the date, whose it is (a client, or the shop's), project or
hardware, the amount and its direct cost in the shop's money and locale (an empty cost is
unknown), a description; every problem beside its field at once, saved through ``Edits``."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from msp_desk.services.finances import revenue as revenues
from msp_desk.services.finances.revenue import RevenueRow
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import (
    Collected,
    money_input_text,
    parse_money_field,
    parse_money_text,
    qt_date_format,
)
from msp_desk.ui.edits import Edits
from msp_desk.ui.finances.record_dialog import RecordDialog
from msp_desk.ui.finances.spend_dialog import EXAMPLE_CENTS, py_date, qt_date
from msp_desk.ui.finances.words import KIND_WORDS

NO_CLIENT = "None — the shop's own"


class RevenueDialog(RecordDialog):
    """``RevenueDialog(db, edits, today, currency, locale, row=None)``: new revenue dated
    ``today``, or ``row`` edited."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        today: dt.date,
        currency: str,
        locale: str,
        row: RevenueRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            row.id if row else None,
            add=partial(revenues.add_revenue, db),
            update=partial(revenues.update_revenue, db),
            name="revenue_dialog",
            title="Edit one-off revenue" if row else "Add one-off revenue",
            accept_name="revenue_save",
            prefix="revenue_",
            parent=parent,
        )
        self._currency, self._locale = currency, locale
        self.day = self.row("Date", "day", QDateEdit(qt_date(row.day if row else today)))
        self.day.setDisplayFormat(qt_date_format(locale))
        self.day.setCalendarPopup(True)
        self.client = self.row("Client", "client", QComboBox())
        self.client.addItem(NO_CLIENT, None)
        for client_id, name in revenues.client_choices(db):
            self.client.addItem(name, client_id)
        self.kind = self.row("Kind", "kind", QComboBox())
        for value, word in KIND_WORDS.items():
            self.kind.addItem(word, value)
        example = money_input_text(EXAMPLE_CENTS, locale, currency)
        self.amount = self.row("Amount", "amount", QLineEdit())
        self.amount.setPlaceholderText(f"e.g. {example}")
        self.cost = self.row("Direct cost", "cost", QLineEdit())
        self.cost.setPlaceholderText("What it cost you: hardware, contractors (empty = not known)")
        self.cost.setToolTip("Without it the month's gross margin cannot be worked out")
        self.description = self.row("Description", "description", QLineEdit())
        self.description.setPlaceholderText("Office move, five laptops…")
        if row is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(row.client_id)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
            self.amount.setText(money_input_text(row.amount_cents, locale, currency))
            self.cost.setText(money_input_text(row.cost_cents, locale, currency))
            self.description.setText(row.description)
        self.description.setFocus()

    def values(self) -> dict[str, Any]:
        """The fields as the revenue services take them; raises every problem at once."""
        collected = Collected()
        currency, locale = self._currency, self._locale
        amount = collected.read(lambda: parse_money_field(self.amount.text(), "amount", currency, locale), 0)
        cost = collected.read(lambda: parse_money_text(self.cost.text(), "cost", currency, locale), None)
        values: dict[str, Any] = {
            "day": py_date(self.day.date()),
            "client_id": self.client.currentData(),
            "kind": self.kind.currentData(),
            "description": self.description.text(),
            "cost_cents": cost,
        }
        collected.errors += revenues.revenue_problems(**values)
        collected.check()
        return {**values, "amount_cents": amount}
