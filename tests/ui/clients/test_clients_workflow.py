"""The Clients page as the owner uses it: Ctrl+N adds a client and shows it; the Account menu
upgrades the selected client with a preview; the roster, the detail and undo follow along."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction

from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 2, 16)


@pytest.fixture
def window(db: Database, qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    main = MainWindow(db, TODAY, settings=settings)
    qtbot.addWidget(main)
    main.show()
    return main


def test_ctrl_n_adds_a_client_and_shows_it_selected(window: MainWindow, db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_client(db, "Kestrel Insurance", status="active")
    window.findChild(QAction, "action_new_client").trigger()
    dialog = window.new_client_dialog
    dialog.name.setText("Zoë Müller Design")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    page = window.clients
    assert window.current_page() == "clients"
    assert page.detail is not None and page.detail.name.text() == "Zoë Müller Design"
    assert page.model.row_at(page.table.currentIndex().row()).name == "Zoë Müller Design"
    assert page.summary.text().startswith("2 clients")


def test_upgrade_from_the_account_menu_then_undo(window: MainWindow, db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    window.refresh()
    window.show_client(client)
    detail = window.clients.detail
    assert detail is not None and detail.account.isEnabled()
    assert detail.account.available() == ("tier", "seats", "add_addon", "price", "churn")

    detail.account.open_action("tier")
    dialog = detail.account.dialog
    dialog.date.setDate(dialog.date.date().addDays(13))  # from March 1
    dialog.update_preview()
    assert dialog.preview.text() == "MRR $1,350 → $1,750, +$400 expansion from Mar 1, 2026"
    march = dt.date(2026, 3, 1)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    assert client_mrr_on(db, client, march) == 175_000
    assert detail.client_id == client  # the pane still shows the client after the roster reloaded
    lines = {(x.item, x.start_date, x.end_date, x.change) for x in detail.record.lines}  # the ledger
    assert lines == {
        ("Core", dt.date(2026, 1, 1), dt.date(2026, 2, 28), "start"),  # ended, not rewritten
        ("Growth", march, None, "upgrade"),
    }
    assert window.statusBar().currentMessage().startswith("Upgrade of Ōsaka Dental: Core -> Growth")
    window.findChild(QAction, "action_undo").trigger()
    assert client_mrr_on(db, client, march) == 135_000
    assert detail.client_id == client


def test_the_detail_opens_on_enter_follows_the_row_and_closes(
    window: MainWindow, db: Database, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first = make_client(db, "Apex Mechanical")
    make_client(db, "Blue Heron Logistics")
    window.refresh()
    window.show_page("clients")
    page = window.clients
    assert page.detail is not None and not page.detail.isVisible()  # the roster has the room
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    assert not page.detail.isVisible()  # selecting alone does not open it
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail.isVisible() and page.detail.client_id == first
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.detail.name.text() == "Blue Heron Logistics"  # an open detail follows the row
    qtbot.mouseClick(page.detail.close_button, Qt.MouseButton.LeftButton)
    assert not page.detail.isVisible()


def test_accounts_to_review_are_one_filter_away(window: MainWindow, db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    unhappy = make_client(db, "Kestrel Insurance", satisfaction=2)  # flagged: satisfaction at most 5
    content = make_client(db, "Ōsaka Dental", satisfaction=9)
    for client in (unhappy, content):
        ledger.start_client(db, client, ids["Core"], 10, dt.date(2025, 6, 1))
    window.refresh()
    window.show_page("clients")
    page = window.clients
    page.filters.set_value("review", "flagged")
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["Kestrel Insurance"]
    assert page.summary.text() == "1 of 2 clients · $1,350 MRR"
