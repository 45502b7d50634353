"""The main window on the demo shop: the MRR tile and a roster row show the ledger's numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QTableView

from msp_desk import formatting as fmt
from msp_desk.demo.shops import build_demo
from msp_desk.domain.values import Month
from msp_desk.services.clients.roster import roster
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.kpis.snapshots import kpis_for_month
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 23)


def test_demo_dashboard_and_roster(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_demo(db, "msp", TODAY)
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_page() == "today"  # the app opens on the demo's agenda
    assert window.today.model.items and window.today.model.items[0].kind == "qbr"

    window.show_page("dashboard")
    october = kpis_for_month(db, Month(2026, 10))
    tile = window.findChild(QLabel, "tile_mrr_value")
    assert october.mrr > 0
    assert tile.text() == fmt.money_whole(october.mrr)

    window.show_page("clients")
    table = window.findChild(QTableView, "client_table")
    model = table.model()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = names.index("Ōsaka Dental")
    osaka = next(r for r in roster(db, TODAY) if r.name == "Ōsaka Dental")
    mrr_column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "MRR"
    )
    shown = model.index(row, mrr_column).data()
    assert osaka.mrr_cents == client_mrr_on(db, osaka.client_id, TODAY) > 0
    assert shown == fmt.money(osaka.mrr_cents)
    assert len(names) == len(roster(db, TODAY))
