"""The Reviews page on the demo shop fits a 1440 px wide window: no horizontal scrolling, every
column as wide as its widest cell, every client's name whole (and in its tooltip), each short
horizon header explained by its tooltip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from msp_desk.demo.shops import build_demo
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]
TODAY = dt.date(2026, 11, 23)


def test_the_reviews_table_fits_1440_px(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_demo(db, "msp", TODAY)
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("reviews")
    page = window.page("reviews")
    view, model = page.view, page.model
    assert model.rowCount() > 30
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() == view.viewport().width())
    assert view.horizontalScrollBar().maximum() == 0
    for column in range(model.columnCount()):  # nothing cut: each as wide as its widest cell
        assert header.sectionSize(column) >= view.sizeHintForColumn(column), model.titles[column]
    names = [model.rows[r][0] for r in range(model.rowCount())]
    shown_whole = [n for n in names if view.fontMetrics().horizontalAdvance(n) + 12 <= header.sectionSize(0)]
    assert shown_whole == names
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == names[0]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5, 11)] == [
        "Now",
        "30 days",
        "This qtr",
        "Next qtr",
        "6–12 mo",
        "Later",
    ]
    assert "6-12 months" in model.headerData(9, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
