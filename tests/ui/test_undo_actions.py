"""Undo and redo from the main window: Ctrl+Z puts the database back, Ctrl+Shift+Z forward."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import make_client, make_ladder
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

MARCH = dt.date(2026, 3, 31)


def window_on(db: Database, qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    main = MainWindow(db, dt.date(2026, 4, 14), settings=settings)
    qtbot.addWidget(main)
    main.show()
    return main


def test_undo_and_redo_an_account_change(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    main = window_on(db, qtbot, tmp_path)
    undo = main.findChild(QAction, "action_undo")
    redo = main.findChild(QAction, "action_redo")
    assert not undo.isEnabled()
    assert undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()

    main.edits.apply(lambda: ledger.change_seats(db, client, 14, dt.date(2026, 3, 1)))
    assert client_mrr_on(db, client, MARCH) == 14 * 13_500
    assert main.statusBar().currentMessage().startswith("Ōsaka Dental: 10 -> 14 seats")
    assert undo.isEnabled() and "14 seats" in undo.text()

    undo.trigger()
    assert client_mrr_on(db, client, MARCH) == 10 * 13_500
    assert main.statusBar().currentMessage().startswith("Undone: Ōsaka Dental")
    redo.trigger()
    assert client_mrr_on(db, client, MARCH) == 14 * 13_500
    assert main.statusBar().currentMessage().startswith("Redone: Ōsaka Dental")


def test_an_undo_that_would_overwrite_a_later_change_is_refused(  # type: ignore[no-untyped-def]
    db: Database, qtbot, tmp_path: Path, monkeypatch
) -> None:
    ids = make_ladder(db)
    client = make_client(db, "Zoë Müller Design")
    ledger.start_client(db, client, ids["Starter"], 4, dt.date(2026, 1, 1))
    main = window_on(db, qtbot, tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    main.edits.apply(lambda: ledger.change_tier(db, client, ids["Core"], dt.date(2026, 3, 1)))
    ledger.change_seats(db, client, 6, dt.date(2026, 4, 1))  # written elsewhere (e.g. the CLI)

    main.findChild(QAction, "action_undo").trigger()
    assert len(shown) == 1 and "changed since" in shown[0]
    assert client_mrr_on(db, client, dt.date(2026, 4, 30)) == 6 * 13_500  # nothing was undone
    assert main.edits.stack.count() == 0  # the refused command left the stack
