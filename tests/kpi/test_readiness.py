"""Referral readiness: every factor with its points and reason, unknowns scored 0, the ask-now list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

from msp_desk.kpi.inputs import AccountFacts
from msp_desk.kpi.readiness import (
    WEIGHTS,
    FactorCode,
    ReadinessRules,
    ask_now_list,
    readiness,
    readiness_all,
    shop_ticket_median,
    tenure_text,
)

D = dt.date
DAY = D(2026, 11, 23)

# Three paying clients; worked by hand below.
A = AccountFacts(
    client_id=1,
    status="active",
    mrr_cents=150_000,
    seats=10,
    start=D(2025, 9, 1),
    satisfaction=9,
    tickets_90d=12,
    sla_judged_90d=20,
    sla_met_90d=19,
    last_qbr_day=D(2026, 10, 5),
    last_qbr_outcome="positive",
    last_win_day=D(2026, 11, 11),
    last_win="Roadmap item done: Firewall replacement",
    last_ask_day=D(2026, 10, 19),
    last_ask_result="names_given",
)
B = dataclasses.replace(
    A,
    client_id=2,
    seats=5,
    tickets_90d=15,
    satisfaction=8,
    sla_met_90d=18,
    last_win_day=None,
    last_win="",
    last_ask_day=None,
    last_ask_result=None,
)
C = dataclasses.replace(
    B,
    client_id=3,
    seats=20,
    tickets_90d=12,
    satisfaction=10,
    sla_judged_90d=20,
    sla_met_90d=20,
    last_qbr_outcome="neutral",
    last_ask_day=D(2026, 8, 25),
    last_ask_result="declined",
)
# Churned: same facts as C, but no MRR any more.
GONE = dataclasses.replace(C, client_id=4, status="churned", mrr_cents=0)


def factors(score) -> dict[FactorCode, tuple[bool | None, int, str]]:  # type: ignore[no-untyped-def]
    return {f.code: (f.met, f.points, f.reason) for f in score.factors}


def test_weights_sum_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_shop_median_of_tickets_per_seat() -> None:
    """Tickets a seat a month = tickets in 90 days / seats / 3: A 12/10/3 = 0.4, B 15/5/3 = 1.0,
    C 12/20/3 = 0.2; the churned client has no MRR and is left out. Median of 0.2, 0.4, 1.0 = 0.4.
    With a fourth client at 36/10/3 = 1.2 the median is (0.4 + 1.0) / 2 = 0.7."""
    assert shop_ticket_median([A, B, C, GONE]) == Fraction(2, 5)
    d = dataclasses.replace(A, client_id=5, tickets_90d=36)
    assert shop_ticket_median([A, B, C, d]) == Fraction(7, 10)
    quiet = [dataclasses.replace(x, tickets_90d=0) for x in (A, B, C)]
    assert shop_ticket_median(quiet) is None  # no ticket in the whole shop: data missing


def test_a_client_with_every_fact_known() -> None:
    """A on 2026-11-23, shop median 0.4:
    satisfaction 9 >= 8: 20; last QBR positive: 20; 0.4 <= 0.4 tickets a seat: 15;
    SLA 19/20 = 95% >= 95%: 15; client since 2025-09-01 = 448 days (14 months) >= 90: 10;
    firewall done 2026-11-11 = 12 days ago < 30: 10; asked 2026-10-19 = 35 days ago < 90: 0.
    Score 90, but not "ask now": asked 35 days ago."""
    score = readiness(A, DAY, Fraction(2, 5))
    assert factors(score) == {
        FactorCode.SATISFACTION: (True, 20, "Satisfaction 9/10"),
        FactorCode.QBR: (True, 20, "QBR on 5 Oct 2026 positive"),
        FactorCode.TICKETS: (True, 15, "0.40 tickets a seat a month over 90 days vs shop median 0.40"),
        FactorCode.SLA: (True, 15, "SLA met on 19 of 20 tickets in 90 days (95%; target 95%)"),
        FactorCode.TENURE: (True, 10, "Client for 14 months"),
        FactorCode.RECENT_WIN: (True, 10, "Roadmap item done: Firewall replacement (12 days ago)"),
        FactorCode.NOT_ASKED: (False, 0, "Asked 35 days ago"),
    }
    assert score.score == 90
    assert not score.ask_now
    assert [f.weight for f in score.factors] == [20, 20, 15, 15, 10, 10, 10]


def test_scores_and_the_ask_now_list() -> None:
    """B: satisfaction 8 (20) + QBR positive (20) + 1.0 > 0.4 tickets (0) + SLA 18/20 = 90% (0)
    + tenure (10) + no win (0) + never asked (10) = 60.
    C: satisfaction 10 (20) + QBR neutral (0) + 0.2 tickets (15) + SLA 20/20 (15) + tenure (10)
    + no win (0) + last asked 2026-08-25, 90 days ago (10) = 70 = the threshold: ask now.
    The churned twin of C scores the same but is no paying client."""
    scores = readiness_all([A, B, C, GONE], DAY)
    assert {cid: s.score for cid, s in scores.items()} == {1: 90, 2: 60, 3: 70, 4: 70}
    assert factors(scores[2])[FactorCode.SLA] == (
        False,
        0,
        "SLA met on 18 of 20 tickets in 90 days (90%; target 95%)",
    )
    assert factors(scores[2])[FactorCode.SATISFACTION] == (True, 20, "Satisfaction 8/10")
    assert factors(scores[2])[FactorCode.NOT_ASKED] == (True, 10, "Never asked for a referral")
    assert factors(scores[3])[FactorCode.QBR] == (False, 0, "QBR on 5 Oct 2026 neutral")
    assert factors(scores[3])[FactorCode.NOT_ASKED] == (True, 10, "Last asked 90 days ago")
    assert factors(scores[2])[FactorCode.RECENT_WIN] == (
        False,
        0,
        "No project done or add-on started in the last 30 days",
    )
    assert [s.client_id for s in ask_now_list(scores.values())] == [3]
    stricter = readiness_all([A, B, C], DAY, ReadinessRules(ask_min=75))
    assert ask_now_list(stricter.values()) == []


def test_unknown_data_scores_nothing_and_says_why() -> None:
    """No satisfaction, no QBR, no seats, no ticket judged, no start date: five unknowns, 0
    points each; no win (0); never asked (10). Score 10."""
    blank = AccountFacts(client_id=9, status="active", mrr_cents=50_000)
    score = readiness(blank, DAY, Fraction(2, 5))
    assert score.score == 10
    assert {f.code: f.reason for f in score.unknown} == {
        FactorCode.SATISFACTION: "No satisfaction score recorded",
        FactorCode.QBR: "No QBR held yet",
        FactorCode.TICKETS: "No seat count recorded",
        FactorCode.SLA: "No ticket judged against an SLA in the last 90 days",
        FactorCode.TENURE: "No start date recorded",
    }
    assert all(f.points == 0 for f in score.unknown)
    no_ticket_data = readiness(A, DAY, None)
    assert factors(no_ticket_data)[FactorCode.TICKETS] == (
        None,
        0,
        "No tickets recorded in the shop in the last 90 days",
    )


def test_boundaries_of_tenure_win_and_ask() -> None:
    """Tenure: 89 days is short, 90 is enough. A win 29 days ago counts, 30 days ago not. An ask
    89 days ago is recent, 90 days ago is not; a "no" is called out."""
    day = D(2026, 11, 23)
    short = dataclasses.replace(A, start=day - dt.timedelta(days=89))
    enough = dataclasses.replace(A, start=day - dt.timedelta(days=90))
    assert factors(readiness(short, day, None))[FactorCode.TENURE] == (False, 0, "Client for 89 days")
    assert factors(readiness(enough, day, None))[FactorCode.TENURE] == (True, 10, "Client for 2 months")
    won = dataclasses.replace(A, last_win_day=day - dt.timedelta(days=29))
    stale = dataclasses.replace(A, last_win_day=day - dt.timedelta(days=30))
    assert factors(readiness(won, day, None))[FactorCode.RECENT_WIN][0] is True
    assert factors(readiness(stale, day, None))[FactorCode.RECENT_WIN][0] is False
    recent = dataclasses.replace(A, last_ask_day=day - dt.timedelta(days=89), last_ask_result="no")
    assert factors(readiness(recent, day, None))[FactorCode.NOT_ASKED] == (
        False,
        0,
        "Asked 89 days ago (said no: look into the relationship)",
    )
    older = dataclasses.replace(A, last_ask_day=day - dt.timedelta(days=90))
    assert factors(readiness(older, day, None))[FactorCode.NOT_ASKED][0] is True


def test_tenure_text() -> None:
    assert tenure_text(D(2026, 11, 22), DAY) == "Client for 1 day"
    assert tenure_text(D(2025, 9, 1), DAY) == "Client for 14 months"
    assert tenure_text(D(2024, 11, 24), DAY) == "Client for 23 months"
    assert tenure_text(D(2024, 11, 23), DAY) == "Client for 2 years"
    assert tenure_text(D(2023, 10, 1), DAY) == "Client for 3 years 1 month"
