"""Forms a new user can trust: a far effective date is confirmed (Cancel applies nothing), a
dialog with typed edits asks before Escape throws them away, an unsaved profile is asked about
before the detail closes, and the detail works at 1024 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QDate, QRect, QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QTabBar, QWidget

from msp_desk.services.accounts import ledger
from msp_desk.services.clients.detail import client_detail
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.ladder import editing as ladder
from msp_desk.store.database import Database
from msp_desk.ui.clients.account_dialog import AccountActionDialog
from msp_desk.ui.common.far_dates import far_date_question
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.price_dialog import PriceDialog
from msp_desk.ui.main_window import MainWindow

TODAY = dt.date(2026, 2, 16)
Button = QMessageBox.StandardButton


@pytest.fixture
def account(db: Database) -> tuple[dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    return ids, client  # 10 x $135 = $1,350 a month


def answering(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def seats_dialog(db: Database, qtbot, client: int, day: dt.date) -> AccountActionDialog:  # type: ignore[no-untyped-def]
    dialog = AccountActionDialog(db, Edits(db), client, "seats", TODAY)
    qtbot.addWidget(dialog)
    dialog.seats.setValue(12)
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    dialog.update_preview()
    return dialog


def test_a_date_more_than_a_year_ahead_asks_and_cancel_applies_nothing(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ids, client = account
    dialog = seats_dialog(db, qtbot, client, dt.date(2027, 6, 1))
    asked = answering(monkeypatch, Button.Cancel)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert asked == ["Jun 1, 2027 is 15 months after today — use it?"]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert client_mrr_on(db, client, dt.date(2027, 6, 1)) == 135_000  # nothing applied
    assert len(client_detail(db, client, TODAY).lines) == 1


def test_the_question_names_the_clients_start() -> None:
    assert far_date_question(
        dt.date(2025, 11, 1),
        TODAY,
        "en_US",
        earliest=dt.date(2026, 1, 1),
        earliest_what="Ōsaka Dental's start",
    ) == ("Nov 1, 2025 is before Ōsaka Dental's start (Jan 1, 2026) and 3 months before today — use it?")
    assert far_date_question(
        dt.date(2026, 1, 20), TODAY, "de_DE", earliest=dt.date(2026, 2, 1), earliest_what="x"
    ) == ("20.01.2026 is before x (01.02.2026) and 27 days before today — use it?")
    assert far_date_question(dt.date(2027, 2, 16), TODAY, "en_US") is None  # a year ahead, not more
    assert far_date_question(dt.date(2020, 1, 1), TODAY, "en_US") is None  # no start to be before


def test_a_date_more_than_a_year_ahead_asks_and_yes_applies(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ids, client = account
    dialog = seats_dialog(db, qtbot, client, dt.date(2027, 6, 1))
    asked = answering(monkeypatch, Button.Yes)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert asked == ["Jun 1, 2027 is 15 months after today — use it?"]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert client_mrr_on(db, client, dt.date(2027, 6, 1)) == 162_000  # 12 x $135


def test_a_near_date_asks_nothing(db: Database, qtbot, account) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    dialog = seats_dialog(db, qtbot, client, dt.date(2026, 3, 1))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # any question fails the test
    assert client_mrr_on(db, client, dt.date(2026, 3, 1)) == 162_000


def test_a_list_price_dated_before_the_tier_was_sold_asks(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids, _client = account
    dialog = PriceDialog(db, Edits(db), "tier", ids["Core"], TODAY)
    qtbot.addWidget(dialog)
    dialog.price.setText("145.00")
    dialog.date.setDate(QDate(2025, 6, 1))
    dialog.update_preview()
    asked = answering(monkeypatch, Button.Cancel)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert asked == [
        "Jun 1, 2025 is before the tier's first price (Jan 1, 2026) and 8 months before today — use it?"
    ]
    assert ladder.tier_form(db, ids["Core"], dt.date(2025, 6, 1)).price_cents == 13_500  # unchanged


def test_price_and_cost_both_wrong_show_both(db: Database, qtbot, account) -> None:  # type: ignore[no-untyped-def]
    ids, _client = account
    dialog = PriceDialog(db, Edits(db), "tier", ids["Core"], TODAY)
    qtbot.addWidget(dialog)
    dialog.price.setText("lots")
    dialog.cost.setText("1.2.3")
    dialog.update_preview()
    assert set(dialog.errors.shown()) == {"price", "cost"}


def test_escape_with_typed_edits_asks_first(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ids, client = account
    dialog = AccountActionDialog(db, Edits(db), client, "seats", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.seats.setValue(14)
    assert dialog.isWindowModified()
    asked = answering(monkeypatch, Button.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["You have changed this form without saving. Save the changes?"]
    assert dialog.isVisible()
    answering(monkeypatch, Button.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert client_mrr_on(db, client, TODAY) == 135_000


def window_at(db: Database, qtbot, tmp_path: Path, width: int) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(width, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_closing_the_detail_with_an_unsaved_profile_asks(  # type: ignore[no-untyped-def]
    db: Database, qtbot, account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ids, client = account
    main = window_at(db, qtbot, tmp_path, 1280)
    main.show_client(client)
    detail = main.clients.detail
    assert detail is not None
    detail.findChild(QLineEdit, "profile_industry").setText("Dental")
    assert detail.findChild(QPushButton, "profile_save").text() == "Save profile *"
    assert main.isWindowModified()
    asked = answering(monkeypatch, Button.Cancel)
    qtbot.mouseClick(detail.close_button, Qt.MouseButton.LeftButton)
    assert asked == ["You have changed the client's profile without saving. Save the changes?"]
    assert detail.isVisible()
    answering(monkeypatch, Button.Save)
    qtbot.mouseClick(detail.close_button, Qt.MouseButton.LeftButton)
    assert not detail.isVisible()
    assert client_detail(db, client, TODAY).industry == "Dental"


def inside(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` is on show whole within ``window`` (not clipped by its edge)."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_detail_fits_the_window(db: Database, qtbot, account, tmp_path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    main = window_at(db, qtbot, tmp_path, width)
    assert main.width() == width
    main.show_client(client)
    page, detail = main.clients, main.clients.detail
    assert detail is not None
    tabs = detail.findChild(QTabBar)
    qtbot.waitUntil(lambda: inside(detail.account, main))
    for widget in (detail.name, detail.account, detail.close_button, tabs, detail.profile.save_button):
        assert inside(widget, main), widget.objectName()
    assert tabs.width() >= tabs.sizeHint().width()  # every tab on show, none behind a scroll arrow
    if width == 1024:  # the detail takes the width; its ✕ leads back to the roster
        assert not page.table.isVisible()
        assert detail.close_button.text() == "← Clients"
        qtbot.mouseClick(detail.close_button, Qt.MouseButton.LeftButton)
        assert page.table.isVisible() and not detail.isVisible()
    else:  # beside the roster
        assert inside(page.table, main) and inside(page.search, main)
