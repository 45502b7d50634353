"""Today on a long agenda: a group shows its first rows and one row that lists the rest where it
stands; the app opens on the agenda stored by its last read, before any read of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_client
from PySide6.QtCore import QSettings, Qt

from msp_desk.services.referrals.pipeline import add_referral
from msp_desk.services.today.stored import ask_items_stored, due_items_stored
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.today import model as agenda_model
from msp_desk.ui.today.page import TodayPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 2)


def follow_ups(db: Database, count: int) -> None:
    kestrel = make_client(db, "Kestrel Insurance", status="active")
    for n in range(1, count + 1):
        add_referral(
            db, f"Prospect {n:02}", dt.date(2026, 2, 27), referrer_client_id=kestrel, follow_up_on=TODAY
        )


def open_window(db: Database, qtbot, tmp_path: Path, **more: object) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    main = MainWindow(db, TODAY, settings=settings, **more)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def shown(page: TodayPage) -> list[tuple[object, ...]]:
    model, found = page.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        found.append((group.data(),))
        for r in range(model.rowCount(group)):
            found.append(tuple(model.index(r, c, group).data() for c in range(model.columnCount())))
    return found


def test_a_long_group_shows_its_first_rows_and_enter_lists_the_rest(  # type: ignore[no-untyped-def]
    db: Database, qtbot, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(agenda_model, "SHOWN_PER_GROUP", 2)
    follow_ups(db, 5)
    page = open_window(db, qtbot, tmp_path).today
    contact = "Contact Prospect {:02} (referred by Kestrel Insurance)"
    assert shown(page) == [
        ("Referral follow-ups (5)",),
        ("Today", contact.format(1), "", ""),
        ("Today", contact.format(2), "", ""),
        (None, "Show the other 3…", None, None),
    ]
    assert page.summary.text() == "Mar 2, 2026 · 5 to do"  # every row counts, shown or not
    heading = page.model.index(0, 0)
    page.view.setCurrentIndex(page.model.index(2, 0, heading))
    page.view.setFocus()
    assert page.selected() is None and not page.task_bar.done_button.isEnabled()  # not a task
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert [row[1] for row in shown(page)[1:]] == [contact.format(n) for n in range(1, 6)]
    chosen = page.selected()
    assert chosen is not None and chosen.title == contact.format(3)  # the first of those it stood for
    assert page.task_bar.done_button.isEnabled()
    qtbot.mouseClick(page.task_bar.done_button, Qt.MouseButton.LeftButton)  # read again: still whole
    assert [row[1] for row in shown(page)[1:]] == [contact.format(n) for n in (1, 2, 4, 5)]


def test_a_group_one_row_over_the_limit_shows_whole(db: Database, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(agenda_model, "SHOWN_PER_GROUP", 2)
    follow_ups(db, 3)  # "Show the other 1…" would hide nothing worth hiding
    page = open_window(db, qtbot, tmp_path).today
    assert len(shown(page)) == 4 and "Show" not in str(shown(page))


class HeldRunner:
    """A runner that keeps what it is given until ``run_next``: what shows before came from no read."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], object], Callable[[object], None]]] = []

    def submit(self, work, done, failed=None, *, context=None) -> None:  # type: ignore[no-untyped-def]
        self.held.append((work, done))

    def submit_with_progress(self, work, done, failed=None, *, progress, context=None) -> None:  # type: ignore[no-untyped-def]
        self.held.append((lambda: work(lambda *_: None), done))

    def run_next(self, named: str) -> None:
        """Run the first held work whose name holds ``named`` and deliver its result."""
        n = next(n for n, (work, _done) in enumerate(self.held) if named in work.__qualname__)
        work, done = self.held.pop(n)
        done(work())

    def wait(self) -> None:
        pass


def test_today_opens_on_the_agenda_its_last_read_stored(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    follow_ups(db, 2)
    due_items_stored(db, TODAY)  # the last start read and stored them; no write since
    ask_items_stored(db, TODAY)
    page = open_window(db, qtbot, tmp_path, runner=HeldRunner()).today
    assert [row[1] for row in shown(page)[1:]] == [
        "Contact Prospect 01 (referred by Kestrel Insurance)",
        "Contact Prospect 02 (referred by Kestrel Insurance)",
    ]
    assert page.loaded and page.summary.text() == "Mar 2, 2026 · 2 to do"


def test_with_nothing_stored_what_is_due_shows_before_the_clients_to_ask(
    db: Database, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    follow_ups(db, 1)
    runner = HeldRunner()
    page = open_window(db, qtbot, tmp_path, runner=runner).today
    assert shown(page) == [] and not page.loaded
    runner.run_next("TodayPage.refresh")  # what is due
    assert [row[0] for row in shown(page)] == ["Referral follow-ups (1)", "Today"]
    assert page.summary.text() == "Mar 2, 2026 · 1 to do · finding the clients ready to ask…"
    assert not page.loaded and not page.empty.isVisible()
    runner.run_next("TodayPage.refresh")  # then the clients ready to ask (none: no signals yet)
    assert page.loaded and page.summary.text() == "Mar 2, 2026 · 1 to do"
