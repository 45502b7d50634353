"""The pipeline board, the referrals list and the partners panel driven as a user would: keyboard
moves through every stage to won (the new client, its referred-by link and a pending reward), a lost
move without a reason refused with a message, undo of a won move, a drop, and the partners'
Touch and Sent-a-referral buttons."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from factories import make_client
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from msp_desk.services.referrals import partners
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits
from msp_desk.ui.referrals.board import MIME, PipelineBoard
from msp_desk.ui.referrals.partners import PartnersPanel
from msp_desk.ui.referrals.pipeline_list import ReferralsList

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 3, 20)
RULE = {"kind": "service_credit", "amount_cents": 25_000, "condition": "paid_months", "condition_n": 1}


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql))]


def referral(db: Database, company: str = "Harbor Dental", **fields: object) -> int:
    bob = make_client(db, "Bob's Bakery", status="active")
    changes = rp.add_referral(
        db,
        company,
        TODAY - dt.timedelta(days=6),
        referrer_client_id=bob,
        expected_mrr_cents=120_000,
        **fields,
    )  # type: ignore[arg-type]
    assert changes.journal is not None
    return next(r.row_id for r in changes.journal.rows if r.table == "referral")


def board_of(qtbot, db: Database) -> tuple[PipelineBoard, Edits]:  # type: ignore[no-untyped-def]
    edits = Edits(db)
    board = PipelineBoard(PageContext(db, TODAY, edits))
    qtbot.addWidget(board)
    board.resize(1100, 700)
    board.show()
    return board, edits


def ctrl(qtbot, board: PipelineBoard, rid: int, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(board.card_widget(rid), key, Qt.KeyboardModifier.ControlModifier)


def test_keyboard_moves_through_every_stage_to_won_make_the_client_and_a_pending_reward(
    qtbot, db: Database
) -> None:  # type: ignore[no-untyped-def]
    """Received six days ago from Bob's Bakery; Ctrl+Right three times walks it to proposal (each
    move saved today), Ctrl+Left steps back, Ctrl+Right again, then Ctrl+Right from proposal asks to
    confirm won: the shop's rule ($250 service credit after one paid month) becomes Bob's pending
    reward and Harbor Dental an onboarding referral client linked to the referral."""
    save_settings(db, reward_rule_json=json.dumps(RULE))
    rid = referral(db, follow_up_on=TODAY - dt.timedelta(days=2))
    board, edits = board_of(qtbot, db)
    card = board.card_widget(rid)
    assert "overdue" in card.findChild(type(board.status), "card_follow_up").text()
    assert card.property("overdue") is True
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    for stage in ("contacted", "meeting", "proposal"):
        ctrl(qtbot, board, rid, Qt.Key.Key_Right)
        assert board.stage_of(rid) == stage
        assert board.selected_id == rid
    ctrl(qtbot, board, rid, Qt.Key.Key_Left)
    assert board.stage_of(rid) == "meeting"
    ctrl(qtbot, board, rid, Qt.Key.Key_Right)
    ctrl(qtbot, board, rid, Qt.Key.Key_Right)
    dialog = board.dialog
    assert dialog is not None and dialog.objectName() == "referral_won_dialog"
    assert "$250.00 service credit" in dialog.summary.text()
    assert board.stage_of(rid) == "proposal"  # nothing saved before the confirmation
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert board.stage_of(rid) == "won"
    assert "Won Harbor Dental" in board.status.text() and "pending reward" in board.status.text()
    [(cid, status, channel, link)] = rows(
        db, "SELECT id, status, channel, referred_by_referral_id FROM client WHERE name = 'Harbor Dental'"
    )
    assert (status, channel, link) == ("onboarding", "referral", rid)
    assert rows(db, "SELECT status, amount_cents FROM reward") == [("pending", 25_000)]
    assert board.card(rid).client_name == "Harbor Dental"  # type: ignore[union-attr]
    assert cid
    # Undo of the won move takes the client and the reward away again.
    edits.stack.undo()
    assert rows(db, "SELECT id FROM client WHERE name = 'Harbor Dental'") == []
    assert rows(db, "SELECT id FROM reward") == []
    assert board.stage_of(rid) == "proposal"


def test_lost_without_a_reason_is_refused_with_a_message(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    rid = referral(db)
    board, _edits = board_of(qtbot, db)
    board.select(rid)
    board.lost_action.trigger()
    dialog = board.dialog
    assert dialog is not None and dialog.objectName() == "referral_lost_dialog"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(board.status), "error_lost_reason")
    assert error.isVisible() and "say why" in error.text().lower()
    assert rows(db, "SELECT stage, lost_reason FROM referral") == [("received", "")]
    dialog.reason.setText("Chose a cheaper shop")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert rows(db, "SELECT stage, lost_reason FROM referral") == [("lost", "Chose a cheaper shop")]
    assert board.stage_of(rid) == "lost"
    ctrl(qtbot, board, rid, Qt.Key.Key_Right)
    assert board.error.isVisible() and "cannot move" in board.error.text()


def test_a_card_dropped_on_a_column_moves_there(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    rid = referral(db)
    board, _edits = board_of(qtbot, db)
    data = QMimeData()
    data.setData(MIME, str(rid).encode())
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board.columns["meeting"].dropEvent(drop)
    assert board.stage_of(rid) == "meeting"
    assert rows(db, "SELECT stage FROM referral") == [("meeting",)]


def test_the_list_filters_by_stage_and_text(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    rid = referral(db)
    rp.add_referral(db, "Ridge Law", TODAY, referrer_client_id=1)
    edits = Edits(db)
    listing = ReferralsList(PageContext(db, TODAY, edits))
    qtbot.addWidget(listing)
    assert listing.proxy.rowCount() == 2
    listing.search.setText("ridge")
    assert listing.proxy.rowCount() == 1
    listing.search.clear()
    edits.apply(lambda: rp.move_referral(db, rid, "contacted", TODAY))
    listing.stage.setCurrentIndex(listing.stage.findData("contacted"))
    assert listing.proxy.rowCount() == 1
    assert listing.proxy.index(0, 0).data() == "Harbor Dental"


def test_the_partners_panel_touches_and_records_a_referral_sent(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    partners.add_partner(db, "Pat Kim", "cpa", company="Kim & Co CPAs")
    edits = Edits(db)
    panel = PartnersPanel(PageContext(db, TODAY, edits))
    qtbot.addWidget(panel)
    panel.show()
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.touch_button, Qt.MouseButton.LeftButton)
    panel.dialog.days.setValue(14)  # type: ignore[union-attr]
    qtbot.mouseClick(panel.dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert rows(db, "SELECT last_touch FROM partner") == [("2026-03-20",)]
    assert "Apr 3, 2026" in panel.detail.text()  # the next touch: 14 days after Mar 20
    qtbot.mouseClick(panel.sent_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert panel.dialog.isVisible()  # type: ignore[union-attr]
    assert panel.dialog.errors.labels["company"].isVisible()  # type: ignore[union-attr]
    panel.dialog.company.setText("Bob's Bakery")  # type: ignore[union-attr]
    qtbot.mouseClick(panel.dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert rows(db, "SELECT company, sent_on FROM reciprocal_referral") == [("Bob's Bakery", "2026-03-20")]
    assert panel.model.index(0, 6).data() == "1"


def test_an_empty_board_says_what_it_is_for_and_fills_from_its_button(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    board, edits = board_of(qtbot, db)
    assert board.empty.isVisible() and not board.stages.isVisible()
    assert board.empty.heading.text() == "No referrals yet"
    assert not board.move_button.isEnabled()
    qtbot.mouseClick(board.findChild(QPushButton, "add_first_referral"), Qt.MouseButton.LeftButton)
    dialog = board.dialog
    assert dialog is not None and dialog.objectName() == "referral_new_dialog"
    dialog.reject()

    referral(db)
    board.refresh()
    assert board.stages.isVisible()
    assert not board.empty.isVisible() and board.move_button.isEnabled()
