"""The referral pipeline: a referrer is required, every stage move (forward, one step back, won,
lost), lost needs a reason, won makes the client with its referred-by link, channel and a pending
reward (or an explicit "no reward" without a rule), nothing moves out of won or lost, undo, and
the board's read model."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from factories import make_client

from msp_desk.domain.clients import Contact
from msp_desk.domain.referrals import Partner
from msp_desk.domain.reviews import Task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.shop.settings import save_settings
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

DAY = dt.date(2026, 3, 2)
RULE = {"kind": "service_credit", "amount_cents": 25_000, "condition": "paid_months", "condition_n": 1}


def rows(db: Database, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql), params)]


def add(db: Database, **fields: object) -> int:
    fields.setdefault("expected_mrr_cents", 120_000)
    changes = rp.add_referral(db, fields.pop("company", "Harbor Dental"), DAY, **fields)  # type: ignore[arg-type]
    assert changes.journal is not None
    return next(r.row_id for r in changes.journal.rows if r.table == "referral")


def partner(db: Database, name: str = "Pat Kim") -> int:
    with db.unit_of_work() as session:
        row = Partner(name=name, kind="cpa", company="Kim & Co CPAs")
        session.add(row)
        session.flush()
        return row.id  # type: ignore[return-value]


def test_a_referral_needs_a_referrer(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        rp.add_referral(db, "Harbor Dental", DAY)
    assert err.value.field == "referrer"
    assert rows(db, "SELECT id FROM referral") == []


def test_a_contact_fills_in_its_client_as_the_referrer(db: Database) -> None:
    bob = make_client(db, "Bob's Bakery", status="active")
    with db.unit_of_work() as session:
        contact = Contact(client_id=bob, name="Bob Lee")
        session.add(contact)
        session.flush()
        contact_id = contact.id
    rid = add(db, referrer_contact_id=contact_id, follow_up_on=DAY + dt.timedelta(days=1))
    assert rows(
        db, "SELECT referrer_client_id, stage, stage_changed_on FROM referral WHERE id=:i", i=rid
    ) == [(bob, "received", "2026-03-02")]
    card = rp.referral_cards(db, DAY + dt.timedelta(days=5))[0]
    # Received Mar 2, seen Mar 7: five days in stage; the follow-up due Mar 3 is overdue.
    assert (card.referrer, card.days_in_stage, card.next_follow_up, card.overdue) == (
        "Bob Lee (Bob's Bakery)",
        5,
        dt.date(2026, 3, 3),
        True,
    )


def test_every_open_stage_move_and_one_step_back(db: Database) -> None:
    bob = make_client(db, "Bob's Bakery", status="active")
    rid = add(db, referrer_client_id=bob)
    for n, stage in enumerate(("contacted", "meeting", "proposal", "meeting"), start=1):
        rp.move_referral(db, rid, stage, DAY + dt.timedelta(days=n))
        assert rows(db, "SELECT stage, stage_changed_on FROM referral") == [
            (stage, (DAY + dt.timedelta(days=n)).isoformat())
        ]
    with pytest.raises(ValidationError, match="back one step only") as err:
        rp.move_referral(db, rid, "received", DAY + dt.timedelta(days=9))
    assert err.value.field == "stage"
    with pytest.raises(ValidationError, match="already at meeting"):
        rp.move_referral(db, rid, "meeting", DAY + dt.timedelta(days=9))
    with pytest.raises(NotFound):
        rp.move_referral(db, 999, "meeting", DAY)


def test_lost_needs_a_reason_and_is_final(db: Database) -> None:
    bob = make_client(db, "Bob's Bakery", status="active")
    rid = add(db, referrer_client_id=bob, follow_up_on=DAY)
    with pytest.raises(ValidationError) as err:
        rp.move_referral(db, rid, "lost", DAY, lost_reason="  ")
    assert err.value.field == "lost_reason"
    assert rows(db, "SELECT stage FROM referral") == [("received",)]
    rp.move_referral(db, rid, "lost", DAY, lost_reason="Went with their nephew")
    assert rows(db, "SELECT stage, lost_reason FROM referral") == [("lost", "Went with their nephew")]
    assert rows(db, "SELECT done, done_on FROM task") == [(1, "2026-03-02")]  # the follow-up closed
    with pytest.raises(ValidationError, match="cannot move any more"):
        rp.move_referral(db, rid, "contacted", DAY)


def test_won_makes_the_client_with_its_link_channel_and_a_pending_reward(db: Database) -> None:
    save_settings(db, reward_rule_json=json.dumps({**RULE, "clawback_months": 6}))
    bob = make_client(db, "Bob's Bakery", status="active")
    rid = add(db, referrer_client_id=bob, contact_name="Ana Ruiz", contact_email="ana@harbor.example")
    changes = rp.move_referral(db, rid, "won", DAY + dt.timedelta(days=20))
    assert "pending reward" in changes.message
    [(cid, name, status, channel, link)] = rows(
        db, "SELECT id, name, status, channel, referred_by_referral_id FROM client WHERE id != :b", b=bob
    )
    assert (name, status, channel, link) == ("Harbor Dental", "onboarding", "referral", rid)
    assert rows(db, "SELECT stage, client_id, won_on, no_reward FROM referral") == [
        ("won", cid, "2026-03-22", 0)
    ]
    assert rows(
        db,
        "SELECT referrer_client_id, kind, amount_cents, condition, condition_n, clawback_months, status FROM reward",
    ) == [(bob, "service_credit", 25_000, "paid_months", 1, 6, "pending")]
    assert rows(db, "SELECT name, email, decision_maker FROM contact WHERE client_id=:c", c=cid) == [
        ("Ana Ruiz", "ana@harbor.example", 1)
    ]
    assert len(rows(db, "SELECT id FROM task WHERE client_id=:c AND kind='onboarding'", c=cid)) == 5
    assert changes.clients >= {bob, cid}
    with pytest.raises(ValidationError, match="cannot move any more"):
        rp.move_referral(db, rid, "proposal", DAY + dt.timedelta(days=21))


def test_won_from_a_partner_without_a_rule_is_an_explicit_no_reward(db: Database) -> None:
    pid = partner(db)
    rid = add(db, referrer_partner_id=pid)
    changes = rp.move_referral(db, rid, "won", DAY)
    assert "no reward" in changes.message
    assert rows(db, "SELECT channel FROM client") == [("partner",)]
    assert rows(db, "SELECT no_reward, no_reward_reason FROM referral") == [(1, "No reward rule set")]
    assert rows(db, "SELECT id FROM reward") == []


def test_won_is_refused_when_a_client_has_the_name(db: Database) -> None:
    bob = make_client(db, "Bob's Bakery", status="active")
    make_client(db, "harbor dental")
    rid = add(db, referrer_client_id=bob)
    with pytest.raises(ValidationError) as err:
        rp.move_referral(db, rid, "won", DAY)
    assert err.value.field == "company"
    assert rows(db, "SELECT stage, client_id FROM referral") == [("received", None)]


def test_undo_of_a_won_move_removes_the_client_and_the_reward(db: Database) -> None:
    save_settings(db, reward_rule_json=json.dumps(RULE))
    bob = make_client(db, "Bob's Bakery", status="active")
    rid = add(db, referrer_client_id=bob, contact_name="Ana Ruiz", follow_up_on=DAY)
    changes = rp.move_referral(db, rid, "won", DAY)
    assert changes.journal is not None
    revert(db, changes.journal, "Undone")
    assert rows(db, "SELECT name FROM client") == [("Bob's Bakery",)]
    assert rows(db, "SELECT id FROM reward") == []
    assert rows(db, "SELECT stage, client_id, won_on FROM referral") == [("received", None, None)]
    assert rows(db, "SELECT done FROM task") == [(0,)]


def test_the_board_has_every_stage_and_the_demo_fills_it(db: Database) -> None:
    from msp_desk.demo.shops import build_demo

    today = dt.date(2026, 11, 23)
    build_demo(db, "msp", today)
    board = rp.pipeline_board(db, today)
    assert list(board) == ["received", "contacted", "meeting", "proposal", "won", "lost"]
    assert all(board[stage] for stage in board)
    assert all(card.referrer for cards in board.values() for card in cards)
    assert all(card.client_name for card in board["won"])
    assert all(card.lost_reason for card in board["lost"])
    with db.read() as conn:
        follow_ups = conn.execute(
            sa.select(sa.func.count()).where(Task.__table__.c.referral_id.is_not(None))  # type: ignore[attr-defined]
        ).scalar_one()
    assert follow_ups and any(card.next_follow_up for card in board["received"])
