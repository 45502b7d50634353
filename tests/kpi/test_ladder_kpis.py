"""Ladder KPIs: rungs on a day, moves up and down, start cohorts, the transition matrix, next rung."""

from __future__ import annotations

import datetime as dt

import pytest

from msp_desk.domain.enums import GrowthStage
from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import AddOnOption, RungFacts, RungLine, TierInfo, TierOption, TierSpell
from msp_desk.kpi.ladder import (
    STAGES,
    AddOnStep,
    Signal,
    TierMove,
    TierStep,
    add_months,
    cohort_upgrades,
    moves_by_month,
    next_rung,
    rung_stats,
    tier_moves,
    transition_matrix,
)

D = dt.date
TIERS = (TierInfo(11, 1, "Starter"), TierInfo(12, 2, "Core"), TierInfo(13, 3, "Growth"))


def test_stages_are_the_growth_stages_in_order() -> None:
    assert tuple(stage.value for stage in GrowthStage) == STAGES


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(D(2025, 1, 15), 6) == D(2025, 7, 15)
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2025, 3, 31), 6) == D(2025, 9, 30)


def test_rungs_count_each_clients_whole_account_on_its_top_tier() -> None:
    """Starter: client 1, tier 950.00 (cost 520.00) + add-on 180.00 (cost 70.00): MRR 1,130.00,
    margin (1,130 - 590) / 1,130 = 47.8%; the tier alone (950 - 520) / 950 = 45.3%.
    Core: clients 2 and 3: 1,350.00 + custom 100.00 (cost unknown) + 675.00 = 2,125.00 MRR; the
    costed 2,025.00 cost 700 + 350 = 1,050.00: margin 975 / 2,025 = 48.1%.
    Growth: nobody (margin unknown). Client 4 has only an add-on: on no rung."""
    running = [
        RungLine(1, 11, 95_000, 52_000),
        RungLine(1, None, 18_000, 7_000),
        RungLine(2, 12, 135_000, 70_000),
        RungLine(2, None, 10_000, None),
        RungLine(3, 12, 67_500, 35_000),
        RungLine(4, None, 5_000, 2_000),
    ]
    starter, core, growth = rung_stats(running, TIERS)
    assert (starter.name, starter.clients, starter.mrr_cents, starter.cost_cents) == (
        "Starter",
        1,
        113_000,
        59_000,
    )
    assert starter.margin == pytest.approx(54_000 / 113_000)
    assert starter.tier_mrr_cents == 95_000 and starter.tier_margin == pytest.approx(43 / 95)
    assert (core.clients, core.mrr_cents, core.costed_mrr_cents, core.cost_cents) == (
        2,
        212_500,
        202_500,
        105_000,
    )
    assert core.margin == pytest.approx(97_500 / 202_500)
    assert (growth.clients, growth.mrr_cents, growth.margin) == (0, 0, None)


SPELLS = [
    # client 1: Starter, up to Core on 2025-04-01, then a seat change (same rank: no move)
    TierSpell(1, 11, 1, D(2025, 1, 1), D(2025, 3, 31)),
    TierSpell(1, 12, 2, D(2025, 4, 1), D(2025, 6, 30)),
    TierSpell(1, 12, 2, D(2025, 7, 1), None),
    # client 2: Growth, down to Core on 2025-06-01, gone 2025-08-15, back on Growth: no move
    TierSpell(2, 13, 3, D(2025, 2, 1), D(2025, 5, 31)),
    TierSpell(2, 12, 2, D(2025, 6, 1), D(2025, 8, 14)),
    TierSpell(2, 13, 3, D(2025, 10, 1), None),
    # client 3: Starter throughout
    TierSpell(3, 11, 1, D(2025, 1, 15), None),
]


def test_moves_are_read_from_the_ranks_of_contiguous_tier_lines() -> None:
    assert tier_moves(SPELLS) == [TierMove(1, D(2025, 4, 1), 1, 2), TierMove(2, D(2025, 6, 1), 3, 2)]
    assert tier_moves(SPELLS)[0].up and not tier_moves(SPELLS)[1].up


def test_moves_by_month() -> None:
    months = moves_by_month(tier_moves(SPELLS), Month(2025, 3), Month(2025, 6))
    assert [(str(m.month), m.upgrades, m.downgrades) for m in months] == [
        ("2025-03", 0, 0),
        ("2025-04", 1, 0),
        ("2025-05", 0, 0),
        ("2025-06", 0, 1),
    ]


def test_start_cohorts_moving_up_within_6_months() -> None:
    """January 2025: clients 1 (up on 04-01, within 6 months of 01-01) and 3 (never): 1 of 2.
    February: client 2 (down, not up): 0 of 1. On 2025-07-31 January is complete (its last
    starter, 01-31, had its 6 months by 07-31); February completes on 08-28."""
    cohorts = cohort_upgrades(SPELLS, D(2025, 7, 31))
    assert [(str(c.month), c.clients, c.moved_up, c.share, c.complete) for c in cohorts] == [
        ("2025-01", 2, 1, 0.5, True),
        ("2025-02", 1, 0, 0.0, False),
    ]
    assert cohort_upgrades(SPELLS, D(2025, 8, 28))[1].complete


def test_the_6_month_window_is_inclusive_and_future_moves_do_not_count() -> None:
    """Both start 2025-03-31; six months on is 2025-09-30. Up on 09-30 counts, on 10-01 not."""
    spells = [
        TierSpell(5, 11, 1, D(2025, 3, 31), D(2025, 9, 29)),
        TierSpell(5, 12, 2, D(2025, 9, 30), None),
        TierSpell(6, 11, 1, D(2025, 3, 31), D(2025, 9, 30)),
        TierSpell(6, 12, 2, D(2025, 10, 1), None),
    ]
    (march,) = cohort_upgrades(spells, D(2025, 12, 31))
    assert (march.clients, march.moved_up) == (2, 1)
    (early,) = cohort_upgrades(spells, D(2025, 9, 1))  # neither move has happened yet
    assert (early.moved_up, early.complete) == (0, False)


def test_transition_matrix_with_churn() -> None:
    """From 2024-03-31 to 2025-03-31: client 1 Starter -> Core, 2 Core -> gone, 3 Core -> Core,
    4 Growth -> Core; client 5 joined after the start and is not counted. Core's row: 2 clients,
    half of them churned."""
    spells = [
        TierSpell(1, 11, 1, D(2024, 1, 1), D(2024, 6, 30)),
        TierSpell(1, 12, 2, D(2024, 7, 1), None),
        TierSpell(2, 12, 2, D(2024, 1, 1), D(2024, 9, 30)),
        TierSpell(3, 12, 2, D(2024, 1, 1), None),
        TierSpell(4, 13, 3, D(2024, 2, 1), D(2024, 11, 30)),
        TierSpell(4, 12, 2, D(2024, 12, 1), None),
        TierSpell(5, 11, 1, D(2024, 6, 1), None),
    ]
    matrix = transition_matrix(spells, D(2024, 3, 31), D(2025, 3, 31), ranks=[1, 2, 3, 4])
    assert matrix.ranks == (1, 2, 3, 4)
    assert dict(matrix.counts) == {(1, 2): 1, (2, None): 1, (2, 2): 1, (3, 2): 1}
    assert matrix.row_total(2) == 2 and matrix.rate(2, None) == 0.5
    assert matrix.rate(4, 4) is None


OPTIONS = (
    TierOption(11, 1, "Starter", 95_000),
    TierOption(12, 2, "Core", 135_000),
    TierOption(13, 3, "Growth", 175_000, active=False),
    TierOption(14, 4, "Premium", 225_000),
)
ADDONS = (
    AddOnOption(1, "After-hours support", "run", 15_000),
    AddOnOption(2, "Backup", "protect", 18_000),
    AddOnOption(3, "Endpoint security", "protect", 12_000),
    AddOnOption(4, "MFA", "protect", 6_000, active=False),
    AddOnOption(5, "Compliance reporting", "optimize", 30_000),
)
FACTS = RungFacts(
    client_id=7,
    seats=10,
    start=D(2025, 9, 1),
    current_tier_id=12,
    current_tier_mrr_cents=135_000,
    owned_addon_ids=frozenset({2}),
    tickets_last_3m=19,
    tickets_prior_3m=12,
    open_roadmap=("Firewall replacement", "Wi-Fi upgrade"),
    last_qbr_day=D(2026, 9, 14),
    business_changes="Hired 5 staff\nOpening a second location",
)


def test_next_rung_skips_inactive_tiers_and_offers_the_next_stage() -> None:
    """On Core (1,350.00): Growth is retired, so the next rung is Premium at 2,250.00, +900.00.
    Run add-ons are the tier's business; protect is the first stage with an add-on it lacks
    (it has Backup; MFA is retired): Endpoint security, +120.00.
    Tickets 12 -> 19: +7 (>= 2) and +58% (>= 20%): up."""
    rung = next_rung(FACTS, OPTIONS, ADDONS, D(2026, 11, 23))
    assert rung.current == OPTIONS[1]
    assert rung.next_tier == TierStep(14, 4, "Premium", 225_000, 90_000)
    assert (rung.stage, rung.addons) == ("protect", (AddOnStep(3, "Endpoint security", "protect", 12_000),))
    assert rung.signals == (
        Signal("tickets_up", "Tickets up 58%: 19 in the last 3 months vs 12 in the 3 before"),
        Signal("roadmap_open", "2 roadmap items open or accepted: Firewall replacement; Wi-Fi upgrade"),
        Signal(
            "business_changes",
            "Business changes at the last QBR (2026-09-14): Hired 5 staff; Opening a second location",
        ),
        Signal("tenure", "Client for 14 months"),
    )


def test_next_stage_top_rung_and_no_rung() -> None:
    """With Backup and Endpoint security, protect is done: optimize's Compliance reporting.
    On Premium there is no tier above; on no tier there is no suggestion at all."""
    full = RungFacts(7, seats=10, current_tier_id=12, owned_addon_ids=frozenset({2, 3}))
    rung = next_rung(full, OPTIONS, ADDONS, D(2026, 11, 23))
    assert (rung.stage, [a.name for a in rung.addons]) == ("optimize", ["Compliance reporting"])
    top = next_rung(
        RungFacts(7, current_tier_id=14, current_tier_mrr_cents=225_000), OPTIONS, ADDONS, D(2026, 11, 23)
    )
    assert top.next_tier is None
    nothing = next_rung(RungFacts(7), OPTIONS, ADDONS, D(2026, 11, 23))
    assert (nothing.current, nothing.next_tier, nothing.stage, nothing.addons, nothing.signals) == (
        None,
        None,
        None,
        (),
        (),
    )


@pytest.mark.parametrize(
    ("last", "prior", "reason"),
    [
        (2, 0, "Tickets up: 2 in the last 3 months vs none in the 3 before"),
        (1, 0, None),  # one more ticket is noise
        (14, 12, None),  # +2 but only +17%
        (15, 12, "Tickets up 25%: 15 in the last 3 months vs 12 in the 3 before"),
        (10, 12, None),
    ],
)
def test_ticket_trend(last: int, prior: int, reason: str | None) -> None:
    facts = RungFacts(7, current_tier_id=12, tickets_last_3m=last, tickets_prior_3m=prior)
    signals = {s.code: s.reason for s in next_rung(facts, OPTIONS, ADDONS, D(2026, 11, 23)).signals}
    assert signals.get("tickets_up") == reason
