"""The month's KPI snapshot: a hand-worked shop, None where unknown, and bulk = one by one."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import (
    ClientFact,
    LineFact,
    Policy,
    ProjectFact,
    ShopFacts,
    SpendFact,
    TicketFact,
)
from msp_desk.kpi.snapshot import kpi_snapshot, kpi_snapshots

JAN23, MAR23, MAY23, JAN24 = Month(2023, 1), Month(2023, 3), Month(2023, 5), Month(2024, 1)
CLI_KEYS = [
    "month", "mrr", "arr", "active_clients", "arpa", "new", "expansion", "contraction", "churn",
    "reactivation", "net_mrr_churn_rate", "gross_mrr_churn_rate", "logo_churn_rate", "nrr_12m",
    "gross_margin", "recurring_share", "expected_lifetime_months", "lifetime_revenue", "clv", "cac",
    "clv_cac", "mttr_hours", "sla_compliance", "fcr", "arr_per_employee", "referral_share_new",
]  # fmt: skip


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


SHOP = ShopFacts(
    lines=(
        LineFact(1, d("2023-01-01"), None, 1_000_00, 400_00),
        LineFact(2, d("2023-03-01"), d("2023-05-20"), 500_00, 200_00),
        LineFact(3, d("2023-03-15"), None, 300_00, 100_00),
    ),
    clients=(ClientFact(1, "referral"), ClientFact(2, "marketing"), ClientFact(3, None)),
    projects=(ProjectFact(1, d("2023-03-10"), 1_000_00, 600_00),),
    spend=(SpendFact(MAR23.index, "marketing", 900_00), SpendFact(MAR23.index, "referral", 100_00)),
    tickets=(
        TicketFact(1, "P1", at("2023-03-02T09:00"), None, at("2023-03-02T11:00"), True, True),
        TicketFact(
            3,
            "P2",
            at("2023-03-20T09:00"),
            None,
            at("2023-03-20T13:00"),
            resolution_target_min=180,
        ),
        TicketFact(3, "P1", at("2023-03-31T09:00"), None, at("2023-04-01T09:00"), sla_met=False),
    ),
    policy=Policy(employees=4),
)


def test_first_month_of_history_has_no_movements_or_churn() -> None:
    s = kpi_snapshot(SHOP, JAN23)
    assert (s.mrr, s.arr, s.active_clients, s.arpa) == (1_000_00, 12_000_00, 1, 1_000_00)
    movements = (s.new, s.expansion, s.contraction, s.churn, s.reactivation)
    assert movements == (None,) * 5
    rates = (s.net_mrr_churn_rate, s.gross_mrr_churn_rate, s.logo_churn_rate, s.quick_ratio)
    assert rates == (None,) * 4
    assert s.expected_lifetime_months is None and s.expected_lifetime_capped is None
    assert s.lifetime_revenue is None and s.clv is None and s.allowable_acquisition_spend is None
    assert s.gross_margin == pytest.approx(0.6)
    assert s.recurring_share == 1.0
    assert (s.nrr_12m, s.mrr_growth_12m, s.cac, s.referral_share_new) == (None,) * 4
    assert (s.mttr_hours, s.sla_compliance, s.fcr) == (None, None, None)


def test_hand_worked_month_with_new_clients_a_project_and_spend() -> None:
    s = kpi_snapshot(SHOP, MAR23)
    assert (s.mrr, s.active_clients, s.arpa) == (1_800_00, 3, 600_00)
    assert (s.new, s.expansion, s.contraction, s.churn, s.reactivation) == (800_00, 0, 0, 0, 0)
    assert (s.net_mrr_churn_rate, s.gross_mrr_churn_rate, s.logo_churn_rate) == (0.0, 0.0, 0.0)
    assert s.quick_ratio is None  # nothing lost
    margin = Fraction(2_800_00 - 1_300_00, 2_800_00)  # (MRR + project) - (lines + project cost)
    assert s.gross_margin == float(margin)
    assert s.recurring_share == pytest.approx(3_800_00 / 4_800_00)  # Jan..Mar MRR vs + project
    assert (s.expected_lifetime_months, s.expected_lifetime_capped) == (120.0, True)  # 0 churn
    assert s.lifetime_revenue == 600_00 * 120
    assert s.clv == 3_857_143  # 72,000 x 15/28 = 38,571.428... dollars
    assert s.allowable_acquisition_spend == 10_800_00  # 15% of 72,000
    assert s.cac == 500_00  # (900 + 100) / 2 new clients
    assert s.clv_cac == pytest.approx(float(600_00 * 120 * margin / 500_00))
    assert s.cac_payback_months == pytest.approx(14 / 9)  # 500 / (600 x 15/28)
    assert s.referral_share_new == 0.0  # client 2 marketing; client 3 unknown, left out
    assert s.arr_per_employee == 12 * 1_800_00 // 4
    assert s.mttr_hours == {"P1": 2.0, "P2": 4.0, "P3": None, "P4": None, "all": 3.0}
    assert s.sla_compliance == 0.5
    assert s.fcr == 1.0


def test_churn_month_and_twelve_month_figures() -> None:
    may = kpi_snapshot(SHOP, MAY23)
    assert (may.churn, may.mrr) == (500_00, 1_300_00)
    assert may.net_mrr_churn_rate == pytest.approx(500 / 1800)
    assert may.logo_churn_rate == pytest.approx(1 / 3)
    assert may.quick_ratio == 0.0
    assert may.cac is None  # no spend on record in May
    lifetime = 1 / (Fraction(1, 3) / 4)  # mean logo churn of Feb..May: 0, 0, 0, 1/3
    assert may.expected_lifetime_months == float(lifetime)
    assert may.expected_lifetime_capped is False
    assert may.lifetime_revenue == 650_00 * 12
    jan = kpi_snapshot(SHOP, JAN24)
    assert jan.mrr_growth_12m == pytest.approx(0.3)  # 1,300 vs 1,000
    assert jan.nrr_12m == 1.0  # client 1 alone had MRR 12 months ago
    assert jan.mttr_hours is None


def test_unknown_costs_make_the_margin_unknown() -> None:
    imported = LineFact(9, d("2023-01-01"), d("2023-01-31"), 10_00, None)
    shop = ShopFacts(lines=(*SHOP.lines, imported))
    assert kpi_snapshot(shop, JAN23).gross_margin is None
    assert kpi_snapshot(shop, JAN23).clv is None
    assert kpi_snapshot(shop, Month(2023, 2)).gross_margin == pytest.approx(0.6)
    project = ProjectFact(None, d("2023-02-03"), 50_00, None)
    assert kpi_snapshot(ShopFacts(SHOP.lines, projects=(project,)), Month(2023, 2)).gross_margin is None


def test_a_month_before_any_line() -> None:
    s = kpi_snapshot(SHOP, Month(2022, 11))
    assert (s.mrr, s.active_clients, s.arpa, s.new) == (0, 0, None, None)
    assert (s.gross_margin, s.recurring_share, s.arr_per_employee) == (None, None, 0)
    empty = kpi_snapshots(ShopFacts(), Month(2024, 1), Month(2024, 3))
    assert [x.new for x in empty] == [None, None, None]  # no history at all
    assert [x.mrr for x in empty] == [0, 0, 0]
    before = kpi_snapshots(SHOP, Month(2022, 11), Month(2023, 2))
    assert [x.new for x in before] == [None, None, None, 0]  # bridged from Feb 2023 on


def test_json_dict_is_the_cli_contract() -> None:
    data = kpi_snapshot(SHOP, MAR23).to_json_dict()
    assert list(data)[: len(CLI_KEYS)] == CLI_KEYS
    assert data["month"] == "2023-03"
    assert data["mrr"] == 1_800_00 and isinstance(data["mrr"], int)
    assert isinstance(data["gross_margin"], float)
    assert data["mttr_hours"] == {"P1": 2.0, "P2": 4.0, "P3": None, "P4": None, "all": 3.0}
    assert json.loads(json.dumps(data)) == data
    first = kpi_snapshot(SHOP, JAN23).to_json_dict()
    assert first["new"] is None and first["mttr_hours"] is None


def test_snapshots_refuse_a_reversed_range() -> None:
    with pytest.raises(ValueError):
        kpi_snapshots(SHOP, MAY23, MAR23)


# --- properties -----------------------------------------------------------------------------

days = st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31))
line_facts = st.builds(
    LineFact,
    client_id=st.integers(1, 6),
    start=days,
    end=st.one_of(st.none(), days),
    mrr_cents=st.integers(0, 2_000_00),
    cost_cents=st.one_of(st.none(), st.integers(0, 1_000_00)),
)
shops = st.builds(
    ShopFacts,
    lines=st.lists(line_facts, max_size=20).map(tuple),
    clients=st.just(
        tuple(
            ClientFact(c, ch)
            for c, ch in enumerate(["referral", "partner", "marketing", None, "outbound", "referral", None])
        )
    ),
    spend=st.lists(
        st.builds(
            SpendFact,
            st.integers(Month(2022, 1).index, Month(2024, 12).index),
            st.sampled_from(["marketing", "referral"]),
            st.integers(0, 5_000_00),
        ),
        max_size=10,
    ).map(tuple),
    policy=st.builds(
        Policy,
        employees=st.one_of(st.none(), st.integers(0, 20)),
        reactivation_window_days=st.one_of(st.none(), st.just(90)),
    ),
)


@settings(max_examples=100, deadline=None)
@given(shops, st.integers(0, 30), st.integers(0, 6))
def test_bulk_snapshots_equal_one_month_snapshots(shop: ShopFacts, skip: int, span: int) -> None:
    first = Month(2022, 3) + skip
    bulk = kpi_snapshots(shop, first, first + span)
    assert [s.month for s in bulk] == [first + k for k in range(span + 1)]
    for k, snapshot in enumerate(bulk):
        assert snapshot == kpi_snapshot(shop, first + k)


@settings(max_examples=100, deadline=None)
@given(shops)
def test_snapshot_movements_bridge_consecutive_months(shop: ShopFacts) -> None:
    snaps = kpi_snapshots(shop, Month(2022, 1), Month(2024, 12))
    for prev, cur in itertools.pairwise(snaps):
        moves = (cur.new, cur.reactivation, cur.expansion, cur.contraction, cur.churn)
        if cur.new is None:
            assert all(m is None for m in moves)
            continue
        new, react, exp, contr, churn = (m or 0 for m in moves)
        assert cur.mrr == prev.mrr + new + react + exp - contr - churn
        assert cur.arr == 12 * cur.mrr
        if cur.gross_mrr_churn_rate is not None and cur.net_mrr_churn_rate is not None:
            assert cur.gross_mrr_churn_rate >= cur.net_mrr_churn_rate
        if cur.expected_lifetime_months is not None:
            assert cur.expected_lifetime_months <= shop.policy.lifetime_cap_months
