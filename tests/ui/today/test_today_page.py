"""Today as the owner uses it: the app opens on it; a due follow-up shows and goes when done
(Undo brings it back); snooze moves it; reassign shows the new owner; Enter opens the record;
a new shop's empty Today says what will show and offers the way to fill it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client
from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTreeView

from msp_desk.services.clients.editing import create_client
from msp_desk.services.referrals.pipeline import add_referral
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.today.page import TodayPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 2)
FOLLOW_UP = "Contact Lakeside Vet (referred by Kestrel Insurance)"


@pytest.fixture
def window(db: Database, qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    kestrel = make_client(db, "Kestrel Insurance", status="active")
    add_referral(db, "Lakeside Vet", dt.date(2026, 2, 27), referrer_client_id=kestrel, follow_up_on=TODAY)
    create_client(
        db, "Harbor Dental", status="onboarding", today=dt.date(2026, 2, 26)
    )  # kickoff Feb 28: late
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def rows(page: TodayPage) -> list[tuple[str, ...]]:
    """What the list shows: each heading, then its rows (due, what, client, owner)."""
    model, shown = page.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        shown.append((group.data(),))
        for r in range(model.rowCount(group)):
            shown.append(tuple(model.index(r, c, group).data() for c in range(model.columnCount())))
    return shown


def cell(page: TodayPage, group: int, row: int, column: int) -> QModelIndex:
    return page.model.index(row, column, page.model.index(group, 0))


def select(page: TodayPage, title: str) -> None:
    wanted = next(item for item in page.model.items if item.title == title)
    assert page.select(wanted)
    page.view.setFocus()


def test_the_app_opens_on_today_with_what_is_due(window: MainWindow) -> None:
    page = window.today
    assert window.current_page() == "today" and page.isVisible()
    assert rows(page) == [
        ("Referral follow-ups (1)",),
        ("Today", FOLLOW_UP, "", ""),
        ("Onboarding steps (1, 1 overdue)",),
        ("2 days late", "Kickoff meeting: goals, contacts and access", "Harbor Dental", ""),
    ]
    assert page.summary.text() == "Mar 2, 2026 · 2 to do · 1 overdue"
    late, due_today = cell(page, 1, 0, 1), cell(page, 0, 0, 1)
    assert late.data(Qt.ItemDataRole.ForegroundRole) == theme.color("error")
    assert late.data(Qt.ItemDataRole.ToolTipRole) == "Overdue"
    assert due_today.data(Qt.ItemDataRole.ForegroundRole) is None
    assert due_today.data(Qt.ItemDataRole.ToolTipRole) is None
    assert not page.empty.isVisible()


def test_a_due_follow_up_disappears_when_done_and_undo_brings_it_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.today
    select(page, FOLLOW_UP)
    assert page.task_bar.done_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert FOLLOW_UP not in [item.title for item in page.model.items]
    assert page.task_bar.message.text() == f"Done: {FOLLOW_UP} · Ctrl+Z undoes it"
    assert (
        page.selected() is not None and page.selected().kind == "onboarding"
    )  # the next row, for the keyboard
    window.findChild(QAction, "action_undo").trigger()
    assert FOLLOW_UP in [item.title for item in page.model.items]
    select(page, FOLLOW_UP)
    qtbot.mouseClick(page.task_bar.done_button, Qt.MouseButton.LeftButton)
    assert [item.kind for item in page.model.items] == ["onboarding"]


def test_snooze_moves_the_due_date_and_undo_moves_it_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.today
    select(page, FOLLOW_UP)
    qtbot.keyClick(page.view, Qt.Key.Key_S)  # a day
    assert rows(page)[1] == ("Tomorrow", FOLLOW_UP, "", "")
    assert cell(page, 0, 0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Snoozed from Mar 2, 2026"
    select(page, "Kickoff meeting: goals, contacts and access")
    qtbot.keyClick(
        page.view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier
    )  # a week from today: it was late
    kickoff = next(item for item in page.model.items if item.kind == "onboarding")
    assert (kickoff.due, kickoff.overdue, kickoff.snoozed_from) == (
        dt.date(2026, 3, 9),
        False,
        dt.date(2026, 2, 28),
    )
    assert page.summary.text() == "Mar 2, 2026 · 2 to do"
    window.findChild(QAction, "action_undo").trigger()
    assert rows(page)[3] == (
        "2 days late",
        "Kickoff meeting: goals, contacts and access",
        "Harbor Dental",
        "",
    )

    select(page, FOLLOW_UP)
    page.task_bar.pick_snooze()  # Snooze ▸ Pick a date…
    dialog = page.task_bar.snooze_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.until.setDate(QDate(2026, 3, 20))  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert FOLLOW_UP not in [item.title for item in page.model.items]  # beyond this week


def test_reassign_shows_the_new_owner(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.today
    select(page, "Kickoff meeting: goals, contacts and access")
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    dialog = page.task_bar.reassign_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.owner.setText("Priya")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert rows(page)[3] == (
        "2 days late",
        "Kickoff meeting: goals, contacts and access",
        "Harbor Dental",
        "Priya",
    )
    assert page.selected() is not None and page.selected().owner == "Priya"  # still selected


def test_enter_opens_the_client_or_the_referrals_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.today
    select(page, "Kickoff meeting: goals, contacts and access")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.current_page() == "clients"
    detail = window.clients.detail
    assert detail is not None and detail.record is not None and detail.record.name == "Harbor Dental"
    window.show_page("today")
    select(page, FOLLOW_UP)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.current_page() == "referrals"


def test_done_on_the_client_s_tasks_tab_shows_on_today(window: MainWindow, db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    harbor = next(item.client_id for item in window.today.model.items if item.client == "Harbor Dental")
    assert harbor is not None
    window.show_client(harbor)
    detail = window.clients.detail
    assert detail is not None
    detail.show_tab("tasks")
    tasks = detail.tasks
    assert tasks.model.rowCount() == 5
    tasks.view.setCurrentIndex(tasks.model.index(0, 0))
    tasks.view.setFocus()
    qtbot.keyClick(tasks.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert tasks.model.rowCount() == 4
    window.show_page("today")
    assert [item.kind for item in window.today.model.items] == ["follow_up"]


def test_a_new_shop_s_today_says_what_will_show_and_fills_as_clients_are_added(
    db: Database, qtbot, tmp_path: Path
) -> None:
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    page = main.today
    assert page.empty.isVisible() and not page.view.isVisible()
    assert "onboarding steps" in page.empty.text.text()
    assert set(page.empty.buttons_by_name) == {"today_add_client", "today_import_clients"}
    qtbot.mouseClick(page.empty.buttons_by_name["today_add_client"], Qt.MouseButton.LeftButton)
    dialog = main.new_client_dialog
    dialog.reject()
    main.edits.apply(lambda: create_client(db, "Harbor Dental", status="onboarding", today=TODAY))
    assert not page.empty.isVisible() and page.findChild(QTreeView, "today_list").isVisible()
    assert rows(page) == [
        ("Onboarding steps (1)",),
        ("Mar 4, 2026", "Kickoff meeting: goals, contacts and access", "Harbor Dental", ""),
    ]
