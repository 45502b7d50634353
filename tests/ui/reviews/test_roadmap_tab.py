"""The client's Roadmap tab: items grouped by horizon with their totals, added through the dialog,
moved from "later" to "now" (then in the next 90 days), reordered with Ctrl+Up, undone; an
accepted item that stands for an add-on opens the account action with it chosen and previewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt

from msp_desk.services.accounts import ledger
from msp_desk.services.reviews import roadmap
from msp_desk.store.database import Database
from msp_desk.ui.clients.account_dialog import AccountActionDialog
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.reviews.roadmap_dialog import PlanNext90DaysDialog, RoadmapItemDialog
from msp_desk.ui.reviews.roadmap_tab import ClientRoadmap

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 14)


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    found = make_ladder(db)
    client = make_client(db, "Harbor Dental")
    ledger.start_client(db, client, found["Core"], 10, dt.date(2026, 1, 1))  # 10 x $135 = $1,350
    return {**found, "client": client}


def roadmap_tab(db: Database, qtbot, tmp_path: Path, client_id: int) -> tuple[MainWindow, ClientRoadmap]:  # type: ignore[no-untyped-def]
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_client(client_id)
    detail = window.clients.detail
    assert detail is not None
    detail.show_tab("roadmap")
    return window, detail.roadmap


def group_text(tab: ClientRoadmap) -> list[list[str]]:
    """Each horizon's row as shown: title with its count, then the totals."""
    return [[tab.model.item(g, c).text() for c in (0, 3, 4)] for g in range(tab.model.rowCount())]


def test_the_first_item_a_move_to_now_and_undo(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    window, tab = roadmap_tab(db, qtbot, tmp_path, ids["client"])
    assert tab.stack.currentIndex() == 0  # the empty state
    tab.empty.buttons_by_name["roadmap_add_first"].click()
    dialog = tab.dialog
    assert isinstance(dialog, RoadmapItemDialog)
    dialog.title_.setText("Replace the file server")
    dialog.category.setText("Hardware")
    dialog.horizon.setCurrentIndex(dialog.horizon.findData("later"))
    dialog.one_off.setText("4,800")
    dialog.mrr_impact.setText("-40")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert tab.stack.currentIndex() == 1
    assert tab.item_titles("later") == ["Replace the file server"]
    assert group_text(tab)[-1] == ["Later (1)", "$4,800.00", "−$40.00"]
    assert roadmap.next_90_days(db, ids["client"]) == []

    item = roadmap.roadmap(db, ids["client"])[0].id
    assert tab.select_item(item)
    next(a for a in tab.move_menu.actions() if a.objectName() == "roadmap_to_now").trigger()
    assert tab.item_titles("now") == ["Replace the file server"]
    assert tab.item_titles("later") == []
    assert group_text(tab)[0] == ["Now (1)", "$4,800.00", "−$40.00"]
    assert [r.title for r in roadmap.next_90_days(db, ids["client"])] == ["Replace the file server"]
    assert tab.selected() is not None and tab.selected().id == item  # still selected after the move

    window.edits.stack.undo()
    assert tab.item_titles("later") == ["Replace the file server"]
    assert tab.item_titles("now") == []
    assert roadmap.next_90_days(db, ids["client"]) == []


def test_ctrl_up_moves_an_item_earlier_in_its_horizon(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    for title in ("MFA everywhere", "Backup restore test", "Password manager"):
        roadmap.add_item(db, ids["client"], TODAY, title=title, horizon="30_days")
    _window, tab = roadmap_tab(db, qtbot, tmp_path, ids["client"])
    assert tab.item_titles("30_days") == ["MFA everywhere", "Backup restore test", "Password manager"]
    last = roadmap.roadmap(db, ids["client"])[2].id
    tab.select_item(last)
    assert tab.up_action.isEnabled() and not tab.down_action.isEnabled()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert tab.item_titles("30_days") == ["MFA everywhere", "Password manager", "Backup restore test"]
    tab.up_action.trigger()
    assert tab.item_titles("30_days") == ["Password manager", "MFA everywhere", "Backup restore test"]
    assert [r.title for r in roadmap.next_90_days(db, ids["client"])] == tab.item_titles("30_days")


def test_accepting_an_add_on_item_opens_the_add_on_action_with_its_preview(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    roadmap.add_item(
        db,
        ids["client"],
        TODAY,
        title="Protect every laptop",
        horizon="now",
        addon_id=ids["Endpoint security"],
    )
    _window, tab = roadmap_tab(db, qtbot, tmp_path, ids["client"])
    item = roadmap.roadmap(db, ids["client"])[0].id
    tab.select_item(item)
    tab.set_status("accepted")
    assert roadmap.roadmap_item(db, item).status == "accepted"
    dialog = tab.dialog
    assert isinstance(dialog, AccountActionDialog) and dialog.action == "add_addon"
    assert dialog.addon.currentData() == ids["Endpoint security"]
    # 10 seats x $12: the account change is previewed, not made
    assert dialog.preview.text() == "MRR $1,350 → $1,470, +$120 expansion from Mar 14, 2026"
    dialog.reject()
    assert roadmap.ladder_step(db, item, TODAY) is not None  # nothing was applied


def test_a_tier_item_on_a_client_not_started_opens_start_on_that_tier(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    prospect = make_client(db, "Pine Street Law")
    roadmap.add_item(db, prospect, TODAY, title="Managed services", horizon="now", tier_id=ids["Growth"])
    _window, tab = roadmap_tab(db, qtbot, tmp_path, prospect)
    tab.select_item(roadmap.roadmap(db, prospect)[0].id)
    tab.set_status("accepted")
    dialog = tab.dialog
    assert isinstance(dialog, AccountActionDialog) and dialog.action == "start"
    assert dialog.tier.currentData() == ids["Growth"]
    dialog.reject()


def test_planning_the_next_90_days_brings_the_chosen_forward_and_pushes_the_rest_back(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    client = ids["client"]
    roadmap.add_item(db, client, TODAY, title="MFA everywhere", horizon="now")
    roadmap.add_item(db, client, TODAY, title="Backup restore test", horizon="30_days", status="in_progress")
    roadmap.add_item(db, client, TODAY, title="Replace the file server", horizon="later")
    roadmap.add_item(db, client, TODAY, title="Old idea", horizon="now", status="declined")
    window, tab = roadmap_tab(db, qtbot, tmp_path, client)
    tab.plan_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, PlanNext90DaysDialog)
    assert dialog.items.count() == 3  # the declined item is not offered
    backup = next(r.id for r in roadmap.roadmap(db, client) if r.title == "Backup restore test")
    assert dialog.chosen() == [backup]  # work under way stays near
    server = dialog.items.item(2)
    assert server.text() == "Replace the file server · Later"
    server.setCheckState(Qt.CheckState.Checked)
    dialog.update_preview()
    assert dialog.preview.text() == "2 in the next 90 days (1 brought forward); 1 pushed back one horizon"
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert tab.item_titles("now") == ["Old idea"]
    assert tab.item_titles("30_days") == ["Backup restore test", "MFA everywhere"]
    assert tab.item_titles("this_quarter") == ["Replace the file server"]
    assert tab.item_titles("later") == []
    window.edits.stack.undo()
    assert tab.item_titles("later") == ["Replace the file server"]


def test_advice_declined_twice_raises_the_review_flag_at_once(
    db: Database, qtbot, tmp_path: Path, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    client = ids["client"]
    for title in ("Firewall refresh", "Password manager"):
        roadmap.add_item(db, client, TODAY, title=title, horizon="later")
    window, tab = roadmap_tab(db, qtbot, tmp_path, client)
    detail = window.clients.detail
    assert detail is not None
    qtbot.waitUntil(lambda: detail.signals is not None)
    assert detail.tabs.tabText(1) == "Growth"
    for item in roadmap.roadmap(db, client):
        tab.select_item(item.id)
        next(a for a in tab.status_menu.actions() if a.objectName() == "roadmap_status_declined").trigger()
    assert tab.item_titles("later") == ["Firewall refresh", "Password manager"]
    qtbot.waitUntil(lambda: detail.tabs.tabText(1) == "Growth ⚠1")
    window.edits.stack.undo()
    qtbot.waitUntil(lambda: detail.tabs.tabText(1) == "Growth")
