"""Import clients in the app: the empty roster's "Import clients…" opens the import; what it
would add (or every problem) shows before anything is written; Import writes it all, undoably."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from msp_desk.services.clients.roster import roster
from msp_desk.services.shop.opening import create_shop
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 20)
BOOK = "name,status,industry,seats\nŌsaka Dental,active,dental,12\nZoë Müller Design,active,design,4\n"


def test_import_clients_from_the_empty_roster(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(BOOK + "Acme,active,dental,twelve\n", encoding="utf-8")
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
        qtbot.mouseClick(page.findChild(QPushButton, "import_clients"), Qt.MouseButton.LeftButton)
        dialog = window.import_dialog
        qtbot.waitUntil(dialog.isVisible)
        preview = dialog.findChild(QLabel, "import_preview")
        apply = dialog.findChild(QPushButton, "import_apply")
        assert preview.text() == "Choose the file to import." and not apply.isEnabled()

        dialog.path.setText(str(bad))
        dialog.update_preview()
        assert preview.text().startswith(
            "Nothing can be imported until these are fixed:\nrow 4, column seats:"
        )
        assert not apply.isEnabled()
        assert roster(db, TODAY, signals=False) == []  # a preview writes nothing

        dialog.path.setText(str(book))
        dialog.update_preview()
        assert preview.text() == "Would add 2 clients: Ōsaka Dental, Zoë Müller Design"
        assert apply.isEnabled()
        qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.table.isVisible)
        assert sorted(r.name for r in roster(db, TODAY, signals=False)) == [
            "Zoë Müller Design",
            "Ōsaka Dental",
        ]

        window.edits.stack.undo()  # one import, one undo
        assert roster(db, TODAY, signals=False) == []
        window.close()
    finally:
        db.close()
