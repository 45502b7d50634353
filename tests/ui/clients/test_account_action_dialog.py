"""The account action dialogs: a live MRR preview, errors beside the field, Apply saves (undoably)."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.store.database import Database
from msp_desk.ui.clients.account_dialog import AccountActionDialog
from msp_desk.ui.edits import Edits

TODAY = dt.date(2026, 2, 16)
MARCH_1 = dt.date(2026, 3, 1)


@pytest.fixture
def account(db: Database) -> tuple[dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1), [ids["Backup"]])
    return ids, client  # 10 x ($135 + $15) = $1,500 a month


def dialog_for(db: Database, qtbot, client: int, action: str) -> tuple[AccountActionDialog, Edits]:  # type: ignore[no-untyped-def]
    edits = Edits(db)
    dialog = AccountActionDialog(db, edits, client, action, TODAY)
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2026, 3, 1))
    dialog.update_preview()  # what the debounce timer does once typing pauses
    return dialog, edits


def shown_error(dialog: AccountActionDialog, key: str) -> str:
    label = dialog.findChild(QLabel, f"error_{key}")
    return label.text() if label.isVisibleTo(dialog) else ""


def test_upgrade_shows_the_expansion_then_saves_and_undoes(db: Database, qtbot, account) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    dialog, edits = dialog_for(db, qtbot, client, "tier")
    assert dialog.tier.currentText().startswith("Growth")  # the next rung up is offered first
    assert dialog.preview.text() == "MRR $1,500 → $1,900, +$400 expansion from Mar 1, 2026"
    assert client_mrr_on(db, client, MARCH_1) == 150_000  # a preview saves nothing

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert client_mrr_on(db, client, MARCH_1) == 190_000
    assert client_mrr_on(db, client, dt.date(2026, 2, 28)) == 150_000  # not before the date
    edits.stack.undo()
    assert client_mrr_on(db, client, MARCH_1) == 150_000


def test_churn_needs_a_reason_shown_at_the_field(db: Database, qtbot, account) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    dialog, _edits = dialog_for(db, qtbot, client, "churn")
    assert shown_error(dialog, "reason") == "say why the client left"
    assert not dialog.apply_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Moved to in-house IT")
    dialog.update_preview()
    assert shown_error(dialog, "reason") == ""
    assert dialog.preview.text() == "MRR $1,500 → $0, −$1,500 churn from Mar 1, 2026"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert client_mrr_on(db, client, MARCH_1) == 0


def test_bad_seats_and_price_are_refused_beside_the_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account
) -> None:
    _ids, client = account
    seats, _edits = dialog_for(db, qtbot, client, "seats")
    seats.seats.setValue(0)
    seats.update_preview()
    assert "greater than zero" in shown_error(seats, "seats")
    seats.apply()  # even if Apply were pressed
    assert client_mrr_on(db, client, MARCH_1) == 150_000 and seats.result() != seats.DialogCode.Accepted

    price, _edits = dialog_for(db, qtbot, client, "price")
    assert price.price.text() == "135.00"  # the chosen line's current price
    price.price.setText("a lot")
    price.update_preview()
    assert "not an amount of money" in shown_error(price, "price")
    price.price.setText("145.00")
    price.update_preview()
    assert price.preview.text() == "MRR $1,500 → $1,600, +$100 expansion from Mar 1, 2026"


def test_a_date_before_the_lines_start_is_explained_at_the_date(db: Database, qtbot, account) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    dialog, _edits = dialog_for(db, qtbot, client, "seats")
    dialog.date.setDate(QDate(2025, 12, 1))
    dialog.seats.setValue(12)
    dialog.update_preview()
    assert "history is never rewritten" in shown_error(dialog, "date")
