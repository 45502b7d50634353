"""Account review flags (DESIGN §5, seed 003's "killer customers"): each with its numbers and actions.

A paying client (MRR > 0 on the day) is flagged when, with the shop's thresholds
(``ReviewThresholds``, from the benchmarks):

- **low margin**: its lines' gross margin over the last three full month ends, (MRR - direct
  cost) / MRR over the lines whose cost is known, is below ``margin_min`` (the low end of the
  gross-margin benchmark, 40%); no flag when no line's cost is known;
- **high tickets**: its tickets a seat a month over the last 90 days exceed ``tickets_ratio``
  (2) times the shop median (``readiness.shop_ticket_median``); no flag without seats, or when
  the median is unknown or 0;
- **declined advice**: at least ``declined_min`` (2) roadmap items proposed in the last 12
  months were declined (the table keeps no decline date: the proposal date stands for it);
- **low satisfaction**: its satisfaction score is at most ``satisfaction_max`` (5); no flag
  when none is recorded.

A flag is a reason to review the account, not a verdict: the actions say what to weigh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from msp_desk.kpi.inputs import AccountFacts
from msp_desk.kpi.readiness import exact, rate_at_most, rate_text, shop_ticket_median


class FlagCode(StrEnum):
    LOW_MARGIN = "low_margin"
    HIGH_TICKETS = "high_tickets"
    DECLINED_ADVICE = "declined_advice"
    LOW_SATISFACTION = "low_satisfaction"


class Action(StrEnum):
    REPRICE = "reprice"
    MOVE_TIER = "move_tier"
    REVIEW_CALL = "review_call"
    PLAN_EXIT = "plan_exit"


ACTION_LABELS: Mapping[Action, str] = {
    Action.REPRICE: "Reprice: end discounts, raise the price at renewal",
    Action.MOVE_TIER: "Move to the tier that pays for the work",
    Action.REVIEW_CALL: "Hold an account review with the decision maker",
    Action.PLAN_EXIT: "Plan an exit at renewal if nothing changes",
}
LABELS: Mapping[FlagCode, str] = {
    FlagCode.LOW_MARGIN: "Low margin",
    FlagCode.HIGH_TICKETS: "High ticket load",
    FlagCode.DECLINED_ADVICE: "Advice declined",
    FlagCode.LOW_SATISFACTION: "Low satisfaction",
}
ACTIONS: Mapping[FlagCode, tuple[Action, ...]] = {
    FlagCode.LOW_MARGIN: (Action.REPRICE, Action.MOVE_TIER, Action.PLAN_EXIT),
    FlagCode.HIGH_TICKETS: (Action.MOVE_TIER, Action.REPRICE, Action.PLAN_EXIT),
    FlagCode.DECLINED_ADVICE: (Action.REVIEW_CALL, Action.PLAN_EXIT),
    FlagCode.LOW_SATISFACTION: (Action.REVIEW_CALL, Action.PLAN_EXIT),
}


@dataclass(frozen=True, slots=True)
class ReviewThresholds:
    margin_min: float = 0.40
    tickets_ratio: float = 2.0
    declined_min: int = 2
    satisfaction_max: int = 5


@dataclass(frozen=True, slots=True)
class ReviewFlag:
    code: FlagCode
    label: str
    reason: str
    actions: tuple[Action, ...]


def _flag(code: FlagCode, reason: str) -> ReviewFlag:
    return ReviewFlag(code, LABELS[code], reason, ACTIONS[code])


def margin_3m(account: AccountFacts) -> Fraction | None:
    """Gross margin of the client's costed lines over the last three month ends; None if none."""
    if account.revenue_3m_cents <= 0:
        return None
    return Fraction(account.revenue_3m_cents - account.cost_3m_cents, account.revenue_3m_cents)


def _percents(value: Fraction, target: float) -> tuple[str, str]:
    """Both as whole percents, or to one decimal when whole ones would read the same."""
    whole = f"{float(value):.0%}", f"{target:.0%}"
    return whole if whole[0] != whole[1] else (f"{float(value):.1%}", f"{target:.1%}")


class _Baseline:
    """What every account is compared with, worked out once for the whole shop."""

    __slots__ = ("t", "margin", "median", "median_text", "ticket_limit")

    def __init__(self, median: Fraction | None, thresholds: ReviewThresholds) -> None:
        self.t, self.median, self.margin = thresholds, median, exact(thresholds.margin_min)
        self.median_text = None if median is None else rate_text(median)
        self.ticket_limit = None if not median else median * exact(thresholds.tickets_ratio)


def _flags(a: AccountFacts, base: _Baseline) -> tuple[ReviewFlag, ...]:
    if a.mrr_cents <= 0:
        return ()
    t, flags = base.t, []
    revenue, cost = a.revenue_3m_cents, a.cost_3m_cents
    if revenue > 0 and (revenue - cost) * base.margin.denominator < base.margin.numerator * revenue:
        margin, goal = _percents(Fraction(revenue - cost, revenue), t.margin_min)
        note = " (part of the MRR has no known cost)" if a.uncosted_3m_cents else ""
        flags.append(
            _flag(FlagCode.LOW_MARGIN, f"Margin {margin} vs target {goal} over the last 3 months{note}")
        )
    limit = base.ticket_limit
    if a.seats > 0 and limit is not None and base.median and not rate_at_most(a.tickets_90d, a.seats, limit):
        rate = Fraction(a.tickets_90d, 3 * a.seats)
        flags.append(
            _flag(
                FlagCode.HIGH_TICKETS,
                f"{rate_text(rate)} tickets a seat a month vs shop median {base.median_text} "
                f"({float(rate / base.median):.1f}x; review above {t.tickets_ratio:g}x)",
            )
        )
    if a.declined_12m >= t.declined_min:
        flags.append(
            _flag(FlagCode.DECLINED_ADVICE, f"{a.declined_12m} roadmap recommendations declined in 12 months")
        )
    if a.satisfaction is not None and a.satisfaction <= t.satisfaction_max:
        flags.append(
            _flag(
                FlagCode.LOW_SATISFACTION,
                f"Satisfaction {a.satisfaction}/10 (review at {t.satisfaction_max} or less)",
            )
        )
    return tuple(flags)


def review_flags(
    account: AccountFacts, median: Fraction | None, thresholds: ReviewThresholds | None = None
) -> tuple[ReviewFlag, ...]:
    """The flags of one client; ``median`` is ``shop_ticket_median`` of the shop."""
    return _flags(account, _Baseline(median, thresholds or ReviewThresholds()))


def review_all(
    accounts: Iterable[AccountFacts], thresholds: ReviewThresholds | None = None
) -> dict[int, tuple[ReviewFlag, ...]]:
    """Every client's flags, against the median of the same accounts."""
    accounts = list(accounts)
    base = _Baseline(shop_ticket_median(accounts), thresholds or ReviewThresholds())
    return {a.client_id: _flags(a, base) for a in accounts}
