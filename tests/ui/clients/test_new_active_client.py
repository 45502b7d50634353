"""The New client dialog for a client already on the books: active on a tier with seats (hours
for a VA agency) from a past date, the list price shown live, an agreed price typed in the
shop's locale, refusals beside their field, and undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QDate, Qt

from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.clients.new_client_dialog import NewClientDialog
from msp_desk.ui.edits import Edits

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]
TODAY = dt.date(2026, 3, 14)


def dialog_for(db: Database, qtbot, edits: Edits | None = None) -> NewClientDialog:  # type: ignore[no-untyped-def]
    dialog = NewClientDialog(db, TODAY, edits or Edits(db))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_active(dialog: NewClientDialog, tier: str, units: int, start: dt.date) -> None:
    dialog.status.setCurrentIndex(dialog.status.findData("active"))
    dialog.tier.setCurrentIndex(
        next(i for i in range(dialog.tier.count()) if dialog.tier.itemText(i).startswith(tier))
    )
    dialog.seats.setValue(units)
    dialog.start.setDate(QDate(start.year, start.month, start.day))


def test_the_active_fields_show_only_for_an_active_client(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_ladder(db)
    dialog = dialog_for(db, qtbot)
    assert not dialog.tier.isVisible() and not dialog.monthly_price.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData("active"))
    assert dialog.tier.isVisible() and dialog.seats.isVisible() and dialog.start.isVisible()
    assert [dialog.tier.itemText(i) for i in range(dialog.tier.count())] == [
        "Starter · $95.00 a seat",
        "Core · $135.00 a seat",
        "Growth · $175.00 a seat",
        "Premium · $225.00 a seat",
    ]


def test_the_list_price_follows_tier_seats_and_add_ons(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_ladder(db)
    dialog = dialog_for(db, qtbot)
    choose_active(dialog, "Core", 12, dt.date(2026, 1, 15))
    assert dialog.list_price.text() == "$1,620.00 a month for 12 seats"
    dialog.addons.item(0).setCheckState(Qt.CheckState.Checked)  # Backup, $15 a seat
    assert dialog.list_price.text() == "$1,800.00 a month for 12 seats"
    dialog.monthly_price.setText("1,750")
    assert dialog.list_price.text() == "$1,800.00 a month for 12 seats · the price typed is $50.00 below it"


def test_an_agreed_price_in_the_shops_locale_is_the_clients_mrr(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    save_settings(db, locale="de_DE", currency="EUR")
    edits = Edits(db)
    dialog = dialog_for(db, qtbot, edits)
    dialog.name.setText("Zahnarzt Müller")
    choose_active(dialog, "Core", 7, dt.date(2026, 1, 15))
    dialog.monthly_price.setText("1.600,00")  # does not divide by 7 seats
    created: list[int] = []
    dialog.created.connect(created.append)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert client_mrr_on(db, created[0], dt.date(2026, 1, 15)) == 160_000
    assert client_mrr_on(db, created[0], dt.date(2026, 1, 14)) == 0
    assert ids["Core"]  # the tier the line keeps (see the service's tests)
    edits.stack.undo()
    assert client_mrr_on(db, created[0], TODAY) == 0


def test_refusals_show_beside_their_field(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_ladder(db)
    make_client(db, "Harbor Dental")
    dialog = dialog_for(db, qtbot)
    dialog.name.setText("Cove Legal")
    choose_active(dialog, "Core", 5, dt.date(2026, 1, 15))
    dialog.monthly_price.setText("1.234,5")  # a German amount in a US shop
    assert not dialog.submit()
    assert set(dialog.errors.shown()) == {"monthly_price"}
    dialog.monthly_price.setText("")
    dialog.start.setDate(QDate(2027, 6, 1))
    assert not dialog.submit()
    assert dialog.errors.shown() == {"start": "Is more than a year ahead"}
    dialog.start.setDate(QDate(2026, 1, 15))
    dialog.name.setText("harbor dental")
    assert not dialog.submit()
    assert set(dialog.errors.shown()) == {"name"}
    assert dialog.isVisible()


def test_a_va_agency_asks_for_hours(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = create_shop(tmp_path / "va.sqlite3", kind="va", name="Remote Hands")
    try:
        dialog = dialog_for(db, qtbot)
        choose_active(dialog, "Core", 40, dt.date(2026, 1, 15))
        caption = dialog.form.labelForField(dialog.seats.parentWidget())
        assert caption is not None and caption.text() == "Hours"  # type: ignore[attr-defined]
        assert dialog.list_price.text().endswith(" a month for 40 hours")
    finally:
        db.close()
