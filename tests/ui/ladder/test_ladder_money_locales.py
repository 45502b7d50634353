"""Prices typed in the ladder's forms as the shop's locale writes them (en_US, de_DE, fr_CH):
saved to the cent, and what another convention would read differently is refused beside the
field with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_ladder, table_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit

from msp_desk.services.ladder import editing as ladder
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.item_dialogs import TierDialog
from msp_desk.ui.ladder.price_dialog import PriceDialog

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 2, 10)
TABLES = ("tier", "response_target", "addon", "price_change")


def shop_in(db: Database, locale: str, currency: str) -> dict[str, int]:
    save_settings(db, locale=locale, currency=currency)
    return make_ladder(db)


def tier_dialog(db: Database, tier_id: int, qtbot) -> TierDialog:  # type: ignore[no-untyped-def]
    dialog = TierDialog(db, Edits(db), TODAY, tier_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot, dialog: QDialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest cannot key in € or ’: pasted as a user would
        edit.insert(text)


def save(qtbot, dialog: QDialog, button: str = "save") -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.findChild(QAbstractButton, button), Qt.MouseButton.LeftButton)


def shown_errors(dialog: QDialog) -> dict[str, str]:
    return {
        label.objectName().removeprefix("error_"): label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().startswith("error_") and not label.isHidden()
    }


@pytest.mark.parametrize(
    ("locale", "currency", "shown", "typed", "cents"),
    [
        ("en_US", "USD", "135.00", "1,250.50", 125_050),
        ("en_US", "USD", "135.00", "$1,250.50", 125_050),
        ("de_DE", "EUR", "135,00", "1.250,50", 125_050),
        ("de_DE", "EUR", "135,00", "1.250,50 €", 125_050),
        ("de_DE", "EUR", "135,00", "1250.50", 125_050),  # plain machine text reads in every locale
        ("fr_CH", "CHF", "135,00", "1'250.50", 125_050),
        ("fr_CH", "CHF", "135,00", "1'250,50 CHF", 125_050),
    ],
)
def test_a_tier_price_typed_in_the_shops_locale_is_saved_to_the_cent(
    db: Database, qtbot, locale: str, currency: str, shown: str, typed: str, cents: int
) -> None:  # type: ignore[no-untyped-def]
    ids = shop_in(db, locale, currency)
    dialog = tier_dialog(db, ids["Core"], qtbot)
    assert dialog.findChild(QLineEdit, "tier_price").text() == shown  # $135.00 as the locale writes it
    type_into(qtbot, dialog, "tier_price", typed)
    save(qtbot, dialog)
    assert shown_errors(dialog) == {}
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ladder.tier_form(db, ids["Core"], TODAY).price_cents == cents


@pytest.mark.parametrize(
    ("locale", "currency", "typed", "message"),
    [
        (
            "en_US",
            "USD",
            "12,50",
            "“12,50” is not money in en_US: the comma groups thousands here; write 12.50",
        ),
        (
            "en_US",
            "USD",
            "1.250,50",
            "“1.250,50” is not money in en_US: the comma groups thousands here; write 1,250.50",
        ),
        (
            "de_DE",
            "EUR",
            "1,250.50",
            "“1,250.50” is not money in de_DE: the dot groups thousands here; write 1.250,50",
        ),
        ("de_DE", "EUR", "1.250", "“1.250” is ambiguous in de_DE: write 1.250,00 or 1,25"),
        ("fr_CH", "CHF", "1.250,50", "“1.250,50” is not an amount of money in fr_CH: write it like 1'250,50"),
        ("en_US", "USD", "135.505", "“135.505” has 3 decimals; USD amounts have at most 2"),
        (
            "de_DE",
            "EUR",
            "100000000000000000000000",
            "“100000000000000000000000” is more than 1.000.000.000,00, the most MSP Desk takes",
        ),
    ],
)
def test_a_price_another_convention_reads_differently_is_refused_beside_the_field(
    db: Database, qtbot, locale: str, currency: str, typed: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    ids = shop_in(db, locale, currency)
    before = table_rows(db, TABLES)
    dialog = tier_dialog(db, ids["Core"], qtbot)
    type_into(qtbot, dialog, "tier_price", typed)
    save(qtbot, dialog)
    assert shown_errors(dialog) == {"price": message}
    assert dialog.isVisible()
    assert table_rows(db, TABLES) == before  # nothing saved


def test_a_dated_price_change_in_german(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = shop_in(db, "de_DE", "EUR")
    dialog = PriceDialog(db, Edits(db), "tier", ids["Core"], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLineEdit, "cost").text() == "65,00"
    type_into(qtbot, dialog, "price", "1.250,50")
    qtbot.waitUntil(lambda: dialog.findChild(QAbstractButton, "apply").isEnabled())
    save(qtbot, dialog, "apply")
    assert dialog.result() == QDialog.DialogCode.Accepted
    listed = ladder.tier_form(db, ids["Core"], dt.date(2026, 3, 1))  # from the first of next month
    assert (listed.price_cents, listed.cost_cents) == (125_050, 6_500)
    assert ladder.tier_form(db, ids["Core"], TODAY).price_cents == 13_500
