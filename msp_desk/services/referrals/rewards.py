"""The rewards ledger: the shop's reward rule, pending rewards for won referrals, moving them
along (earned, applied, paid, void, clawed back; rules in ``kpi.rewards``), and what the
ledger, the "never lose a referrer's credit" check and a referrer's statement show."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING, overload

from msp_desk import formatting as fmt
from msp_desk.domain.enums import (
    ClientStatus,
    ReferralStage,
    RewardStatus,
    TaskKind,
)
from msp_desk.errors import NotFound, ValidationError
from msp_desk.kpi import rewards as machine
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.kpis.facts import load_lines
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import rewards as queries
from msp_desk.store.queries.referrals.tasks import open_tasks
from msp_desk.store.queries.shop import settings_value

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

    from msp_desk.domain.referrals import Referral, Reward

NO_RULE_REASON = "No reward rule set"
HAS_ACCOUNT = frozenset({ClientStatus.ONBOARDING.value, ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value})


RewardRule = machine.RewardRule


def check_rule(rule: RewardRule) -> RewardRule:
    """``rule`` if every field is valid; else ValidationError naming the field (kind, amount,
    condition, condition_n, clawback_months)."""
    from msp_desk.domain.referrals import Reward, validate_reward

    validate_reward(Reward(referral_id=0, **asdict(rule)))
    if rule.amount_cents <= 0:
        raise ValidationError("amount", "a reward needs an amount greater than zero")
    return rule


def parse_rule(text: str) -> RewardRule | None:
    """The rule stored as JSON; None for "" (no rule) or a value that is not a valid rule."""
    try:
        rule = RewardRule.from_json(text)
        return None if rule is None else check_rule(rule)
    except ValidationError:
        return None


def reward_rule(session_or_conn: Session | Connection | Database) -> RewardRule | None:
    """The shop's reward rule, read through a Session, a Core Connection or a Database."""
    if isinstance(session_or_conn, Database):
        with session_or_conn.read() as conn:
            return reward_rule(conn)
    return parse_rule(settings_value(session_or_conn, "reward_rule_json") or "")


@overload
def create_pending_reward(session: Session, referral: Referral, rule: RewardRule) -> Reward: ...
@overload
def create_pending_reward(session: Session, referral: Referral, rule: None) -> None: ...
@overload
def create_pending_reward(session: Session, referral: Referral, rule: RewardRule | None) -> Reward | None: ...
def create_pending_reward(session: Session, referral: Referral, rule: RewardRule | None) -> Reward | None:
    """A pending reward for the won ``referral`` on ``rule`` (added to ``session``, returned);
    without a rule, the referral is marked "no reward" with the reason instead (returns None)."""
    from msp_desk.domain.referrals import Reward, validate_reward

    if rule is None:
        referral.no_reward = True
        referral.no_reward_reason = NO_RULE_REASON
        session.add(referral)
        return None
    reward = Reward(
        referral_id=referral.saved_id,
        referrer_client_id=referral.referrer_client_id,
        referrer_partner_id=referral.referrer_partner_id,
        status=RewardStatus.PENDING.value,
        **asdict(rule),
    )
    validate_reward(reward)
    session.add(reward)
    session.flush()
    return reward


# -- moving rewards along -------------------------------------------------------------------------


def _referred_client_id(session: Session, referral: Referral) -> int | None:
    if referral.client_id is not None:
        return referral.client_id
    assert referral.id is not None  # a saved referral
    return queries.first_client_referred(session, referral.id)


def _referral_of(session: Session, reward: Reward) -> Referral:
    """The referral a reward is for (the foreign key keeps it there)."""
    from msp_desk.domain.referrals import Referral

    referral = session.get(Referral, reward.referral_id)
    if referral is None:
        raise NotFound(f"no referral with id {reward.referral_id}")
    return referral


def _state(reward: Reward) -> machine.RewardState:
    return machine.RewardState(
        reward.status, reward.earned_on, reward.settled_on, reward.voided_on, reward.void_reason
    )


def _terms(reward: Reward) -> machine.RewardTerms:
    return machine.RewardTerms(reward.condition, reward.condition_n, reward.clawback_months)


def _referrer_name(session: Session, reward: Reward) -> str:
    from msp_desk.domain.clients import Client
    from msp_desk.domain.referrals import Partner

    if reward.referrer_client_id is not None:
        client = session.get(Client, reward.referrer_client_id)
        return client.name if client else "a client"
    partner = session.get(Partner, reward.referrer_partner_id) if reward.referrer_partner_id else None
    return partner.name if partner else "the referrer"


def _store(session: Session, reward: Reward, state: machine.RewardState, referral: Referral) -> None:
    """Write ``state`` on the row; open a payout task when it became earned, close it when settled."""
    from msp_desk.domain.referrals import validate_reward
    from msp_desk.domain.reviews import Task

    became = state.status if state.status != reward.status else None
    reward.status, reward.earned_on, reward.settled_on = state.status, state.earned_on, state.settled_on
    reward.voided_on, reward.void_reason = state.voided_on, state.void_reason
    validate_reward(reward)
    session.add(reward)
    payouts = open_tasks(session, reward_id=reward.id)
    if became == RewardStatus.EARNED.value and state.earned_on is not None and not payouts:
        title = f"Settle {_referrer_name(session, reward)}'s reward for introducing {referral.company}"
        session.add(
            Task(
                due_on=state.earned_on,  # the day it was earned: pay it now
                kind=TaskKind.REWARD_PAYOUT.value,
                title=title[:200],
                client_id=reward.referrer_client_id,
                partner_id=reward.referrer_partner_id,
                referral_id=referral.id,
                reward_id=reward.id,
            )
        )
    elif became is not None and became != RewardStatus.EARNED.value:
        for task in payouts:
            task.done, task.done_on = True, state.settled_on or state.voided_on
            session.add(task)


def _touched(session: Session, reward: Reward, referral: Referral) -> frozenset[int]:
    ids = {reward.referrer_client_id, _referred_client_id(session, referral)}
    return frozenset(i for i in ids if i is not None)


def update_rewards(db: Database, today: dt.date) -> Changes:
    """Advance every pending, earned, applied or paid reward by the rules on ``today``: earned
    once the condition is met, void if the referred client left first (or within the clawback
    window before it was settled), clawed back if it left within the window after. Idempotent."""
    moving = (RewardStatus.PENDING, RewardStatus.EARNED, RewardStatus.APPLIED, RewardStatus.PAID)
    counts: dict[str, int] = {}
    touched: set[int] = set()
    with db.unit_of_work() as session:
        for reward in queries.rewards_in(session, [s.value for s in moving]):
            referral = _referral_of(session, reward)
            referred = _referred_client_id(session, referral)
            lines = load_lines(session.connection(), referred) if referred is not None else ()
            state = _state(reward)
            new = machine.advance(state, _terms(reward), machine.service_history(lines, today), today)
            if new != state:
                counts[new.status] = counts.get(new.status, 0) + 1
                _store(session, reward, new, referral)
                touched |= _touched(session, reward, referral)
        if not counts:
            return recorded(session, Changes("Rewards are up to date"))
        said = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(counts.items()))
        return recorded(session, Changes(f"Rewards updated: {said}", frozenset(touched)))


def _settle(db: Database, reward_id: int, day: dt.date, how: str, reason: str = "") -> Changes:
    from msp_desk.domain.clients import Client
    from msp_desk.domain.referrals import Reward

    profile = shop_profile(db)
    with db.unit_of_work() as session:
        reward = session.get(Reward, reward_id)
        if reward is None:
            raise NotFound(f"no reward with id {reward_id}")
        referral = _referral_of(session, reward)
        state = _state(reward)
        try:
            if how == "apply":
                referrer = (
                    session.get(Client, reward.referrer_client_id) if reward.referrer_client_id else None
                )
                has_account = referrer is not None and referrer.status in HAS_ACCOUNT
                new = machine.apply_credit(state, day, reward.kind, has_account)
            elif how == "pay":
                new = machine.pay(state, day)
            else:
                new = machine.void(state, day, reason)
        except machine.RewardRefused as exc:
            raise ValidationError(exc.field, exc.reason) from None
        _store(session, reward, new, referral)
        amount = fmt.money(reward.amount_cents, profile.currency, profile.locale)
        who = _referrer_name(session, reward)
        verb = {"apply": "Applied", "pay": "Paid", "void": "Voided"}[how]
        message = f"{verb} {who}'s {amount} reward for introducing {referral.company}"
        return recorded(session, Changes(message, _touched(session, reward, referral)))


def apply_reward(db: Database, reward_id: int, day: dt.date) -> Changes:
    """An earned service credit goes on the referrer's account from ``day`` (refused for a
    referrer without an account: a partner, or a client that left; pay it instead)."""
    return _settle(db, reward_id, day, "apply")


def pay_reward(db: Database, reward_id: int, day: dt.date) -> Changes:
    """An earned reward is paid out (cash, gift, donation, or a credit paid instead) on ``day``."""
    return _settle(db, reward_id, day, "pay")


def void_reward(db: Database, reward_id: int, day: dt.date, reason: str) -> Changes:
    """A pending or earned reward will not be given; ``reason`` is required."""
    return _settle(db, reward_id, day, "void", reason)


def _won_without_reward(session: Session, referral_id: int) -> Referral:
    from msp_desk.domain.referrals import Referral

    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral with id {referral_id}")
    if referral.stage != ReferralStage.WON.value:
        raise ValidationError("referral", f"the referral of {referral.company} is not won")
    if queries.has_reward(session, referral_id) or referral.no_reward:
        raise ValidationError(
            "referral", f"the referral of {referral.company} already has its reward decided"
        )
    return referral


def add_reward(db: Database, referral_id: int, rule: RewardRule) -> Changes:
    """A pending reward on ``rule`` for a won referral that has none (the ledger's fix)."""
    check_rule(rule)
    with db.unit_of_work() as session:
        referral = _won_without_reward(session, referral_id)
        reward = create_pending_reward(session, referral, rule)
        message = f"Reward pending for introducing {referral.company}"
        return recorded(session, Changes(message, _touched(session, reward, referral)))


def set_no_reward(db: Database, referral_id: int, reason: str) -> Changes:
    """An explicit "no reward" for a won referral that has none, with the reason why."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("reason", "say why there is no reward")
    with db.unit_of_work() as session:
        referral = _won_without_reward(session, referral_id)
        referral.no_reward, referral.no_reward_reason = True, reason[:500]
        session.add(referral)
        ids = {referral.referrer_client_id, referral.client_id}
        message = f"No reward for introducing {referral.company}: {reason}"
        return recorded(session, Changes(message, frozenset(i for i in ids if i is not None)))
