"""Add or edit one month's marketing spend on one channel: the month, the channel, the amount in
the shop's money and locale, a note; every problem beside its field at once, saved through
``Edits`` (undoable)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from msp_desk.domain.values import Month
from msp_desk.services.finances import spend as spending
from msp_desk.services.finances.spend import SpendRow
from msp_desk.store.database import Database
from msp_desk.ui.common.fields import Collected, money_input_text, parse_money_field
from msp_desk.ui.edits import Edits
from msp_desk.ui.finances.record_dialog import RecordDialog
from msp_desk.ui.finances.words import CHANNEL_WORDS

MONTH_FORMAT = "MMMM yyyy"
EXAMPLE_CENTS = 125_000


def qt_date(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class SpendDialog(RecordDialog):
    """``SpendDialog(db, edits, month, currency, locale, row=None)``: new spend for ``month``, or
    ``row`` edited."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        month: Month,
        currency: str,
        locale: str,
        row: SpendRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            row.id if row else None,
            add=partial(spending.add_spend, db),
            update=partial(spending.update_spend, db),
            name="spend_dialog",
            title="Edit marketing spend" if row else "Add marketing spend",
            accept_name="spend_save",
            prefix="spend_",
            parent=parent,
        )
        self._currency, self._locale = currency, locale
        shown = Month.parse(row.month) if row else month
        self.month = self.row("Month", "month", QDateEdit(qt_date(shown.first_day())))
        self.month.setDisplayFormat(MONTH_FORMAT)
        self.month.setCalendarPopup(True)
        self.channel = self.row("Channel", "channel", QComboBox())
        for value, word in CHANNEL_WORDS.items():
            self.channel.addItem(word, value)
        self.channel.setToolTip(
            "The acquisition channel the money went to: CAC per channel is its spend over the "
            "clients it won. Referral rewards you pay count as referral spend by themselves."
        )
        self.amount = self.row("Amount", "amount", QLineEdit())
        self.amount.setPlaceholderText(f"e.g. {money_input_text(EXAMPLE_CENTS, locale, currency)}")
        self.note = self.row("Note", "note", QLineEdit())
        self.note.setPlaceholderText("What it paid for: search ads, a trade show… (optional)")
        if row is not None:
            self.channel.setCurrentIndex(max(0, self.channel.findData(row.channel)))
            self.amount.setText(money_input_text(row.amount_cents, locale, currency))
            self.note.setText(row.note)
        self.amount.setFocus()

    def chosen_month(self) -> Month:
        return Month.of(py_date(self.month.date()))

    def values(self) -> dict[str, Any]:
        """The fields as the spend services take them; raises every problem at once."""
        collected = Collected()
        amount = collected.read(
            lambda: parse_money_field(self.amount.text(), "amount", self._currency, self._locale), 0
        )
        values: dict[str, Any] = {
            "month": str(self.chosen_month()),
            "channel": str(self.channel.currentData()),
            "note": self.note.text(),
        }
        collected.errors += spending.spend_problems(**values)
        collected.check()
        return {**values, "amount_cents": amount}
