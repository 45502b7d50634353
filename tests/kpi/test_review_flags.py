"""Account review flags ("killer customers"): margin, ticket load, declined advice, satisfaction."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from msp_desk.kpi.inputs import AccountFacts
from msp_desk.kpi.review_flags import Action, FlagCode, ReviewThresholds, review_all, review_flags

HALF = Fraction(1, 2)
# Two ordinary accounts at 0.5 tickets a seat a month: 15/10/3 and 6/4/3.
P1 = AccountFacts(
    1, "active", mrr_cents=150_000, seats=10, tickets_90d=15, revenue_3m_cents=450_000, cost_3m_cents=213_000
)
P2 = dataclasses.replace(P1, client_id=2, seats=4, tickets_90d=6)
# The killer: Core at 30% off, 6 seats: 6 x 135.00 x 0.7 = 567.00 MRR, cost 6 x 70.00 = 420.00.
KILLER = AccountFacts(
    3,
    "active",
    mrr_cents=56_700,
    seats=6,
    satisfaction=3,
    tickets_90d=29,
    revenue_3m_cents=3 * 56_700,
    cost_3m_cents=3 * 42_000,
    declined_12m=3,
)


def test_a_killer_customer_raises_every_flag() -> None:
    """Margin over 3 months: (170,100 - 126,000) / 170,100 = 25.9% -> "26%" < 40%.
    Tickets: 29 / 6 / 3 = 1.61 a seat a month; median of 0.5, 0.5, 1.61 = 0.5; 1.61 / 0.5 = 3.2x
    > 2x. Declined roadmap items: 3 >= 2. Satisfaction 3 <= 5."""
    flags = review_all([P1, P2, KILLER])
    assert flags[1] == flags[2] == ()
    assert [(f.code, f.label, f.reason) for f in flags[3]] == [
        (FlagCode.LOW_MARGIN, "Low margin", "Margin 26% vs target 40% over the last 3 months"),
        (
            FlagCode.HIGH_TICKETS,
            "High ticket load",
            "1.61 tickets a seat a month vs shop median 0.50 (3.2x; review above 2x)",
        ),
        (FlagCode.DECLINED_ADVICE, "Advice declined", "3 roadmap recommendations declined in 12 months"),
        (FlagCode.LOW_SATISFACTION, "Low satisfaction", "Satisfaction 3/10 (review at 5 or less)"),
    ]
    assert flags[3][0].actions == (Action.REPRICE, Action.MOVE_TIER, Action.PLAN_EXIT)
    assert flags[3][2].actions == (Action.REVIEW_CALL, Action.PLAN_EXIT)


def test_margin_boundary_and_precision() -> None:
    """40.0% exactly is on target; (100,000 - 60,100) / 100,000 = 39.9% is below it and would
    read "40% vs 40%" in whole percents, so it shows one decimal."""
    on_target = dataclasses.replace(P1, revenue_3m_cents=100_000, cost_3m_cents=60_000)
    below = dataclasses.replace(P1, revenue_3m_cents=100_000, cost_3m_cents=60_100, uncosted_3m_cents=5_000)
    assert review_flags(on_target, HALF) == ()
    (flag,) = review_flags(below, HALF)
    assert flag.reason == (
        "Margin 39.9% vs target 40.0% over the last 3 months (part of the MRR has no known cost)"
    )
    unknown_cost = dataclasses.replace(P1, revenue_3m_cents=0, cost_3m_cents=0, uncosted_3m_cents=450_000)
    assert review_flags(unknown_cost, HALF) == ()  # no costed line: margin unknown, no flag


def test_ticket_boundary() -> None:
    """Median 0.5, flag above 2 x 0.5 = 1.0: 30 tickets / 10 seats / 3 = 1.0 exactly is not
    flagged, 31 / 10 / 3 = 1.03 is. No median (or a median of 0) or no seats: no flag."""
    at_limit = dataclasses.replace(P1, tickets_90d=30)
    above = dataclasses.replace(P1, tickets_90d=31)
    assert review_flags(at_limit, HALF) == ()
    assert [f.reason for f in review_flags(above, HALF)] == [
        "1.03 tickets a seat a month vs shop median 0.50 (2.1x; review above 2x)"
    ]
    assert review_flags(above, None) == ()
    assert review_flags(above, Fraction(0)) == ()
    assert review_flags(dataclasses.replace(above, seats=0), HALF) == ()


def test_declined_and_satisfaction_boundaries() -> None:
    one = dataclasses.replace(P1, declined_12m=1, satisfaction=6)
    two = dataclasses.replace(P1, declined_12m=2, satisfaction=5)
    assert review_flags(one, HALF) == ()
    assert [f.code for f in review_flags(two, HALF)] == [FlagCode.DECLINED_ADVICE, FlagCode.LOW_SATISFACTION]
    assert review_flags(dataclasses.replace(P1, satisfaction=None), HALF) == ()


def test_only_paying_clients_are_reviewed_and_thresholds_are_the_shops() -> None:
    """A churned client (no MRR) is not reviewed. With a 25% margin target and satisfaction
    flagged at 2 or less, only the tickets and the declined advice remain (25.9% >= 25%)."""
    gone = dataclasses.replace(KILLER, status="churned", mrr_cents=0)
    assert review_flags(gone, HALF) == ()
    lenient = ReviewThresholds(margin_min=0.25, satisfaction_max=2)
    assert [f.code for f in review_flags(KILLER, HALF, lenient)] == [
        FlagCode.HIGH_TICKETS,
        FlagCode.DECLINED_ADVICE,
    ]
