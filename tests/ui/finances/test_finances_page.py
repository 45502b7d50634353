"""The Spend & revenue page: an empty table offers to add or import; Add, Edit and Delete go
through their dialogs (money in the shop's units and locale, every error at once) and are undone
with Ctrl+Z; the dashboard's CAC tile without spend opens the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QAction

from msp_desk.services.clients.book import create_active_client
from msp_desk.services.finances.revenue import add_revenue
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.shop.opening import create_shop
from msp_desk.store.database import Database
from msp_desk.ui.finances.page import FinancesPage
from msp_desk.ui.finances.panel import RecordsPanel
from msp_desk.ui.finances.revenue_dialog import RevenueDialog
from msp_desk.ui.finances.spend_dialog import SpendDialog
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 11, 20)  # the dashboard shows October 2026


@pytest.fixture
def shop(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = create_shop(tmp_path / "new.sqlite3", name="Harbor Point IT")
    yield db
    db.close()


def open_page(db: Database, qtbot, tmp_path: Path) -> tuple[MainWindow, FinancesPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_page("finances")
    page = window.page("finances")
    assert isinstance(page, FinancesPage) and window.current_page() == "finances"
    return window, page


def table_text(panel: RecordsPanel) -> list[list[str]]:  # type: ignore[type-arg]
    model = panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_an_empty_table_offers_to_add_or_import(shop: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, page = open_page(shop, qtbot, tmp_path)
    assert window.findChild(FinancesPage, "finances_page") is page
    for panel, noun in ((page.spend, "spend"), (page.revenue, "revenue")):
        assert panel.is_empty and panel.empty.isVisible()
        assert [b.text() for b in panel.empty.buttons_by_name.values()] == [f"Add {noun}…", f"Import {noun}…"]
    assert page.spend.empty.heading.text() == "No marketing spend yet"
    qtbot.mouseClick(page.spend.empty.buttons_by_name["spend_empty_import"], Qt.MouseButton.LeftButton)
    assert window.import_dialog.windowTitle().removesuffix("[*]") == "Import marketing spend"
    window.import_dialog.reject()
    qtbot.mouseClick(page.revenue.empty.buttons_by_name["revenue_empty_import"], Qt.MouseButton.LeftButton)
    assert window.import_dialog.windowTitle().removesuffix("[*]") == "Import one-off revenue"
    window.import_dialog.reject()
    menu_spend = window.findChild(QAction, "action_import_spend")
    assert menu_spend is not None and menu_spend.text() == "Marketing spend…"
    menu_spend.trigger()
    assert window.import_dialog.windowTitle().removesuffix("[*]") == "Import marketing spend"
    window.import_dialog.reject()
    qtbot.mouseClick(page.spend.empty.buttons_by_name["spend_empty_add"], Qt.MouseButton.LeftButton)
    assert isinstance(page.spend.dialog, SpendDialog) and page.spend.dialog.isVisible()
    page.spend.dialog.reject()


def test_spend_added_edited_deleted_and_undone(shop: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, page = open_page(shop, qtbot, tmp_path)
    panel = page.spend
    assert not panel.add_button.isVisible()  # while empty, the empty state's buttons are the way
    panel.empty.buttons_by_name["spend_empty_add"].click()
    dialog = panel.dialog
    assert isinstance(dialog, SpendDialog)
    assert dialog.month.text() == "October 2026"  # the dashboard's month
    assert dialog.amount.placeholderText() == "e.g. 1,250.00"
    dialog.amount.setText("12,50")
    dialog.note.setText("Ads\x07")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: both problems beside their fields at once
    assert dialog.errors.shown() == {
        "amount": "“12,50” is not money in en_US: the comma groups thousands here; write 12.50",
        "note": "Contains an invisible control character (U+0007); type it without",
    }
    dialog.amount.setText("$1,250.50")
    dialog.note.setText("Search ads")
    dialog.channel.setCurrentIndex(dialog.channel.findData("marketing"))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert table_text(panel) == [["October 2026", "Marketing", "$1,250.50", "Search ads"]]
    assert not panel.is_empty and panel.status.text() == "Added marketing spend for October 2026"
    assert panel.add_button.isVisible() and not panel.empty.isVisible()

    panel.view.selectRow(0)
    panel.edit_button.click()
    edit = panel.dialog
    assert isinstance(edit, SpendDialog) and edit.amount.text() == "1,250.50"
    edit.amount.setText("900")
    edit.month.setDate(QDate(2026, 9, 1))
    qtbot.mouseClick(edit.accept_button, Qt.MouseButton.LeftButton)
    assert table_text(panel) == [["September 2026", "Marketing", "$900.00", "Search ads"]]

    panel.view.selectRow(0)
    panel.delete_button.click()
    assert (
        panel.is_empty
        and panel.status.text() == "Deleted marketing spend for September 2026 — Ctrl+Z puts it back"
    )
    window.edits.stack.undo()
    assert table_text(panel) == [["September 2026", "Marketing", "$900.00", "Search ads"]]
    window.edits.stack.undo()  # the edit
    assert table_text(panel) == [["October 2026", "Marketing", "$1,250.50", "Search ads"]]


def test_a_second_row_for_a_month_and_channel_is_refused(shop: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, page = open_page(shop, qtbot, tmp_path)
    for amount in ("100", "200"):
        shown = (
            page.spend.empty.buttons_by_name["spend_empty_add"]
            if page.spend.is_empty
            else page.spend.add_button
        )
        shown.click()
        dialog = page.spend.dialog
        assert isinstance(dialog, SpendDialog)
        dialog.amount.setText(amount)
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.shown() == {
        "month": "Marketing already has spend recorded for October 2026: edit that row instead"
    }
    assert len(table_text(page.spend)) == 1


def test_revenue_added_edited_deleted_and_undone(shop: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, page = open_page(shop, qtbot, tmp_path)
    window.new_client()  # a client to pick: made the way a user makes one
    new = window.new_client_dialog
    new.name.setText("Harbor Dental")
    qtbot.mouseClick(new.accept_button, Qt.MouseButton.LeftButton)
    window.show_page("finances")
    panel = page.revenue
    panel.empty.buttons_by_name["revenue_empty_add"].click()
    dialog = panel.dialog
    assert isinstance(dialog, RevenueDialog)
    assert dialog.client.currentText() == "None — the shop's own"
    dialog.day.setDate(QDate(2026, 10, 12))
    dialog.client.setCurrentIndex(dialog.client.findText("Harbor Dental"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("hardware"))
    dialog.amount.setText("abc")
    dialog.cost.setText("-5")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert set(dialog.errors.shown()) == {"amount", "cost"}  # both at once
    dialog.amount.setText("4,800")
    dialog.cost.setText("3,100.00")
    dialog.description.setText("Five laptops")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert table_text(panel) == [
        ["Oct 12, 2026", "Harbor Dental", "Hardware", "$4,800.00", "$3,100.00", "Five laptops"]
    ]
    panel.view.selectRow(0)
    panel.edit_button.click()
    edit = panel.dialog
    assert isinstance(edit, RevenueDialog) and edit.client.currentText() == "Harbor Dental"
    edit.client.setCurrentIndex(0)
    edit.cost.setText("")
    qtbot.mouseClick(edit.accept_button, Qt.MouseButton.LeftButton)
    assert table_text(panel) == [["Oct 12, 2026", "—", "Hardware", "$4,800.00", "not known", "Five laptops"]]
    assert panel.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == (
        "No direct cost: the gross margin of October 2026 cannot be worked out until it is entered"
    )
    panel.view.selectRow(0)
    panel.delete_button.click()
    assert panel.is_empty
    window.edits.stack.undo()
    window.edits.stack.undo()
    assert table_text(panel) == [
        ["Oct 12, 2026", "Harbor Dental", "Hardware", "$4,800.00", "$3,100.00", "Five laptops"]
    ]


def test_the_cac_tile_without_spend_opens_the_page(shop: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    core = _tier_id(shop, "Core")
    create_active_client(
        shop, name="Harbor Dental", tier_id=core, seats=10, start=dt.date(2026, 6, 1), today=TODAY
    )
    create_active_client(
        shop,
        name="Pine Legal",
        tier_id=core,
        seats=5,
        start=dt.date(2026, 10, 5),
        today=TODAY,
        channel="marketing",
    )
    window = MainWindow(shop, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    tile = window.dashboard.tiles["clv_cac"]
    qtbot.waitUntil(lambda: tile.value.text() != "")
    assert tile.hint.text() == "CAC: no marketing spend recorded for October 2026 — add or import spend"
    assert tile.toolTip().endswith("Click to open Spend & revenue")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.current_page() == "finances"

    # One-off revenue without its direct cost leaves October's margin unknown: the tile says so.
    margin = window.dashboard.tiles["gross_margin"]
    assert margin.value.text() != "—" and margin.place == ""
    window.edits.apply(lambda: add_revenue(shop, day=dt.date(2026, 10, 14), amount_cents=90_000))
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: margin.value.text() == "—")
    assert margin.hint.text() == "one-off revenue of October 2026 has no direct cost — enter it"
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton)
    assert window.current_page() == "finances"


def _tier_id(db: Database, name: str) -> int:
    """A tier of the new shop's default ladder."""
    return next(item.id for item in ladder_items(db, TODAY).tiers if item.name == name)
