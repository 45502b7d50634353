"""A new shop's Clients page says why it is empty, and its button opens the New client dialog;
the first client added puts the roster in its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from msp_desk.services.clients.editing import create_client
from msp_desk.services.shop.opening import create_shop
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 20)


def test_the_empty_roster_offers_add_your_first_client(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = create_shop(tmp_path / "new.sqlite3", name="Harbor Point IT")
    try:
        window = MainWindow(
            db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.show()
        window.show_page("clients")
        page = window.clients
        qtbot.waitUntil(page.empty.isVisible)
        assert not page.table.isVisible()
        assert page.empty.heading.text() == "No clients yet"
        button = page.findChild(QPushButton, "add_first_client")
        assert button.text() == "Add your first client…"

        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.new_client_dialog.isVisible())
        window.new_client_dialog.reject()

        window.edits.apply(lambda: create_client(db, name="Ōsaka Dental"))
        qtbot.waitUntil(page.table.isVisible)
        assert not page.empty.isVisible()
        window.close()
    finally:
        db.close()
