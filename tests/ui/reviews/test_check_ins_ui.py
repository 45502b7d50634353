"""Check-in calls and the onboarding checklist driven as a user would: a call logged through the
client's form schedules the next and changes its satisfaction (and readiness); the checklist
edited in Settings is what the next onboarding client gets."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox

from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.signals import account_signals
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.reviews.checkins import schedule_check_ins
from msp_desk.store.database import Database
from msp_desk.store.tables import CLIENT, TASK
from msp_desk.ui.clients.detail import ClientDetail
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits
from msp_desk.ui.settings.page import SettingsPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2028, 2, 29)


def cells(view, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def tasks_of(db: Database, client_id: int, kind: str) -> list[tuple[object, ...]]:
    t = TASK.c
    query = sa.select(t.due_on, t.title, t.done).where(t.client_id == client_id, t.kind == kind)
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(query.order_by(t.due_on, t.id))]


@pytest.fixture
def edits(db: Database) -> Edits:
    return Edits(db)


@pytest.fixture
def pane(db: Database, edits: Edits, qtbot) -> ClientDetail:  # type: ignore[no-untyped-def]
    widget = ClientDetail(PageContext(db, TODAY, edits))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_log_a_check_in_through_the_form(db: Database, edits: Edits, pane: ClientDetail, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    premium = ladder.tier_form(db, ids["Premium"], TODAY)
    ladder.update_tier(
        db, ids["Premium"], ladder.TierForm(**{**premium.__dict__, "check_in_every_days": 30}), TODAY
    )
    client = make_client(db, "Acme Dental", status="prospect", satisfaction=5)
    ledger.start_client(db, client, ids["Premium"], 10, dt.date(2028, 1, 30))
    schedule_check_ins(db, TODAY)
    before = account_signals(db, TODAY)[client]
    assert any(flag.code == "low_satisfaction" for flag in before.flags)

    pane.show_client(client)
    pane.show_tab("checkins")
    calls = pane.checkins
    assert calls.next_call.text() == "Next check-in call due Feb 29, 2028"
    assert pane.reviews.tabText(pane.reviews.currentIndex()) == "Calls"
    qtbot.mouseClick(calls.log_button, Qt.MouseButton.LeftButton)
    dialog = calls.dialog
    assert dialog is not None and dialog.isVisible()

    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)  # no purpose: refused beside it
    assert dialog.isVisible()
    assert dialog.findChild(QLabel, "error_purpose").text() == "Must not be empty"

    qtbot.keyClicks(dialog.purpose, "Walk through the backup report")
    dialog.note.setPlainText("Wants a restore drill before the audit")
    dialog.satisfaction.setValue(9)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert cells(calls.view, 1) == ["Walk through the backup report"]
    assert cells(calls.view, 2) == ["9/10"]
    assert calls.next_call.text() == "Next check-in call due Mar 30, 2028"  # Premium: 30 days on
    assert pane.reviews.tabText(pane.reviews.currentIndex()) == "Calls (1)"
    assert tasks_of(db, client, "check_in") == [
        (dt.date(2028, 2, 29), "Check-in call with Acme Dental", True),
        (dt.date(2028, 3, 30), "Check-in call with Acme Dental", False),
    ]
    assert pane.profile.satisfaction.text() == "9"
    after = account_signals(db, TODAY)[client]
    assert not any(flag.code == "low_satisfaction" for flag in after.flags)
    assert after.score == before.score + 20  # satisfaction 9 now counts (8 or more is good)

    edits.stack.undo()
    assert cells(calls.view, 1) == []
    with db.read() as conn:
        assert conn.execute(sa.select(CLIENT.c.satisfaction).where(CLIENT.c.id == client)).scalar() == 5


def test_the_checklist_edited_in_settings_is_what_a_new_onboarding_client_gets(
    db: Database, edits: Edits, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(PageContext(db, TODAY, edits))
    qtbot.addWidget(page)
    page.show()
    box = page.onboarding
    table = box.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())][0].startswith("Kickoff meeting")
    assert table.rowCount() == 5

    table.selectRow(2)  # "Security baseline" goes
    qtbot.mouseClick(box.buttons["remove"], Qt.MouseButton.LeftButton)
    table.selectRow(3)  # "First QBR" moves up, before the first check-in call
    qtbot.mouseClick(box.buttons["up"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.buttons["add"], Qt.MouseButton.LeftButton)
    table.item(4, 0).setText("Six-month review")
    offset = table.cellWidget(4, 1)
    assert isinstance(offset, QSpinBox)
    offset.setValue(180)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.status.text() == "Saved the onboarding template (5 steps)"

    client = make_client(db, "Birch Law", status="prospect")
    pane.show_client(client)
    qtbot.mouseClick(pane.step_button, Qt.MouseButton.LeftButton)  # Start onboarding
    assert [(due, title) for due, title, _done in tasks_of(db, client, "onboarding")] == [
        (dt.date(2028, 3, 2), "Kickoff meeting: goals, contacts and access"),
        (dt.date(2028, 3, 14), "Document the network, accounts and vendors"),
        (dt.date(2028, 3, 30), "First check-in call"),
        (dt.date(2028, 5, 29), "First QBR"),
        (dt.date(2028, 8, 27), "Six-month review"),
    ]
    assert "Onboarding: 0 of 5 done, 0 days in" in pane.facts.text()
    pane.show_tab("checkins")
    assert pane.checkins.onboarding.text() == "Onboarding: 0 of 5 done, 0 days in"


def test_the_tier_form_edits_the_cadences(db: Database, edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.ui.ladder.item_dialogs import TierDialog

    ids = make_ladder(db)
    dialog = TierDialog(db, edits, TODAY, ids["Growth"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.check_in_days.value(), dialog.qbr_days.value()) == (60, 90)
    dialog.check_in_days.setValue(45)
    dialog.qbr_days.setValue(120)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    form = ladder.tier_form(db, ids["Growth"], TODAY)
    assert (form.check_in_every_days, form.qbr_every_days) == (45, 120)
