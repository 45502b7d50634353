"""The rewards ledger on hand-built shops: the rule, pending rewards, update from the ledger
(earned only after the condition month), apply / pay / void, clawback, the "never lose a
referrer's credit" check and the referrer statement."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.referrals import Partner, Referral, Reward
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.facts import load_spend
from msp_desk.services.referrals import rewards
from msp_desk.services.referrals import rewards_ledger as reward_ledger
from msp_desk.services.shop.health import check
from msp_desk.services.shop.settings import save_settings
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

D = dt.date
RULE = rewards.RewardRule("service_credit", 25_000, "paid_months", 1, 6)
JAN_10 = D(2026, 1, 10)


def won(db: Database, company: str, referred: int | None, *, referrer: int | None = None, partner: int | None = None,
        won_on: dt.date = JAN_10, rule: rewards.RewardRule | None = RULE) -> int:  # fmt: skip
    """A referral won on ``won_on`` for ``referred``, with a pending reward on ``rule``."""
    with db.unit_of_work() as session:
        referral = Referral(
            company=company, referrer_client_id=referrer, referrer_partner_id=partner,
            received_on=won_on - dt.timedelta(days=20), stage="won", won_on=won_on, client_id=referred,
        )  # fmt: skip
        session.add(referral)
        session.flush()
        rewards.create_pending_reward(session, referral, rule)
        return referral.id  # type: ignore[return-value]


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Anchor Dental (a client since 2025) introduced Birch Law, started Jan 15, 2026."""
    ids = make_ladder(db)
    anchor = make_client(db, "Anchor Dental", channel="marketing")
    ledger.start_client(db, anchor, ids["Core"], 10, D(2025, 6, 1))
    birch = make_client(db, "Birch Law", channel="referral")
    ledger.start_client(db, birch, ids["Starter"], 4, D(2026, 1, 15))
    referral = won(db, "Birch Law", birch, referrer=anchor)
    return {**ids, "anchor": anchor, "birch": birch, "referral": referral, "reward": reward_id(db, referral)}


def reward_id(db: Database, referral_id: int) -> int:
    with db.read() as conn:
        return int(
            conn.execute(sa.text("SELECT id FROM reward WHERE referral_id = :r"), {"r": referral_id}).scalar()
        )


def reward(db: Database, rid: int) -> Reward:
    with db.unit_of_work() as session:
        return session.get(Reward, rid)  # type: ignore[return-value]


def test_the_rule_is_read_from_the_settings(db: Database) -> None:
    assert rewards.reward_rule(db) is None  # no settings row yet
    save_settings(db, reward_rule_json=RULE.to_json())
    assert rewards.reward_rule(db) == RULE
    with db.unit_of_work() as session:
        assert rewards.reward_rule(session) == RULE
    with db.read() as conn:
        assert rewards.reward_rule(conn) == RULE
    save_settings(db, reward_rule_json='{"kind": "cash", "amount_cents": -5}')  # not a valid rule
    assert rewards.reward_rule(db) is None
    save_settings(db, reward_rule_json="")
    assert rewards.reward_rule(db) is None
    with pytest.raises(ValidationError) as bad:
        rewards.check_rule(rewards.RewardRule("cash", 0))
    assert bad.value.field == "amount"
    with pytest.raises(ValidationError) as bad:
        rewards.check_rule(rewards.RewardRule("cash", 100, condition_n=0))
    assert bad.value.field == "condition_n"


def test_a_win_without_a_rule_is_an_explicit_no_reward(db: Database) -> None:
    client = make_client(db, "Cedar Ortho")
    referral_id = won(db, "Cedar Ortho", client, referrer=client, rule=None)
    with db.unit_of_work() as session:
        referral = session.get(Referral, referral_id)
        assert (referral.no_reward, referral.no_reward_reason) == (True, "No reward rule set")
    assert reward_ledger.unrewarded_wins(db) == []


def test_the_reward_turns_earned_only_after_the_condition_month(db: Database, shop: dict[str, int]) -> None:
    """Birch Law started Jan 15: January is not a full month, February is. On Feb 28 (the
    last day of that month) the reward is still pending; from Mar 1 it is earned, dated Mar 1,
    with a payout task for the referrer. Running the update again changes nothing."""
    assert rewards.update_rewards(db, D(2026, 2, 28)).message == "Rewards are up to date"
    assert reward(db, shop["reward"]).status == "pending"
    changes = rewards.update_rewards(db, D(2026, 3, 1))
    assert changes.message == "Rewards updated: 1 earned"
    assert changes.clients == {shop["anchor"], shop["birch"]}
    got = reward(db, shop["reward"])
    assert (got.status, got.earned_on) == ("earned", D(2026, 3, 1))
    with db.read() as conn:
        task = conn.execute(sa.text("SELECT kind, due_on, client_id, done FROM task WHERE reward_id = :r"),
                            {"r": shop["reward"]}).one()  # fmt: skip
    assert tuple(task) == ("reward_payout", "2026-03-01", shop["anchor"], 0)
    assert rewards.update_rewards(db, D(2026, 3, 9)).message == "Rewards are up to date"


def test_apply_the_credit_counts_as_referral_spend_and_undo_restores(
    db: Database, shop: dict[str, int]
) -> None:
    rewards.update_rewards(db, D(2026, 3, 2))
    with pytest.raises(ValidationError) as early:
        rewards.apply_reward(db, shop["reward"], D(2026, 2, 27))  # before it was earned
    assert early.value.field == "day"
    changes = rewards.apply_reward(db, shop["reward"], D(2026, 3, 5))
    assert changes.message == "Applied Anchor Dental's $250.00 reward for introducing Birch Law"
    assert changes.undoable
    got = reward(db, shop["reward"])
    assert (got.status, got.settled_on) == ("applied", D(2026, 3, 5))
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT done, done_on FROM task WHERE reward_id = :r"),
                            {"r": shop["reward"]}).one() == (1, "2026-03-05")  # fmt: skip
        assert [(f.channel, f.amount_cents) for f in load_spend(conn)] == [("referral", 25_000)]
    with pytest.raises(ValidationError) as twice:
        rewards.pay_reward(db, shop["reward"], D(2026, 3, 6))
    assert twice.value.field == "status"
    revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert reward(db, shop["reward"]).status == "earned"


def test_void_needs_a_reason(db: Database, shop: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as missing:
        rewards.void_reward(db, shop["reward"], D(2026, 2, 1), "  ")
    assert missing.value.field == "reason"
    assert reward(db, shop["reward"]).status == "pending"
    rewards.void_reward(db, shop["reward"], D(2026, 2, 1), "Anchor asked us to donate it instead")
    got = reward(db, shop["reward"])
    assert (got.status, got.voided_on, got.void_reason) == (
        "void",
        D(2026, 2, 1),
        "Anchor asked us to donate it instead",
    )
    assert rewards.update_rewards(db, D(2026, 4, 1)).message == "Rewards are up to date"  # void stays void


def test_a_churned_referrer_keeps_its_credit_paid_not_applied(db: Database, shop: dict[str, int]) -> None:
    """Anchor Dental leaves on Feb 10; Birch Law stays. The reward is still earned on Mar 1,
    cannot go on Anchor's (closed) account, and is paid instead."""
    ledger.churn(db, shop["anchor"], D(2026, 2, 10), "Moved to an in-house IT person")
    rewards.update_rewards(db, D(2026, 3, 1))
    assert reward(db, shop["reward"]).status == "earned"
    row = next(r for r in reward_ledger.rewards_ledger(db, D(2026, 3, 1)) if r.id == shop["reward"])
    assert not row.can_apply
    with pytest.raises(ValidationError) as refused:
        rewards.apply_reward(db, shop["reward"], D(2026, 3, 2))
    assert refused.value.field == "referrer"
    rewards.pay_reward(db, shop["reward"], D(2026, 3, 2))
    assert reward(db, shop["reward"]).status == "paid"


def test_the_referred_client_leaving_voids_or_claws_back(db: Database, shop: dict[str, int]) -> None:
    """Dell Clinic starts Jan 15 and leaves Feb 20: no full month paid, its reward is void
    from Feb 20. Birch Law's reward is paid on Mar 2, then Birch leaves Jun 1, inside the
    6-month window (Jan 15 - Jul 15): clawed back from Jun 1."""
    dell = make_client(db, "Dell Clinic", channel="referral")
    ledger.start_client(db, dell, shop["Starter"], 3, D(2026, 1, 15))
    dell_reward = reward_id(db, won(db, "Dell Clinic", dell, referrer=shop["anchor"]))
    ledger.churn(db, dell, D(2026, 2, 20), "Closed the practice")
    changes = rewards.update_rewards(db, D(2026, 3, 2))
    assert changes.message == "Rewards updated: 1 earned, 1 void"
    got = reward(db, dell_reward)
    assert (got.status, got.voided_on, got.void_reason) == (
        "void",
        D(2026, 2, 20),
        "referred client left before the condition",
    )
    rewards.pay_reward(db, shop["reward"], D(2026, 3, 2))
    ledger.churn(db, shop["birch"], D(2026, 6, 1), "Went with a bigger firm")
    assert rewards.update_rewards(db, D(2026, 6, 2)).message == "Rewards updated: 1 clawed back"
    got = reward(db, shop["reward"])
    assert (got.status, got.voided_on, got.settled_on) == ("clawed_back", D(2026, 6, 1), D(2026, 3, 2))
    with db.read() as conn:
        assert load_spend(conn) == ()  # a clawed-back reward is no longer spend


def test_unrewarded_wins_and_their_fixes(db: Database, shop: dict[str, int]) -> None:
    """Two wins recorded without a reward decision (as an import or an older version might):
    both are listed (the maintenance check agrees); one gets a reward, the other an explicit none."""
    with db.unit_of_work() as session:
        partner = Partner(name="Dana Reyes", company="Reyes CPA", kind="cpa")
        session.add(partner)
        session.flush()
        for company, won_on in (("Elm Dental", D(2026, 2, 1)), ("Fir Studio", D(2026, 2, 3))):
            session.add(Referral(company=company, referrer_partner_id=partner.id, received_on=D(2026, 1, 5),
                                 stage="won", won_on=won_on))  # fmt: skip
    wins = reward_ledger.unrewarded_wins(db)
    assert [(w.company, w.referrer, w.won_on) for w in wins] == [
        ("Elm Dental", "Dana Reyes (Reyes CPA)", D(2026, 2, 1)),
        ("Fir Studio", "Dana Reyes (Reyes CPA)", D(2026, 2, 3)),
    ]
    assert len([p for p in check(db) if "no reward row" in p.text]) == 2
    rewards.add_reward(db, wins[0].referral_id, rewards.RewardRule("cash", 10_000))
    with pytest.raises(ValidationError) as no_reason:
        rewards.set_no_reward(db, wins[1].referral_id, "")
    assert no_reason.value.field == "reason"
    rewards.set_no_reward(db, wins[1].referral_id, "Reciprocal partner: no fees")
    assert reward_ledger.unrewarded_wins(db) == []
    assert [p for p in check(db) if "no reward row" in p.text] == []
    with pytest.raises(ValidationError, match="already has its reward decided"):
        rewards.set_no_reward(db, wins[1].referral_id, "again")


def test_ledger_rows_and_the_referrer_statement(db: Database, shop: dict[str, int]) -> None:
    """Anchor introduced Birch Law (reward applied Mar 5: $250 settled) and Gale Farms (won
    Mar 20, not started: $100 pending for 10 days on Mar 30), and a lost referral."""
    rewards.update_rewards(db, D(2026, 3, 2))
    rewards.apply_reward(db, shop["reward"], D(2026, 3, 5))
    gale = make_client(db, "Gale Farms", channel="referral")
    won(db, "Gale Farms", gale, referrer=shop["anchor"], won_on=D(2026, 3, 20),
        rule=rewards.RewardRule("gift", 10_000, "weeks_completed", 1))  # fmt: skip
    with db.unit_of_work() as session:
        session.add(Referral(company="Hart Bakery", referrer_client_id=shop["anchor"], received_on=D(2026, 2, 2),
                             stage="lost", lost_reason="Went with their nephew"))  # fmt: skip
    rows = reward_ledger.rewards_ledger(db, D(2026, 3, 30))
    assert [(r.referred_company, r.status, r.condition, r.days_pending) for r in rows] == [
        ("Gale Farms", "pending", "after the first week", 10),
        ("Birch Law", "applied", "after 1 full month", None),
    ]
    birch = rows[1]
    assert (birch.referrer, birch.referred_client, birch.clawback) == (
        "Anchor Dental", "Birch Law", "clawed back if they leave within 6 months",
    )  # fmt: skip
    statement = reward_ledger.referrer_statement(db, client_id=shop["anchor"], today=D(2026, 3, 30))
    assert statement.referrer == "Anchor Dental"
    assert [
        (line.company, line.stage, line.reward.status if line.reward else None) for line in statement.lines
    ] == [
        ("Birch Law", "won", "applied"),
        ("Hart Bakery", "lost", None),
        ("Gale Farms", "won", "pending"),
    ]
    assert (statement.pending_cents, statement.earned_cents, statement.settled_cents) == (10_000, 0, 25_000)


def test_the_demo_ledger_is_already_up_to_date(db: Database) -> None:
    """The demo's rewards follow the same rules: updating them on the demo's day changes nothing;
    every won referral has a reward or an explicit none; several statuses show."""
    from msp_desk.demo.shops import build_demo

    today = D(2026, 11, 23)
    build_demo(db, "msp", today)
    assert rewards.update_rewards(db, today).message == "Rewards are up to date"
    assert reward_ledger.unrewarded_wins(db) == []
    rows = reward_ledger.rewards_ledger(db, today)
    assert {"pending", "earned", "applied", "paid", "clawed_back"} <= {r.status for r in rows}
    referrer = next(r for r in rows if r.referrer_partner_id is not None)
    statement = reward_ledger.referrer_statement(db, partner_id=referrer.referrer_partner_id, today=today)
    assert statement.lines and statement.referrer == referrer.referrer
