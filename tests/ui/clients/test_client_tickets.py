"""The client's Tickets tab: add, edit and resolve a ticket through its dialogs; the list follows,
refusals show beside their field, undo takes a write back, and a VA agency says requests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QDate, QDateTime, QSettings, Qt, QTime

from msp_desk.services.accounts import ledger
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.tickets.editing import add_ticket
from msp_desk.store.database import Database
from msp_desk.ui.clients.ticket_dialog import ResolveTicketDialog, TicketDialog
from msp_desk.ui.clients.tickets import ClientTickets
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 14)


def at(day: int, hour: int, minute: int = 0) -> QDateTime:
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute))


def tickets_tab(db: Database, qtbot, tmp_path: Path, client_id: int) -> tuple[MainWindow, ClientTickets]:  # type: ignore[no-untyped-def]
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_client(client_id)
    detail = window.clients.detail
    assert detail is not None
    detail.show_tab("tickets")
    return window, detail.tickets


def table_text(tab: ClientTickets) -> list[list[str]]:
    model = tab.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.fixture
def client_id(db: Database) -> int:
    ids = make_ladder(db)  # Core: P1 resolved within 240 minutes
    client = make_client(db, "Harbor Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    return client


def test_add_then_resolve_a_ticket_and_undo(db: Database, qtbot, tmp_path: Path, client_id: int) -> None:  # type: ignore[no-untyped-def]
    window, tab = tickets_tab(db, qtbot, tmp_path, client_id)
    assert tab.add_button.text() == "Add ticket…"
    assert not tab.edit_button.isEnabled() and not tab.resolve_button.isEnabled()
    tab.add_button.click()
    dialog = tab.dialog
    assert (
        isinstance(dialog, TicketDialog) and dialog.windowTitle().removesuffix("[*]") == "New ticket"
    )  # [*]: where Qt marks unsaved edits
    dialog.subject.setText("Server down")
    dialog.external_id.setText("T-7")
    dialog.priority.setCurrentIndex(dialog.priority.findData("P1"))
    dialog.opened_at.setDateTime(at(2, 9))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert table_text(tab) == [["T-7", "Server down", "P1", "Mar 2, 2026", "", "", "Open"]]
    assert tab.caption.text() == "Showing 1 ticket"

    tab.view.selectRow(0)
    assert tab.resolve_button.isEnabled()
    tab.resolve_button.click()
    resolve = tab.dialog
    assert isinstance(resolve, ResolveTicketDialog)
    resolve.resolved_at.setDateTime(at(2, 14))  # 5 hours: past P1's 4
    resolve.fcr.setCurrentIndex(resolve.fcr.findData(False))
    qtbot.mouseClick(resolve.accept_button, Qt.MouseButton.LeftButton)
    assert table_text(tab)[0][4:] == ["Mar 2, 2026", "5.0 h", "Missed"]
    assert not tab.resolve_button.isEnabled()  # still selected, now resolved

    window.edits.stack.undo()
    assert table_text(tab)[0][4:] == ["", "", "Open"]


def test_an_edit_keeps_what_was_there_and_refusals_show_beside_their_field(  # type: ignore[no-untyped-def]
    db: Database, qtbot, tmp_path: Path, client_id: int
) -> None:
    add_ticket(
        db,
        client_id,
        opened_at=dt.datetime(2026, 3, 3, 10, 0),
        subject="VPN",
        external_id="T-1",
        first_response_at=dt.datetime(2026, 3, 3, 10, 20),
        source="email",
    )
    add_ticket(db, client_id, opened_at=dt.datetime(2026, 3, 1, 8, 0), external_id="T-2")
    _window, tab = tickets_tab(db, qtbot, tmp_path, client_id)
    assert [row[0] for row in table_text(tab)] == ["T-1", "T-2"]  # latest opened first
    tab.view.selectRow(0)
    tab.edit_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, TicketDialog) and dialog.windowTitle().removesuffix("[*]") == "Edit ticket"
    assert (dialog.subject.text(), dialog.source.text()) == ("VPN", "email")
    assert dialog.first_response_at.value() == dt.datetime(2026, 3, 3, 10, 20)
    assert dialog.resolved_at.value() is None

    dialog.resolved_at.known.setChecked(True)
    dialog.resolved_at.edit.setDateTime(at(3, 9))  # before it was opened
    assert not dialog.submit()
    assert set(dialog.errors.shown()) == {"resolved_at"}
    dialog.resolved_at.edit.setDateTime(at(3, 12))
    dialog.external_id.setText("T-2")  # another ticket's
    assert not dialog.submit()
    assert dialog.errors.shown() == {"external_id": "Another ticket already has the id 'T-2'"}
    dialog.external_id.setText("T-1")
    dialog.subject.setText("VPN down for everyone")
    assert dialog.submit()
    assert table_text(tab)[0][:2] == ["T-1", "VPN down for everyone"]
    assert table_text(tab)[0][5] == "2.0 h"


def test_a_va_agency_has_requests(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = create_shop(tmp_path / "va.sqlite3", kind="va", name="Remote Hands")
    try:
        client = make_client(db, "Acme Coaching")
        _window, tab = tickets_tab(db, qtbot, tmp_path, client)
        assert tab.add_button.text() == "Add request…"
        assert tab.stack.currentIndex() == 1
        assert tab.stack.message.text() == "No requests recorded for this client yet"
        tab.add_button.click()
        assert tab.dialog is not None and tab.dialog.windowTitle().removesuffix("[*]") == "New request"
    finally:
        db.close()
