"""A client's Growth tab: the next rung one click from the roadmap, review flags with their
actions, and the referral readiness factors."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.signals import account_signals
from msp_desk.store.database import Database
from msp_desk.ui.clients.detail import ClientDetail
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]
TODAY = dt.date(2026, 3, 14)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


@pytest.fixture
def shop(db: Database, qtbot) -> tuple[ClientDetail, Edits, int]:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental", satisfaction=3)  # unhappy: a review flag
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2025, 6, 1))
    edits = Edits(db)
    pane = ClientDetail(PageContext(db, TODAY, edits))
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    pane.show_client(client)
    pane.show_tab("growth")
    return pane, edits, client


def text_of(pane: ClientDetail, name: str) -> str:
    label = pane.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_the_next_rung_is_one_click_from_the_roadmap(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, edits, client = shop
    growth = pane.growth
    assert (
        text_of(pane, "suggest_tier_3") == "Growth: +$400.00 MRR ($1,750.00 a month)"
    )  # 10 seats x $175 vs $135
    assert text_of(pane, "signals_pending").startswith("Review flags and referral readiness are being")
    qtbot.mouseClick(growth.findChild(QPushButton, "propose_tier_3"), Qt.MouseButton.LeftButton)
    assert rows(db, "SELECT title, status, mrr_impact_cents FROM roadmap_item") == [
        ("Move up to Growth", "proposed", 40_000)
    ]
    assert text_of(pane, "growth_message") == "Proposed to Ōsaka Dental: Move up to Growth"
    edits.stack.undo()
    assert rows(db, "SELECT id FROM roadmap_item") == []


def test_review_flags_come_with_their_actions(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, _edits, client = shop
    pane.set_signals(account_signals(db, TODAY))
    growth = pane.growth
    assert text_of(pane, "flag_low_satisfaction").startswith("⚠ Low satisfaction: Satisfaction 3/10")
    assert pane.tabs.tabText(1) == "Growth ⚠1"
    qtbot.mouseClick(
        growth.findChild(QPushButton, "flag_low_satisfaction_plan_exit"), Qt.MouseButton.LeftButton
    )
    assert rows(db, "SELECT kind, due_on, client_id FROM task") == [("follow_up", "2026-03-28", client)]
    assert text_of(pane, "readiness_score").endswith("not yet")
    assert text_of(pane, "factor_satisfaction").startswith("✗ Satisfaction (0/20)")


def test_a_client_who_left_is_not_said_to_be_on_the_top_rung(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, edits, client = shop
    assert pane.growth.findChild(QLabel, "not_on_ladder") is None  # on Core: its next rung is shown
    edits.apply(lambda: ledger.churn(db, client, dt.date(2026, 2, 1), "moved to in-house IT"))
    assert text_of(pane, "not_on_ladder").startswith("Not on a tier of the ladder now")
    assert "top rung" not in " ".join(label.text() for label in pane.growth.findChildren(QLabel))
