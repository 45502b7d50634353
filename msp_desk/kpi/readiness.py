"""Referral readiness (DESIGN §5): a 0-100 score per client, every factor shown, and the ask-now list.

Seven factors, each met (all its points), not met (none) or unknown (none: the data is not
there, and a guess would be a lie). The weights lean on what seed 000 calls a client "doing
well" and seed 003's "ask satisfied clients":

====================  ======  =============================================================
factor                points  met when
====================  ======  =============================================================
satisfaction              20  the client's score (0-10) is at least ``satisfaction_min`` (8)
last QBR positive         20  the latest QBR held (on or before the day) was positive
low tickets per seat      15  tickets a seat a month over the last 90 days <= the shop median
SLA met                   15  SLA met on at least ``sla_min`` (95%) of the client's tickets
                              judged in the last 90 days
tenure                    10  client for at least 90 days
recent win                10  a roadmap item done, a project delivered or an add-on started
                              in the last 30 days (the referral moment of seed 000)
not asked recently        10  no referral ask in the last 90 days
====================  ======  =============================================================

Unknown is: no satisfaction recorded, no QBR held yet, no seat count (or no ticket recorded in
the whole shop in 90 days), no ticket judged against an SLA, no start date. A client with
unknowns scores lower and each unknown says why, so the owner sees what to record.

The ask-now list holds the active paying clients (MRR > 0 on the day) scoring at least
``ask_min`` (70) who were not asked in the last 90 days: the score ranks, but asking again
within 90 days is nagging however well the account looks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from msp_desk.kpi.inputs import AccountFacts

WINDOW_DAYS = 90  # tickets, SLA and asks look at the last 90 days (three months a seat a month)


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(day: dt.date) -> str:
    """ "3 Oct 2026": a date as a reason reads it (no locale here; the screens format their own)."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


class FactorCode(StrEnum):
    SATISFACTION = "satisfaction"
    QBR = "qbr"
    TICKETS = "tickets"
    SLA = "sla"
    TENURE = "tenure"
    RECENT_WIN = "recent_win"
    NOT_ASKED = "not_asked"


# Points of each factor, in the order the factors are shown; they sum to 100.
WEIGHTS: Mapping[FactorCode, int] = {
    FactorCode.SATISFACTION: 20,
    FactorCode.QBR: 20,
    FactorCode.TICKETS: 15,
    FactorCode.SLA: 15,
    FactorCode.TENURE: 10,
    FactorCode.RECENT_WIN: 10,
    FactorCode.NOT_ASKED: 10,
}
NAMES: Mapping[FactorCode, str] = {
    FactorCode.SATISFACTION: "Satisfaction",
    FactorCode.QBR: "Last QBR positive",
    FactorCode.TICKETS: "Low tickets per seat",
    FactorCode.SLA: "SLA met",
    FactorCode.TENURE: "Tenure of 90 days or more",
    FactorCode.RECENT_WIN: "Recent win",
    FactorCode.NOT_ASKED: "Not asked in 90 days",
}


@dataclass(frozen=True, slots=True)
class ReadinessRules:
    """The thresholds of the score (the shop's benchmarks feed ``satisfaction_min``, ``sla_min``
    and ``ask_min``)."""

    satisfaction_min: int = 8
    sla_min: float = 0.95
    ask_min: int = 70
    tenure_days: int = 90
    asked_days: int = WINDOW_DAYS
    win_days: int = 30


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of the score: ``met`` None means unknown (scored 0, ``reason`` says why)."""

    code: FactorCode
    name: str
    met: bool | None
    points: int  # earned: the weight when met, else 0
    weight: int
    reason: str


@dataclass(frozen=True, slots=True)
class Readiness:
    client_id: int
    score: int  # 0-100
    factors: tuple[Factor, ...]
    ask_now: bool

    @property
    def unknown(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.met is None)


def tickets_per_seat_month(tickets_90d: int, seats: int) -> Fraction | None:
    """Tickets a seat a month over the last 90 days (exact); None without a seat count."""
    if seats <= 0:
        return None
    return Fraction(tickets_90d, 3 * seats)


def shop_ticket_median(accounts: Iterable[AccountFacts]) -> Fraction | None:
    """The median of tickets a seat a month over the paying clients with a seat count (those
    without tickets count as 0); None when no client has seats or the shop recorded no ticket
    at all in the last 90 days (ticket data missing, not a quiet quarter)."""
    paying = [(a.tickets_90d, a.seats) for a in accounts if a.mrr_cents > 0 and a.seats > 0]
    if not any(tickets for tickets, _ in paying):
        return None
    # Sorted by float, then only the middle one or two made exact: with fewer than 100,000
    # seats and 1,000 tickets a seat, distinct ratios differ by more than 1e-10 and a float's
    # rounding is below 1e-12, so the float order is the exact one.
    paying.sort(key=lambda ts: ts[0] / ts[1])
    mid = len(paying) // 2
    middle = paying[mid - 1 : mid + 1] if len(paying) % 2 == 0 else paying[mid : mid + 1]
    return sum((Fraction(t, 3 * s) for t, s in middle), Fraction(0)) / len(middle)


def rate_at_most(tickets_90d: int, seats: int, limit: Fraction) -> bool:
    """Whether ``tickets_90d / seats / 3 <= limit`` (seats > 0), in integers."""
    return tickets_90d * limit.denominator <= limit.numerator * 3 * seats


def exact(value: float) -> Fraction:
    """A threshold written as a decimal (0.95) as the exact fraction it means (19/20)."""
    return Fraction(str(value))


def rate_text(rate: Fraction | float) -> str:
    """A tickets-a-seat rate for a reason: two decimals."""
    return f"{float(rate):.2f}"


def tenure_text(start: dt.date, day: dt.date) -> str:
    """How long a client has been one: in days under 90 (the tenure the score asks for), then
    in whole months, then in years and months ("Client for 3 years 1 month")."""
    days = (day - start).days
    if days < 90:
        return f"Client for {days} day{'s' if days != 1 else ''}"
    months = (day.year - start.year) * 12 + day.month - start.month - (1 if day.day < start.day else 0)
    if months < 24:
        return f"Client for {months} months"
    years, rest = divmod(months, 12)
    return f"Client for {years} years" + (f" {rest} month{'s' if rest != 1 else ''}" if rest else "")


def _factor(code: FactorCode, met: bool | None, reason: str) -> Factor:
    weight = WEIGHTS[code]
    return Factor(code, NAMES[code], met, weight if met else 0, weight, reason)


# The factors that read the same for every client they apply to, made once (a large shop scores
# tens of thousands of clients at a time).
NO_SATISFACTION = _factor(FactorCode.SATISFACTION, None, "No satisfaction score recorded")
NO_QBR = _factor(FactorCode.QBR, None, "No QBR held yet")
NO_SEATS = _factor(FactorCode.TICKETS, None, "No seat count recorded")
NO_SHOP_TICKETS = _factor(FactorCode.TICKETS, None, "No tickets recorded in the shop in the last 90 days")
NO_SLA = _factor(FactorCode.SLA, None, "No ticket judged against an SLA in the last 90 days")
NO_START = _factor(FactorCode.TENURE, None, "No start date recorded")
NEVER_ASKED = _factor(FactorCode.NOT_ASKED, True, "Never asked for a referral")


def _satisfaction_factor(score: int, rules: ReadinessRules) -> Factor:
    met = score >= rules.satisfaction_min
    note = "" if met else f" (good is {rules.satisfaction_min} or more)"
    return _factor(FactorCode.SATISFACTION, met, f"Satisfaction {score}/10{note}")


class _Baseline:
    """What every client's score is compared with, worked out once for the whole shop."""

    __slots__ = ("day", "rules", "median", "median_text", "sla", "satisfaction", "no_win")

    def __init__(self, day: dt.date, median: Fraction | None, rules: ReadinessRules) -> None:
        self.day, self.rules, self.median = day, rules, median
        self.median_text = None if median is None else rate_text(median)
        self.sla = exact(rules.sla_min)
        self.satisfaction = [_satisfaction_factor(score, rules) for score in range(11)]
        self.no_win = _factor(
            FactorCode.RECENT_WIN,
            False,
            f"No project done or add-on started in the last {rules.win_days} days",
        )


def _ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def _satisfaction(a: AccountFacts, base: _Baseline) -> Factor:
    if a.satisfaction is None:
        return NO_SATISFACTION
    if 0 <= a.satisfaction <= 10:
        return base.satisfaction[a.satisfaction]
    return _satisfaction_factor(a.satisfaction, base.rules)


def _qbr(a: AccountFacts) -> Factor:
    if a.last_qbr_day is None or a.last_qbr_outcome is None:
        return NO_QBR
    met = a.last_qbr_outcome == "positive"
    return _factor(FactorCode.QBR, met, f"QBR on {day_month(a.last_qbr_day)} {a.last_qbr_outcome}")


def _tickets(a: AccountFacts, base: _Baseline) -> Factor:
    if a.seats <= 0:
        return NO_SEATS
    if base.median is None:
        return NO_SHOP_TICKETS
    return _factor(
        FactorCode.TICKETS,
        rate_at_most(a.tickets_90d, a.seats, base.median),
        f"{rate_text(a.tickets_90d / a.seats / 3)} tickets a seat a month over 90 days"
        f" vs shop median {base.median_text}",
    )


def _sla(a: AccountFacts, base: _Baseline) -> Factor:
    if a.sla_judged_90d <= 0:
        return NO_SLA
    met = a.sla_met_90d * base.sla.denominator >= base.sla.numerator * a.sla_judged_90d
    share = a.sla_met_90d / a.sla_judged_90d
    return _factor(
        FactorCode.SLA,
        met,
        f"SLA met on {a.sla_met_90d} of {a.sla_judged_90d} tickets in 90 days "
        f"({share:.0%}; target {base.rules.sla_min:.0%})",
    )


def _tenure(a: AccountFacts, day: dt.date, rules: ReadinessRules) -> Factor:
    if a.start is None or a.start > day:
        return NO_START
    return _factor(FactorCode.TENURE, (day - a.start).days >= rules.tenure_days, tenure_text(a.start, day))


def _recent_win(a: AccountFacts, base: _Baseline) -> Factor:
    if a.last_win_day is not None and 0 <= (base.day - a.last_win_day).days < base.rules.win_days:
        return _factor(
            FactorCode.RECENT_WIN, True, f"{a.last_win} ({_ago((base.day - a.last_win_day).days)})"
        )
    return base.no_win


def _not_asked(a: AccountFacts, day: dt.date, rules: ReadinessRules) -> Factor:
    if a.last_ask_day is None:
        return NEVER_ASKED
    days = (day - a.last_ask_day).days
    said_no = " (said no: look into the relationship)" if a.last_ask_result == "no" else ""
    if days < rules.asked_days:
        return _factor(FactorCode.NOT_ASKED, False, f"Asked {_ago(days)}{said_no}")
    return _factor(FactorCode.NOT_ASKED, True, f"Last asked {days} days ago{said_no}")


def _score(a: AccountFacts, base: _Baseline) -> Readiness:
    day, rules = base.day, base.rules
    factors = (
        _satisfaction(a, base),
        _qbr(a),
        _tickets(a, base),
        _sla(a, base),
        _tenure(a, day, rules),
        _recent_win(a, base),
        _not_asked(a, day, rules),
    )
    score = sum(f.points for f in factors)
    ask_now = a.status == "active" and a.mrr_cents > 0 and score >= rules.ask_min and factors[-1].met is True
    return Readiness(a.client_id, score, factors, ask_now)


def readiness(
    account: AccountFacts, day: dt.date, median: Fraction | None, rules: ReadinessRules | None = None
) -> Readiness:
    """The score of one client on ``day``; ``median`` is ``shop_ticket_median`` of the shop."""
    return _score(account, _Baseline(day, median, rules or ReadinessRules()))


def readiness_all(
    accounts: Iterable[AccountFacts], day: dt.date, rules: ReadinessRules | None = None
) -> dict[int, Readiness]:
    """Every client's score on ``day``, against the median of the same accounts."""
    accounts = list(accounts)
    base = _Baseline(day, shop_ticket_median(accounts), rules or ReadinessRules())
    return {a.client_id: _score(a, base) for a in accounts}


def ask_now_list(scores: Iterable[Readiness]) -> list[Readiness]:
    """The clients to ask now, best first (score, then client id for a stable order)."""
    return sorted((r for r in scores if r.ask_now), key=lambda r: (-r.score, r.client_id))
