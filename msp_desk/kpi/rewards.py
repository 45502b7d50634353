"""Referral rewards as a state machine: when a reward is earned, voided or clawed back.

Pure: the referred client's service (``ServiceHistory``: first day served, month-end MRR, the day
it left) and the reward's terms decide, on a given day, what a reward's status should be.

**Full month.** A calendar month M counts as a paid full month of the referred client when it
was served the whole of M: it had MRR at M's start (MRR > 0 at the end of M - 1, or its service
started on M's first day) and still at M's end (month-end MRR > 0). A client started on Jan 15
has February as its first full month; one started on Jan 1 has January. Only months that have
ended count, and months need not be consecutive (a client back after a gap keeps what it paid).

**Paid N full months** is met on the first day after the Nth full month ends: started Jan 15,
N = 1: met on Mar 1 (not on Feb 28, the last day of the month still being served); started
Jan 1, N = 1: met on Feb 1. **Completed N weeks** is met 7 x N days after the first day served
(started Mon Jan 5, N = 1: met Mon Jan 12), if the client had not left before.

**Left.** The referred client left on the first day it was no longer served (its last line's
end + 1: ``ledger.churn``'s effective day), when no line runs on or after the day looked at.

**Clawback window** of C months: from the first day served to the same day C months later,
exclusive (started Jan 15, C = 6: leaving on or before Jul 14 is within it, on Jul 15 is not).

Transitions: pending -> earned (condition met) | void (by hand with a reason, or automatically
when the referred client left before the condition); earned -> applied (a service credit on the
referrer's account) | paid (cash, gift, donation; or a credit whose referrer has no account)
| void (a reason; automatically when the client left within the clawback window: nothing was
handed over yet); applied | paid -> clawed_back (left within the window). Anything else raises
``RewardRefused`` (a ValueError naming the field), which services turn into a ValidationError.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace

from msp_desk.domain.values import ONE_DAY, Month
from msp_desk.kpi.inputs import LineFact
from msp_desk.kpi.ladder import add_months
from msp_desk.kpi.mrr import client_mrr_series

# The stored words (``domain.enums`` RewardStatus / RewardCondition / RewardKind values).
PENDING, EARNED, APPLIED, PAID, VOID, CLAWED_BACK = (
    "pending",
    "earned",
    "applied",
    "paid",
    "void",
    "clawed_back",
)
PAID_MONTHS, WEEKS_COMPLETED = "paid_months", "weeks_completed"
SERVICE_CREDIT = "service_credit"
TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({EARNED, VOID}),
    EARNED: frozenset({APPLIED, PAID, VOID}),
    APPLIED: frozenset({CLAWED_BACK}),
    PAID: frozenset({CLAWED_BACK}),
    VOID: frozenset(),
    CLAWED_BACK: frozenset(),
}
OPEN = frozenset({PENDING, EARNED})  # still waiting for something to happen
LEFT_BEFORE = "referred client left before the condition"


class RewardRefused(ValueError):
    """A transition the state machine does not allow; ``field`` and ``reason`` say why."""

    def __init__(self, field: str, reason: str) -> None:
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True, slots=True)
class RewardTerms:
    """What must happen before a reward is earned, and how long it can still be clawed back."""

    condition: str = PAID_MONTHS
    condition_n: int = 1
    clawback_months: int | None = None  # None (or 0): no clawback

    def text(self) -> str:
        """``after 1 full month``, ``after 3 full months``, ``after the first week``, ``after 2 weeks``."""
        n = self.condition_n
        if self.condition == WEEKS_COMPLETED:
            return "after the first week" if n == 1 else f"after {n} weeks"
        return f"after {n} full month{'' if n == 1 else 's'}"

    def clawback_text(self) -> str:
        """``clawed back if they leave within 6 months``, or "" without a window."""
        c = self.clawback_months
        return f"clawed back if they leave within {c} month{'' if c == 1 else 's'}" if c else ""


@dataclass(frozen=True, slots=True)
class RewardRule:
    """A reward to give for a won referral: its kind and amount, and its ``terms``. Stored as
    JSON (the shop's default rule, ``ShopSettings.reward_rule_json``)."""

    kind: str = SERVICE_CREDIT
    amount_cents: int = 0
    condition: str = PAID_MONTHS
    condition_n: int = 1
    clawback_months: int | None = None

    @property
    def terms(self) -> RewardTerms:
        return RewardTerms(self.condition, self.condition_n, self.clawback_months)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RewardRule | None:
        """The rule in ``text``; None for "" or anything that is not a rule's JSON (not checked:
        services validate the values)."""
        try:
            data = json.loads(text) if text.strip() else None
            if data is None:
                return None
            clawback = data.get("clawback_months")
            return cls(
                kind=str(data["kind"]),
                amount_cents=int(data["amount_cents"]),
                condition=str(data.get("condition") or PAID_MONTHS),
                condition_n=int(data.get("condition_n") or 1),
                clawback_months=None if clawback is None else int(clawback),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass(frozen=True, slots=True)
class ServiceHistory:
    """The referred client's service as seen on a day.

    ``start``: first day served (None: not started yet); ``month_end_mrr``: MRR cents at each
    month end by ``Month.index`` (a month missing is 0); ``left_on``: the day it stopped being
    served, when it is no longer served (None while it is, or will be again).
    """

    start: dt.date | None = None
    month_end_mrr: Mapping[int, int] = field(default_factory=dict)
    left_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RewardState:
    """A reward's status and dates (the ``Reward`` row's columns the state machine moves)."""

    status: str = PENDING
    earned_on: dt.date | None = None
    settled_on: dt.date | None = None
    voided_on: dt.date | None = None
    void_reason: str = ""


def service_history(lines: Iterable[LineFact], day: dt.date) -> ServiceHistory:
    """The referred client's ``ServiceHistory`` on ``day`` from its contract lines (lines at
    0 MRR, e.g. a 100% discount, are not service)."""
    paying = [line for line in lines if line.mrr_cents > 0]
    if not paying:
        return ServiceHistory()
    start = min(line.start for line in paying)
    first, last = Month.of(start), max(Month.of(day), Month.of(start))
    series = client_mrr_series(paying, first, last)
    values = next(iter(series.values()), [])
    month_end = {first.index + i: v for i, v in enumerate(values)}
    left_on = None
    if day > start and not any(line.end is None or line.end >= day for line in paying):
        left_on = max(line.end for line in paying if line.end is not None) + ONE_DAY
    return ServiceHistory(start, month_end, left_on)


def full_months(history: ServiceHistory, day: dt.date) -> list[Month]:
    """The paid full months (see the module docstring) that ended before ``day``, in order."""
    start = history.start
    if start is None:
        return []
    mrr = history.month_end_mrr
    found = []
    month = Month.of(start)
    while month.last_day() < day:
        served_at_start = month.first_day() == start or mrr.get(month.index - 1, 0) > 0
        if month.first_day() >= start and served_at_start and mrr.get(month.index, 0) > 0:
            found.append(month)
        month += 1
    return found


def _left(history: ServiceHistory, day: dt.date) -> dt.date | None:
    left = history.left_on
    return left if left is not None and left <= day else None


def condition_met_on(terms: RewardTerms, history: ServiceHistory, day: dt.date) -> dt.date | None:
    """The day the condition was met, if it was by ``day`` (None: not yet, or never will be)."""
    if history.start is None:
        return None
    if terms.condition == WEEKS_COMPLETED:
        met = history.start + dt.timedelta(weeks=terms.condition_n)
    else:
        months = full_months(history, day)
        if len(months) < terms.condition_n:
            return None
        met = months[terms.condition_n - 1].last_day() + ONE_DAY
    left = _left(history, day)
    if met > day or (left is not None and left < met):
        return None
    return met


def clawback_ends(terms: RewardTerms, history: ServiceHistory) -> dt.date | None:
    """The first day the referred client may leave without a clawback (None: no window)."""
    if not terms.clawback_months or history.start is None:
        return None
    return add_months(history.start, terms.clawback_months)


def left_within_window(terms: RewardTerms, history: ServiceHistory, day: dt.date) -> dt.date | None:
    """The day the referred client left, if it left by ``day`` inside the clawback window."""
    left, ends = _left(history, day), clawback_ends(terms, history)
    return left if left is not None and ends is not None and left < ends else None


def window_reason(terms: RewardTerms) -> str:
    return f"referred client left within the {terms.clawback_months}-month clawback window"


# -- transitions ---------------------------------------------------------------------------


def _move(state: RewardState, to: str) -> None:
    if to not in TRANSITIONS.get(state.status, frozenset()):
        raise RewardRefused("status", f"a {state.status.replace('_', ' ')} reward cannot become {to}")


def _not_before(day: dt.date, since: dt.date | None, what: str) -> None:
    if since is not None and day < since:
        raise RewardRefused("day", f"{day.isoformat()} is before the reward was {what} ({since.isoformat()})")


def earn(state: RewardState, day: dt.date) -> RewardState:
    """pending -> earned on ``day`` (the day the condition was met)."""
    _move(state, EARNED)
    return replace(state, status=EARNED, earned_on=day)


def apply_credit(state: RewardState, day: dt.date, kind: str, referrer_has_account: bool) -> RewardState:
    """earned -> applied: a service credit on the referrer's account from ``day``.

    Refused for cash, gifts and donations (they are paid), and when the referrer has no
    account to credit (a partner, or a client that has left): it keeps its credit, paid instead.
    """
    _move(state, APPLIED)
    if kind != SERVICE_CREDIT:
        raise RewardRefused("kind", f"a {kind.replace('_', ' ')} reward is paid, not applied as a credit")
    if not referrer_has_account:
        raise RewardRefused("referrer", "the referrer has no account to credit: mark the reward paid instead")
    _not_before(day, state.earned_on, "earned")
    return replace(state, status=APPLIED, settled_on=day)


def pay(state: RewardState, day: dt.date) -> RewardState:
    """earned -> paid on ``day`` (cash, gift or donation, or a credit paid out instead)."""
    _move(state, PAID)
    _not_before(day, state.earned_on, "earned")
    return replace(state, status=PAID, settled_on=day)


def void(state: RewardState, day: dt.date, reason: str) -> RewardState:
    """pending or earned -> void on ``day``; a reason is required."""
    _move(state, VOID)
    reason = " ".join(reason.split())
    if not reason:
        raise RewardRefused("reason", "say why the reward is void")
    return replace(state, status=VOID, voided_on=day, void_reason=reason)


def claw_back(state: RewardState, day: dt.date, reason: str) -> RewardState:
    """applied or paid -> clawed back on ``day`` (the referred client left within the window)."""
    _move(state, CLAWED_BACK)
    return replace(state, status=CLAWED_BACK, voided_on=day, void_reason=reason)


def advance(state: RewardState, terms: RewardTerms, history: ServiceHistory, day: dt.date) -> RewardState:
    """The state the rules give on ``day``: earned when the condition was met, void when the
    referred client left first (or within the window before anything was handed over),
    clawed back when it left within the window after. Idempotent; dates are the days things
    happened, not ``day``."""
    if state.status == PENDING:
        met = condition_met_on(terms, history, day)
        if met is not None:
            state = earn(state, met)
        else:
            left = _left(history, day)
            return void(state, left, LEFT_BEFORE) if left is not None else state
    left = left_within_window(terms, history, day)
    if left is None:
        return state
    if state.status == EARNED:
        return void(state, max(left, state.earned_on or left), window_reason(terms))
    if state.status in (APPLIED, PAID):
        return claw_back(state, max(left, state.settled_on or left), window_reason(terms))
    return state
