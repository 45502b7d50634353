"""From a won referral to the ladder: the board offers to start the new client, and the main
window opens it on the Clients page with its Start dialog (the ladder flow), MRR previewed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt

from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 20)


def test_a_won_referral_starts_on_the_ladder(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_ladder(db)
    save_settings(db, reward_rule_json=json.dumps({"kind": "service_credit", "amount_cents": 25_000}))
    bob = make_client(db, "Bob's Bakery", status="active")
    rp.add_referral(db, "Harbor Dental", TODAY - dt.timedelta(days=6), referrer_client_id=bob)
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_page("referrals")
    page = window.page("referrals")
    board = page.show_tab("pipeline").board  # type: ignore[attr-defined]
    (card,) = board.board["received"]
    assert not board.start_button.isVisible()
    board.select(card.id)
    board.move_to(card.id, "won")
    qtbot.mouseClick(board.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert board.start_button.isVisible()

    qtbot.mouseClick(board.start_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "clients"
    detail = window.clients.detail
    assert detail is not None and detail.name.text() == "Harbor Dental"
    dialog = detail.account.dialog
    assert dialog.action == "start" and dialog.isVisible()
    dialog.seats.setValue(8)
    dialog.update_preview()
    assert dialog.preview.text() == "MRR $0 → $760, +$760 new from Mar 20, 2026"  # 8 Starter seats at $95


def test_opening_referrals_turns_rewards_earned_when_the_ledger_meets_the_condition(  # type: ignore[no-untyped-def]
    db: Database, qtbot, tmp_path: Path
) -> None:
    """Birch Law started Jan 15: its first full month is February, so on Mar 20 Bob's reward is
    earned; opening the Referrals page brings the ledger up to date, and that is one undo step."""
    import sqlalchemy as sa

    from msp_desk.services.accounts import ledger

    ids = make_ladder(db)
    save_settings(db, reward_rule_json=json.dumps({"kind": "service_credit", "amount_cents": 25_000}))
    bob = make_client(db, "Bob's Bakery", status="active")
    rp.add_referral(db, "Birch Law", dt.date(2026, 1, 5), referrer_client_id=bob)
    (card,) = rp.pipeline_board(db, TODAY)["received"]  # type: ignore[index]
    rp.move_referral(db, card.id, "won", dt.date(2026, 1, 10))
    birch = next(c for c in rp.referral_cards(db, TODAY) if c.id == card.id).client_id
    ledger.start_client(db, birch, ids["Starter"], 4, dt.date(2026, 1, 15))
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()

    def status() -> str:
        with db.read() as conn:
            return conn.execute(sa.text("SELECT status FROM reward")).scalar_one()

    assert status() == "pending"
    window.show_page("referrals")
    assert status() == "earned"
    window.edits.stack.undo()
    assert status() == "pending"
