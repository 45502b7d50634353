"""Drag and drop on the Roadmap tab, and its keyboard twin: an item dropped between two items of
another horizon lands there, one dropped lower in its own horizon is reordered, one dropped on a
horizon's row goes last there, and Ctrl+Left / Ctrl+Right move it to the horizon before or after;
each is one undoable write, seen in the database and on screen. (A real drag loop cannot run
offscreen: the tests hand the model the drop the view would, at the place the view reads.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QMimeData, QModelIndex, QSettings, Qt

from msp_desk.services.accounts import ledger
from msp_desk.services.reviews import roadmap
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.reviews.roadmap_model import MIME_TYPE, item_mime
from msp_desk.ui.reviews.roadmap_tab import ClientRoadmap

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 14)
MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def shown(db: Database, qtbot, tmp_path: Path) -> tuple[MainWindow, ClientRoadmap, dict[str, int]]:  # type: ignore[no-untyped-def]
    ladder = make_ladder(db)
    client = make_client(db, "Harbor Dental")
    ledger.start_client(db, client, ladder["Core"], 10, dt.date(2026, 1, 1))
    ids = {"client": client}
    for title, horizon in (
        ("MFA everywhere", "now"),
        ("Backup restore test", "now"),
        ("Password manager", "now"),
        ("Firewall refresh", "next_quarter"),
        ("Wi-Fi for the clinic", "next_quarter"),
    ):
        ids[title] = roadmap.new_item_id(roadmap.add_item(db, client, TODAY, title=title, horizon=horizon))
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_client(client)
    detail = window.clients.detail
    assert detail is not None
    detail.show_tab("roadmap")
    return window, detail.roadmap, ids


def saved(db: Database, client: int) -> list[tuple[str, int, str]]:
    return [(r.horizon, r.position, r.title) for r in roadmap.roadmap(db, client)]


def group_index(tab: ClientRoadmap, horizon: str) -> QModelIndex:
    return tab.model.group(horizon).index()


def test_an_item_dropped_between_two_of_another_horizon_lands_there_and_undoes(
    db: Database, shown: tuple[MainWindow, ClientRoadmap, dict[str, int]]
) -> None:
    window, tab, ids = shown
    before = saved(db, ids["client"])
    writes = window.edits.stack.count()
    # A drop on the upper edge of "Wi-Fi for the clinic" the view reads as before its row.
    wifi = tab.model.group("next_quarter").child(1, 0).index()
    assert tab.view.indexAt(tab.view.visualRect(wifi).center()) == wifi
    assert tab.model.dropMimeData(item_mime(ids["Backup restore test"]), MOVE, wifi.row(), 0, wifi.parent())
    assert tab.item_titles("now") == ["MFA everywhere", "Password manager"]
    assert tab.item_titles("next_quarter") == [
        "Firewall refresh",
        "Backup restore test",
        "Wi-Fi for the clinic",
    ]
    assert tab.model.group("now").text() == "Now (2)"
    assert saved(db, ids["client"]) == [
        ("now", 0, "MFA everywhere"),
        ("now", 1, "Password manager"),
        ("next_quarter", 0, "Firewall refresh"),
        ("next_quarter", 1, "Backup restore test"),
        ("next_quarter", 2, "Wi-Fi for the clinic"),
    ]
    assert window.edits.stack.count() == writes + 1  # one write
    assert window.edits.stack.undoText() == "Moved Backup restore test to next quarter"
    selected = tab.selected()
    assert selected is not None and selected.title == "Backup restore test"  # still the one selected

    window.edits.stack.undo()
    assert saved(db, ids["client"]) == before
    assert tab.item_titles("now") == ["MFA everywhere", "Backup restore test", "Password manager"]
    assert tab.item_titles("next_quarter") == ["Firewall refresh", "Wi-Fi for the clinic"]


def test_an_item_dropped_lower_in_its_own_horizon_is_reordered(
    db: Database, shown: tuple[MainWindow, ClientRoadmap, dict[str, int]]
) -> None:
    window, tab, ids = shown
    now = group_index(tab, "now")
    # Below "Password manager" (before row 3, past the end): MFA goes last.
    assert tab.model.dropMimeData(item_mime(ids["MFA everywhere"]), MOVE, 3, 0, now)
    assert tab.item_titles("now") == ["Backup restore test", "Password manager", "MFA everywhere"]
    assert [t for h, _p, t in saved(db, ids["client"]) if h == "now"] == tab.item_titles("now")
    assert window.edits.stack.undoText() == "Reordered MFA everywhere"
    # Between its two neighbours (before row 2, "MFA everywhere" itself): where it is, no write.
    writes = window.edits.stack.count()
    assert not tab.model.dropMimeData(item_mime(ids["Password manager"]), MOVE, 2, 0, now)
    assert window.edits.stack.count() == writes


def test_an_item_dropped_on_a_horizons_row_or_below_a_horizon_goes_last_there(
    db: Database, shown: tuple[MainWindow, ClientRoadmap, dict[str, int]]
) -> None:
    _window, tab, ids = shown
    later = group_index(tab, "later")
    assert tab.model.dropMimeData(item_mime(ids["Firewall refresh"]), MOVE, -1, 0, later.siblingAtColumn(3))
    assert tab.item_titles("later") == ["Firewall refresh"]
    # Between the rows of "This quarter" (3) and "Next quarter" (4): last of "This quarter".
    assert tab.model.dropMimeData(item_mime(ids["MFA everywhere"]), MOVE, 3, 0, QModelIndex())
    assert tab.item_titles("this_quarter") == ["MFA everywhere"]
    assert {h: t for h, _p, t in saved(db, ids["client"]) if t in ("Firewall refresh", "MFA everywhere")} == {
        "later": "Firewall refresh",
        "this_quarter": "MFA everywhere",
    }


def test_only_a_roadmap_item_can_be_dropped(shown: tuple[MainWindow, ClientRoadmap, dict[str, int]]) -> None:
    window, tab, _ids = shown
    text = QMimeData()
    text.setText("12")
    later = group_index(tab, "later")
    assert not tab.model.canDropMimeData(text, MOVE, -1, 0, later)
    assert not tab.model.dropMimeData(text, MOVE, -1, 0, later)
    assert tab.model.canDropMimeData(item_mime(1), MOVE, -1, 0, later)
    dragged = tab.model.mimeData([tab.model.group("now").child(1, 2).index()])
    assert bytes(dragged.data(MIME_TYPE).data()) == str(tab.rows[1].id).encode()
    assert not window.edits.stack.count()


def test_ctrl_right_and_ctrl_left_move_an_item_to_the_next_and_previous_horizon(
    db: Database, qtbot, shown: tuple[MainWindow, ClientRoadmap, dict[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    window, tab, ids = shown
    tab.select_item(ids["Password manager"])
    assert tab.nearer_action.isEnabled() is False  # "Now" is the nearest
    assert not tab.to_actions["now"].isEnabled() and tab.to_actions["later"].isEnabled()  # not to where it is
    assert tab.further_action.text() == "Later horizon\tCtrl+Right"
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert tab.item_titles("30_days") == ["Password manager"]
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    # First in a later horizon: just below where it came from.
    assert tab.item_titles("next_quarter") == ["Password manager", "Firewall refresh", "Wi-Fi for the clinic"]
    tab.select_item(ids["Wi-Fi for the clinic"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert tab.item_titles("this_quarter") == ["Wi-Fi for the clinic"]
    tab.select_item(ids["Firewall refresh"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    # Last in a sooner horizon: just above where it came from.
    assert tab.item_titles("this_quarter") == ["Wi-Fi for the clinic", "Firewall refresh"]
    assert saved(db, ids["client"])[-3:] == [
        ("this_quarter", 0, "Wi-Fi for the clinic"),
        ("this_quarter", 1, "Firewall refresh"),
        ("next_quarter", 0, "Password manager"),
    ]
    for _ in range(5):
        window.edits.stack.undo()
    assert tab.item_titles("now") == ["MFA everywhere", "Backup restore test", "Password manager"]
    assert tab.item_titles("next_quarter") == ["Firewall refresh", "Wi-Fi for the clinic"]
