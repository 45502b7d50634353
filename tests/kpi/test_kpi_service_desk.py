"""Ticket KPIs: MTTR per priority, SLA compliance on judged tickets only, FCR never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.kpi.inputs import TicketFact, TicketMonthStats
from msp_desk.kpi.service_desk import (
    fcr_rate,
    fcr_rate_from_stats,
    judge_sla,
    mttr_hours_by_priority,
    mttr_hours_from_stats,
    sla_compliance,
    sla_compliance_from_stats,
    stats_by_month,
    summarize_tickets,
    tickets_by_resolved_month,
    tickets_opened_by_month,
    tickets_per_seat,
)

T0 = dt.datetime(2024, 3, 4, 9, 0)


def ticket(
    priority: str = "P2",
    resolved_after_min: int | None = 60,
    response_after_min: int | None = None,
    **kwargs: object,
) -> TicketFact:
    return TicketFact(
        client_id=1,
        priority=priority,
        opened_at=T0,
        first_response_at=None
        if response_after_min is None
        else T0 + dt.timedelta(minutes=response_after_min),
        resolved_at=None if resolved_after_min is None else T0 + dt.timedelta(minutes=resolved_after_min),
        **kwargs,  # type: ignore[arg-type]
    )


def test_mttr_is_the_mean_per_priority_in_hours() -> None:
    tickets = [
        ticket("P1", 60),
        ticket("P1", 180),
        ticket("P3", 30),
        ticket("P3", None),  # still open: not counted
        ticket("P2", -10),  # resolved before opened: bad data, skipped
    ]
    assert mttr_hours_by_priority(tickets) == {
        "P1": 2.0,
        "P2": None,
        "P3": 0.5,
        "P4": None,
        "all": pytest.approx(270 / 3 / 60),
    }


def test_mttr_without_resolved_tickets_is_none() -> None:
    assert mttr_hours_by_priority([]) is None
    assert mttr_hours_by_priority([ticket(resolved_after_min=None)]) is None


def test_mttr_sums_exactly_before_dividing() -> None:
    third = [ticket("P4", 20) for _ in range(3)]
    assert mttr_hours_by_priority(third)["P4"] == 20 / 60  # type: ignore[index]


@pytest.mark.parametrize(
    ("kwargs", "verdict"),
    [
        ({"sla_met": True}, True),
        ({"sla_met": False, "resolution_target_min": 600}, False),  # the source's last state wins
        ({}, None),  # no target, no flag: not judged
        ({"resolution_target_min": 60}, True),
        ({"resolution_target_min": 59}, False),
        ({"response_target_min": 15, "response_after_min": 15}, True),
        ({"response_target_min": 15, "response_after_min": 16}, False),
        ({"response_target_min": 15, "response_after_min": 5, "resolution_target_min": 30}, False),
        ({"response_target_min": 90}, True),  # resolved within 90 min: responded within too
        ({"response_target_min": 15}, None),  # no response time recorded: cannot tell
        ({"response_target_min": 15, "resolution_target_min": 30}, False),  # a miss is a miss
        ({"response_target_min": 15, "resolution_target_min": 120}, None),
    ],
)
def test_judge_sla(kwargs: dict[str, object], verdict: bool | None) -> None:
    assert judge_sla(ticket(**kwargs)) is verdict  # type: ignore[arg-type]


def test_open_tickets_are_not_judged() -> None:
    assert judge_sla(ticket(resolved_after_min=None, sla_met=False)) is None


def test_sla_compliance_counts_judged_tickets_only() -> None:
    tickets = [
        ticket(sla_met=True),
        ticket(sla_met=True),
        ticket(sla_met=False),
        ticket(resolution_target_min=120),
        ticket(),  # not judged
        ticket(resolved_after_min=None, sla_met=True),  # open: not judged
    ]
    assert sla_compliance(tickets) == 0.75
    assert sla_compliance([ticket()]) is None


def test_fcr_counts_known_values_only() -> None:
    tickets = [ticket(fcr=True), ticket(fcr=False), ticket(fcr=True), ticket(), ticket(fcr=None)]
    assert fcr_rate(tickets) == pytest.approx(2 / 3)
    assert fcr_rate([ticket(), ticket()]) is None
    assert fcr_rate([ticket(resolved_after_min=None, fcr=True)]) is None


def test_buckets_and_tickets_per_seat() -> None:
    late = TicketFact(1, "P1", dt.datetime(2024, 3, 31, 23), None, dt.datetime(2024, 4, 1, 1))
    open_ = TicketFact(1, "P1", dt.datetime(2024, 4, 2), None, None)
    march, april = 2024 * 12 + 2, 2024 * 12 + 3
    assert tickets_by_resolved_month([late, open_]) == {april: [late]}
    assert tickets_opened_by_month([late, open_]) == {march: 1, april: 1}
    assert tickets_per_seat(30, 20) == 1.5
    assert tickets_per_seat(30, 0) is None
    assert tickets_per_seat(30, None) is None


def test_summarize_tickets_sums_per_resolved_month_and_priority() -> None:
    march = dt.datetime(2024, 3, 31, 22)
    tickets = [
        TicketFact(1, "P1", march, None, march + dt.timedelta(hours=3), True, None, 60, 120),
        TicketFact(1, "P1", march, None, march + dt.timedelta(minutes=30), None, None, 60, 120),
        TicketFact(2, "P1", march, None, march - dt.timedelta(minutes=1), False, True),  # bad data
        TicketFact(2, "P2", march, march + dt.timedelta(minutes=5), march + dt.timedelta(hours=1)),
        TicketFact(2, "P2", march, None, None, True, True),  # open
    ]
    april, mar = 2024 * 12 + 3, 2024 * 12 + 2
    assert summarize_tickets(tickets) == (
        TicketMonthStats(mar, "P1", 2, 1, 30 * 60_000_000, 1, 0, 2, 2),
        TicketMonthStats(mar, "P2", 1, 1, 3600_000_000, 0, 0, 0, 0),
        TicketMonthStats(april, "P1", 1, 1, 3 * 3600_000_000, 1, 1, 1, 0),
    )


minutes = st.one_of(st.none(), st.integers(-30, 600))
targets = st.one_of(st.none(), st.integers(1, 480))
tickets = st.lists(
    st.builds(
        lambda prio, opened, resolved, responded, fcr, met, response, resolution, micro: TicketFact(
            1,
            prio,
            T0 + dt.timedelta(minutes=opened, microseconds=micro),
            None if responded is None else T0 + dt.timedelta(minutes=opened + responded),
            None if resolved is None else T0 + dt.timedelta(minutes=opened + resolved),
            fcr,
            met,
            response,
            resolution,
        ),
        st.sampled_from(["P1", "P2", "P3", "P4", "P9"]),
        st.integers(0, 90 * 24 * 60),
        minutes,
        minutes,
        st.one_of(st.none(), st.booleans()),
        st.one_of(st.none(), st.booleans()),
        targets,
        targets,
        st.integers(0, 999_999),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(tickets)
def test_ticket_kpis_from_sums_equal_the_kpis_from_the_tickets(sample: list[TicketFact]) -> None:
    """Month by month, the sums give exactly the per-ticket functions' KPIs (equal floats)."""
    by_month = stats_by_month(summarize_tickets(sample))
    resolved = tickets_by_resolved_month(sample)
    assert set(by_month) == set(resolved)
    for month, rows in by_month.items():
        assert mttr_hours_from_stats(rows) == mttr_hours_by_priority(resolved[month])
        assert sla_compliance_from_stats(rows) == sla_compliance(resolved[month])
        assert fcr_rate_from_stats(rows) == fcr_rate(resolved[month])
