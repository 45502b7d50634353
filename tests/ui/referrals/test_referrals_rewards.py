"""The rewards ledger driven like a user: update from the ledger, apply a credit and undo it,
void with a reason, the churned referrer's credit, the unrewarded-wins strip; the KPI strip."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from msp_desk.domain.referrals import Partner, Referral
from msp_desk.services.accounts import ledger
from msp_desk.services.referrals import rewards
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.kpi_strip import ReferralKpis
from msp_desk.ui.referrals.reason_dialog import RewardReasonDialog
from msp_desk.ui.referrals.reward_rule import RewardCreateDialog
from msp_desk.ui.referrals.rewards import STATUS_COLUMN, RewardsLedger

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]

D = dt.date
TODAY = D(2026, 3, 2)
RULE = rewards.RewardRule("service_credit", 25_000, "paid_months", 1, 6)


def won(db: Database, company: str, referred: int | None, referrer: int, won_on: dt.date) -> None:
    with db.unit_of_work() as session:
        referral = Referral(company=company, referrer_client_id=referrer, received_on=won_on, stage="won",
                            won_on=won_on, client_id=referred)  # fmt: skip
        session.add(referral)
        session.flush()
        rewards.create_pending_reward(session, referral, RULE)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Anchor Dental introduced Birch Law (started Jan 15: earns on Mar 1) and Cedar Ortho
    (started Feb 10: its first full month is March, so still pending on Mar 2)."""
    ids = make_ladder(db)
    anchor = make_client(db, "Anchor Dental", channel="marketing")
    ledger.start_client(db, anchor, ids["Core"], 10, D(2025, 6, 1))
    ids["anchor"] = anchor
    for name, start, won_on in (
        ("Birch Law", D(2026, 1, 15), D(2026, 1, 5)),
        ("Cedar Ortho", D(2026, 2, 10), D(2026, 2, 1)),
    ):
        ids[name] = make_client(db, name, channel="referral")
        ledger.start_client(db, ids[name], ids["Starter"], 4, start)
        won(db, name, ids[name], anchor, won_on)
    return ids


def ledger_on(db: Database, qtbot) -> RewardsLedger:  # type: ignore[no-untyped-def]
    widget = RewardsLedger(PageContext.open(db, TODAY))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def status_of(widget: RewardsLedger, company: str) -> str:
    for n, row in enumerate(widget.shown):
        if row.referred_company == company:
            return widget.model.index(n, STATUS_COLUMN).data()
    raise AssertionError(company)


def select(widget: RewardsLedger, company: str) -> None:
    widget.view.selectRow(next(n for n, r in enumerate(widget.shown) if r.referred_company == company))


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_update_then_apply_a_credit_and_undo(db: Database, shop: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = ledger_on(db, qtbot)
    assert (status_of(widget, "Birch Law"), status_of(widget, "Cedar Ortho")) == ("Pending", "Pending")
    assert not widget.strip.isVisible()
    click(qtbot, widget.update_button)
    assert widget.status.text() == "Rewards updated: 1 earned"
    assert (status_of(widget, "Birch Law"), status_of(widget, "Cedar Ortho")) == ("Earned", "Pending")

    select(widget, "Birch Law")
    assert widget.apply_button.isEnabled() and widget.pay_button.isEnabled()
    assert "Anchor Dental" in widget.statement_title.text()
    click(qtbot, widget.apply_button)
    assert status_of(widget, "Birch Law") == "Applied"
    assert widget.status.text() == "Applied Anchor Dental's $250.00 reward for introducing Birch Law"
    assert "settled $250.00" in widget.statement_title.text()  # the referrer's statement re-read
    assert not widget.apply_button.isEnabled()  # an applied reward cannot be applied again

    widget._edits.stack.undo()
    assert status_of(widget, "Birch Law") == "Earned"


def test_void_needs_a_reason(db: Database, shop: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = ledger_on(db, qtbot)
    select(widget, "Cedar Ortho")
    click(qtbot, widget.void_button)
    dialog = widget.dialog
    assert isinstance(dialog, RewardReasonDialog) and dialog.isVisible()
    click(qtbot, dialog.ok)
    error = dialog.findChild(QLabel, "error_reason")
    assert error.isVisibleTo(dialog) and error.text() == "Say why the reward is void"
    assert dialog.isVisible() and status_of(widget, "Cedar Ortho") == "Pending"  # nothing saved
    dialog.findChild(QLineEdit, "reason").setText("Cedar asked us to skip it")
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert status_of(widget, "Cedar Ortho") == "Void"
    assert not widget.void_button.isEnabled()
    widget.filter.setCurrentIndex(widget.filter.findData("open"))
    assert [r.referred_company for r in widget.shown] == ["Birch Law"]


def test_a_churned_referrer_is_paid_not_credited(db: Database, shop: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    ledger.churn(db, shop["anchor"], D(2026, 2, 20), "Sold the practice")
    rewards.update_rewards(db, TODAY)
    widget = ledger_on(db, qtbot)
    select(widget, "Birch Law")
    click(qtbot, widget.apply_button)
    form_error = widget.findChild(QLabel, "error_form")
    assert form_error.isVisibleTo(widget)
    assert "no account to credit" in form_error.text()
    assert status_of(widget, "Birch Law") == "Earned"
    click(qtbot, widget.pay_button)
    assert status_of(widget, "Birch Law") == "Paid"
    assert not form_error.isVisibleTo(widget)


def test_the_strip_lists_unrewarded_wins_and_fixes_them(db: Database, shop: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    with db.unit_of_work() as session:
        partner = Partner(name="Dana Reyes", company="Reyes CPA", kind="cpa")
        session.add(partner)
        session.flush()
        for company in ("Elm Dental", "Fir Studio"):
            session.add(Referral(company=company, referrer_partner_id=partner.id, received_on=D(2026, 2, 1),
                                 stage="won", won_on=D(2026, 2, 20)))  # fmt: skip
    widget = ledger_on(db, qtbot)
    assert widget.strip.isVisible()
    assert widget.win_list.count() == 2
    assert "Elm Dental — introduced by Dana Reyes (Reyes CPA)" in widget.win_list.item(0).text()

    click(qtbot, widget.no_reward_button)
    dialog = widget.dialog
    assert isinstance(dialog, RewardReasonDialog)
    dialog.findChild(QLineEdit, "reason").setText("Reciprocal partner: no fees")
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert widget.win_list.count() == 1 and "Fir Studio" in widget.win_list.item(0).text()

    click(qtbot, widget.create_button)
    create = widget.dialog
    assert isinstance(create, RewardCreateDialog)
    create.findChild(QLineEdit, "reward_amount").setText("abc")
    click(qtbot, create.ok)
    assert create.findChild(QLabel, "error_amount").isVisibleTo(create)
    create.findChild(QLineEdit, "reward_amount").setText("100.00")
    create.kind.setCurrentIndex(create.kind.findData("cash"))
    click(qtbot, create.ok)
    qtbot.waitUntil(lambda: not create.isVisible())
    assert not widget.strip.isVisible()
    assert status_of(widget, "Fir Studio") == "Pending"
    with db.read() as conn:
        assert conn.execute(
            sa.text("SELECT kind, amount_cents FROM reward WHERE status = 'pending' AND kind = 'cash'")
        ).one() == ("cash", 10_000)
    widget._edits.stack.undo()
    assert widget.strip.isVisible() and widget.win_list.count() == 1


def test_the_kpi_strip_on_the_demo(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.demo.shops import build_demo

    build_demo(db, "msp", D(2026, 11, 23))
    strip = ReferralKpis(PageContext.open(db, D(2026, 11, 23)))
    qtbot.addWidget(strip)
    strip.show()
    k = strip.figures
    assert k is not None and k.received_total > 0
    assert strip.findChild(QLabel, "kpi_conversion_value").text() == f"{round(k.conversion * 100)}%"
    assert "target 20%–50%" in strip.findChild(QLabel, "kpi_share_note").text()
    assert strip.findChild(QLabel, "kpi_cac_value").text().startswith("$")
    assert strip.sparkline.values == [n for _, n in k.received]
    ledger_widget = RewardsLedger(PageContext.open(db, D(2026, 11, 23)))
    qtbot.addWidget(ledger_widget)
    assert {"Pending", "Earned", "Applied", "Paid", "Clawed back"} <= {
        ledger_widget.model.index(n, STATUS_COLUMN).data() for n in range(ledger_widget.model.rowCount())
    }
