"""The reward state machine (``kpi.rewards``): full months, weeks, clawback windows, every
transition and the ones refused."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.domain.enums import RewardCondition, RewardKind, RewardStatus
from msp_desk.domain.values import Month
from msp_desk.kpi import rewards as m
from msp_desk.kpi.inputs import LineFact

D = dt.date
MONTHS = m.RewardTerms(m.PAID_MONTHS, 1)
PENDING = m.RewardState()


def served(start: dt.date, last_day: dt.date | None, on: dt.date) -> m.ServiceHistory:
    """A referred client served from ``start`` to ``last_day`` (inclusive), seen on ``on``."""
    return m.service_history([LineFact(1, start, last_day, 50_000)], on)


def test_the_words_match_the_domain_enums() -> None:
    assert set(m.TRANSITIONS) == {s.value for s in RewardStatus}
    assert {m.PAID_MONTHS, m.WEEKS_COMPLETED} == {c.value for c in RewardCondition}
    assert m.SERVICE_CREDIT in {k.value for k in RewardKind}


def test_service_history_from_lines() -> None:
    """Started Jan 15, churned effective Apr 1 (last line ends Mar 31): seen on Apr 10 it left
    on Apr 1 with MRR at the Jan, Feb and Mar month ends; seen on Mar 20 it has not left."""
    history = served(D(2026, 1, 15), D(2026, 3, 31), D(2026, 4, 10))
    assert history.start == D(2026, 1, 15)
    assert history.left_on == D(2026, 4, 1)
    jan = Month(2026, 1).index
    assert [history.month_end_mrr.get(jan + i, 0) for i in range(4)] == [50_000, 50_000, 50_000, 0]
    assert served(D(2026, 1, 15), D(2026, 3, 31), D(2026, 3, 20)).left_on is None
    assert m.service_history([], D(2026, 3, 1)) == m.ServiceHistory()
    zero = [LineFact(1, D(2026, 1, 1), None, 0)]  # a 100% discount is not service
    assert m.service_history(zero, D(2026, 3, 1)).start is None


def test_paid_month_is_earned_the_day_after_the_first_full_month_ends() -> None:
    """Started Jan 15: January is not full (not served on the 1st), February is: met on Mar 1,
    not on Feb 28 (the month is still being served). Started Jan 1: January counts, Feb 1."""
    mid = D(2026, 1, 15)
    assert m.condition_met_on(MONTHS, served(mid, None, D(2026, 2, 28)), D(2026, 2, 28)) is None
    assert m.condition_met_on(MONTHS, served(mid, None, D(2026, 3, 1)), D(2026, 3, 1)) == D(2026, 3, 1)
    first = D(2026, 1, 1)
    assert m.condition_met_on(MONTHS, served(first, None, D(2026, 1, 31)), D(2026, 1, 31)) is None
    assert m.condition_met_on(MONTHS, served(first, None, D(2026, 2, 1)), D(2026, 2, 1)) == D(2026, 2, 1)
    later = m.advance(PENDING, MONTHS, served(mid, None, D(2026, 5, 9)), D(2026, 5, 9))
    assert (later.status, later.earned_on) == ("earned", D(2026, 3, 1))  # the day it was met


def test_three_full_months_and_a_gap_month_that_does_not_count() -> None:
    """N = 3, started Jan 15: Feb, Mar, Apr -> May 1. With MRR 0 at the end of March (a pause)
    March does not count and neither does April (not served on Apr 1): Feb, May, Jun -> Jul 1."""
    terms = m.RewardTerms(m.PAID_MONTHS, 3)
    assert m.condition_met_on(terms, served(D(2026, 1, 15), None, D(2026, 5, 1)), D(2026, 5, 1)) == D(
        2026, 5, 1
    )
    jan = Month(2026, 1).index
    mrr = {jan + i: v for i, v in enumerate([100, 100, 0, 100, 100, 100, 100])}
    paused = m.ServiceHistory(D(2026, 1, 15), mrr, None)
    assert [str(x) for x in m.full_months(paused, D(2026, 7, 1))] == ["2026-02", "2026-05", "2026-06"]
    assert m.condition_met_on(terms, paused, D(2026, 6, 30)) is None
    assert m.condition_met_on(terms, paused, D(2026, 7, 1)) == D(2026, 7, 1)


def test_weeks_completed() -> None:
    """Seed 004: "starts and completes their first week". Started Mon Jan 5: met Mon Jan 12;
    leaving on Jan 10 voids it, leaving on Jan 12 (the week done) does not."""
    week = m.RewardTerms(m.WEEKS_COMPLETED, 1)
    start = D(2026, 1, 5)
    assert m.condition_met_on(week, served(start, None, D(2026, 1, 11)), D(2026, 1, 11)) is None
    assert m.advance(PENDING, week, served(start, None, D(2026, 1, 12)), D(2026, 1, 12)).earned_on == D(
        2026, 1, 12
    )
    left_early = m.advance(PENDING, week, served(start, D(2026, 1, 9), D(2026, 1, 20)), D(2026, 1, 20))
    assert (left_early.status, left_early.voided_on, left_early.void_reason) == (
        "void",
        D(2026, 1, 10),
        m.LEFT_BEFORE,
    )
    stayed = m.advance(PENDING, week, served(start, D(2026, 1, 11), D(2026, 1, 20)), D(2026, 1, 20))
    assert stayed.status == "earned"
    two = m.RewardTerms(m.WEEKS_COMPLETED, 2)
    assert m.condition_met_on(two, served(start, None, D(2026, 1, 19)), D(2026, 1, 19)) == D(2026, 1, 19)


def test_pending_is_void_when_the_referred_client_leaves_before_the_condition() -> None:
    """Started Jan 15, left Feb 20 (lines end Feb 19): February's month end has no MRR, so no
    full month was paid; on Mar 1 the reward is void from Feb 20. Before that it stays pending."""
    history = served(D(2026, 1, 15), D(2026, 2, 19), D(2026, 3, 1))
    state = m.advance(PENDING, MONTHS, history, D(2026, 3, 1))
    assert (state.status, state.voided_on, state.void_reason) == ("void", D(2026, 2, 20), m.LEFT_BEFORE)
    assert m.advance(PENDING, MONTHS, served(D(2026, 1, 15), None, D(2026, 2, 19)), D(2026, 2, 19)) == PENDING
    assert m.advance(state, MONTHS, history, D(2026, 3, 1)) == state  # idempotent


def test_clawback_window_edges() -> None:
    """Started Jan 15, window 6 months: it ends Jul 15. Leaving on Jul 14 (last day served
    Jul 13) is within it: the paid reward is clawed back; leaving on Jul 15 is not."""
    terms = m.RewardTerms(m.PAID_MONTHS, 1, 6)
    start = D(2026, 1, 15)
    assert m.clawback_ends(terms, served(start, None, D(2026, 3, 1))) == D(2026, 7, 15)
    paid = m.RewardState("paid", D(2026, 3, 1), D(2026, 4, 1))
    inside = m.advance(paid, terms, served(start, D(2026, 7, 13), D(2026, 8, 1)), D(2026, 8, 1))
    assert (inside.status, inside.voided_on) == ("clawed_back", D(2026, 7, 14))
    assert inside.void_reason == "referred client left within the 6-month clawback window"
    assert inside.settled_on == D(2026, 4, 1)  # the history of what was handed over is kept
    outside = m.advance(paid, terms, served(start, D(2026, 7, 14), D(2026, 8, 1)), D(2026, 8, 1))
    assert outside == paid
    applied = m.RewardState("applied", D(2026, 3, 1), D(2026, 4, 1))
    assert (
        m.advance(applied, terms, served(start, D(2026, 5, 31), D(2026, 6, 5)), D(2026, 6, 5)).status
        == "clawed_back"
    )
    no_window = m.RewardTerms(m.PAID_MONTHS, 1, None)
    assert m.advance(paid, no_window, served(start, D(2026, 5, 31), D(2026, 6, 5)), D(2026, 6, 5)) == paid


def test_earned_but_not_settled_is_void_when_the_client_leaves_in_the_window() -> None:
    """Earned Mar 1, the client leaves Mar 10 inside a 6-month window: nothing was handed over,
    so the reward is void (not clawed back) from Mar 10."""
    terms = m.RewardTerms(m.PAID_MONTHS, 1, 6)
    history = served(D(2026, 1, 15), D(2026, 3, 9), D(2026, 3, 20))
    state = m.advance(PENDING, terms, history, D(2026, 3, 20))  # earned on Mar 1, then void
    assert (state.status, state.earned_on, state.voided_on) == ("void", D(2026, 3, 1), D(2026, 3, 10))
    assert "clawback window" in state.void_reason


def test_manual_transitions() -> None:
    earned = m.earn(PENDING, D(2026, 3, 1))
    applied = m.apply_credit(earned, D(2026, 4, 1), "service_credit", True)
    assert (applied.status, applied.settled_on) == ("applied", D(2026, 4, 1))
    paid = m.pay(earned, D(2026, 4, 2))
    assert (paid.status, paid.settled_on) == ("paid", D(2026, 4, 2))
    assert m.pay(m.earn(PENDING, D(2026, 3, 1)), D(2026, 3, 5)).status == "paid"
    voided = m.void(earned, D(2026, 3, 3), "  Referrer asked us   to skip it ")
    assert (voided.status, voided.void_reason) == ("void", "Referrer asked us to skip it")
    assert m.void(PENDING, D(2026, 2, 1), "Duplicate").status == "void"
    assert m.claw_back(paid, D(2026, 5, 1), "left").status == "clawed_back"


@pytest.mark.parametrize(
    ("state", "move", "field"),
    [
        (PENDING, lambda s: m.apply_credit(s, D(2026, 4, 1), "service_credit", True), "status"),
        (PENDING, lambda s: m.pay(s, D(2026, 4, 1)), "status"),
        (PENDING, lambda s: m.void(s, D(2026, 4, 1), "   "), "reason"),
        (PENDING, lambda s: m.claw_back(s, D(2026, 4, 1), "left"), "status"),
        (m.RewardState("earned", D(2026, 3, 1)), lambda s: m.earn(s, D(2026, 3, 2)), "status"),
        (m.RewardState("earned", D(2026, 3, 1)), lambda s: m.claw_back(s, D(2026, 3, 2), "x"), "status"),
        (m.RewardState("earned", D(2026, 3, 1)), lambda s: m.pay(s, D(2026, 2, 28)), "day"),
        (
            m.RewardState("earned", D(2026, 3, 1)),
            lambda s: m.apply_credit(s, D(2026, 4, 1), "cash", True),
            "kind",
        ),
        (m.RewardState("applied", D(2026, 3, 1), D(2026, 4, 1)), lambda s: m.pay(s, D(2026, 4, 2)), "status"),
        (
            m.RewardState("applied", D(2026, 3, 1), D(2026, 4, 1)),
            lambda s: m.void(s, D(2026, 4, 2), "x"),
            "status",
        ),
        (
            m.RewardState("paid", D(2026, 3, 1), D(2026, 4, 1)),
            lambda s: m.void(s, D(2026, 4, 2), "x"),
            "status",
        ),
        (
            m.RewardState("void", voided_on=D(2026, 3, 1), void_reason="x"),
            lambda s: m.earn(s, D(2026, 4, 1)),
            "status",
        ),
        (m.RewardState("clawed_back", voided_on=D(2026, 3, 1)), lambda s: m.pay(s, D(2026, 4, 1)), "status"),
    ],
)
def test_every_other_transition_is_refused(state, move, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(m.RewardRefused) as refused:
        move(state)
    assert refused.value.field == field
    assert isinstance(refused.value, ValueError)


def test_a_churned_referrer_keeps_its_credit_but_it_is_paid_not_applied() -> None:
    """The referrer's own churn does not enter the rules: the reward is earned as usual. A
    service credit needs an account to go on, so applying it is refused; paying it is not."""
    earned = m.advance(PENDING, MONTHS, served(D(2026, 1, 15), None, D(2026, 3, 2)), D(2026, 3, 2))
    assert earned.status == "earned"
    with pytest.raises(m.RewardRefused, match="no account to credit") as refused:
        m.apply_credit(earned, D(2026, 3, 5), "service_credit", referrer_has_account=False)
    assert refused.value.field == "referrer"
    assert m.pay(earned, D(2026, 3, 5)).status == "paid"


def test_a_referred_client_not_started_keeps_the_reward_pending() -> None:
    assert m.advance(PENDING, MONTHS, m.ServiceHistory(), D(2027, 1, 1)) == PENDING


def test_terms_and_rule_read_as_words_and_json() -> None:
    assert m.RewardTerms(m.PAID_MONTHS, 1).text() == "after 1 full month"
    assert m.RewardTerms(m.PAID_MONTHS, 3).text() == "after 3 full months"
    assert m.RewardTerms(m.WEEKS_COMPLETED, 1).text() == "after the first week"
    assert m.RewardTerms(m.WEEKS_COMPLETED, 2).text() == "after 2 weeks"
    assert m.RewardTerms(clawback_months=6).clawback_text() == "clawed back if they leave within 6 months"
    assert m.RewardTerms().clawback_text() == ""
    rule = m.RewardRule("cash", 25_000, m.WEEKS_COMPLETED, 2, 3)
    assert m.RewardRule.from_json(rule.to_json()) == rule
    assert m.RewardRule.from_json("") is None
    assert m.RewardRule.from_json("{broken") is None
    assert m.RewardRule.from_json('{"kind": "cash"}') is None
    assert m.RewardRule.from_json('{"kind": "gift", "amount_cents": 500}') == m.RewardRule("gift", 500)
