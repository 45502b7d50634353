"""The owner's first hour, through the real window: a new shop (MSP or VA agency) starts with its
kind's four-rung ladder; the New client dialog adds a client already active on Core from a past
date; the Dashboard's MRR tile shows what that client pays, at the list price or the agreed one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QAction
from sqlmodel import select

from msp_desk import formatting as fmt
from msp_desk.domain.ladder import Tier
from msp_desk.services.shop.opening import create_shop
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 10)  # the dashboard shows February 2026, the last full month
START = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("kind", "locale", "currency", "units", "typed", "agreed_cents"),
    [
        ("msp", "en_US", "USD", 12, "", None),
        ("msp", "en_US", "USD", 12, "1,700.00", 170_000),  # $141.666… a seat: does not divide
        ("va", "en_US", "USD", 45, "", None),
        ("va", "de_DE", "EUR", 45, "2.345,00", 234_500),
    ],
)
def test_a_new_shops_first_client_is_on_the_dashboard(  # type: ignore[no-untyped-def]
    tmp_path: Path,
    qtbot,
    kind: str,
    locale: str,
    currency: str,
    units: int,
    typed: str,
    agreed_cents: int | None,
) -> None:
    db = create_shop(
        tmp_path / "shop.sqlite3", kind=kind, name="First Light", locale=locale, currency=currency
    )
    try:
        with db.unit_of_work() as session:  # the shop's own ladder, as installed
            tiers = {t.name: t for t in session.exec(select(Tier).where(Tier.active))}
        core = tiers["Core"]
        window = MainWindow(
            db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.show()
        assert window.dashboard.tiles["mrr"].value.text() == fmt.money_whole(0, currency, locale)

        window.findChild(QAction, "action_new_client").trigger()
        dialog = window.new_client_dialog
        dialog.name.setText("Harbor Dental")
        dialog.status.setCurrentIndex(dialog.status.findData("active"))
        offered = [dialog.tier.itemText(i).split(" · ")[0] for i in range(dialog.tier.count())]
        assert offered == ["Starter", "Core", "Growth", "Premium"]  # the default ladder is there
        dialog.tier.setCurrentIndex(offered.index("Core"))
        dialog.seats.setValue(units)
        dialog.start.setDate(QDate(START.year, START.month, START.day))
        dialog.monthly_price.setText(typed)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert window.current_page() == "clients"

        if kind == "msp":
            list_cents = units * core.price_cents  # per seat
        else:
            assert core.hours_per_block
            list_cents = -(-units // core.hours_per_block) * core.price_cents  # per block of hours
        expected = list_cents if agreed_cents is None else agreed_cents
        window.show_page("dashboard")
        tile = window.dashboard.tiles["mrr"].value
        qtbot.waitUntil(lambda: tile.text() == fmt.money_whole(expected, currency, locale))
    finally:
        db.close()
