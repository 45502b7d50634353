"""MRR movements: ChartMogul's lifecycle (E2), Chargebee's figures (E7), and the identity."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import LineFact, Policy
from msp_desk.kpi.movements import (
    Movements,
    monthly_movements,
    movements_by_month,
    return_counts_as_reactivation,
)
from msp_desk.kpi.mrr import client_mrr_series, line_mrr_cents, shop_mrr_series

quick = settings(max_examples=200, deadline=None)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_e2_chartmogul_customer_lifecycle() -> None:
    gold_year = line_mrr_cents(4, 500_00, "annual")
    silver = line_mrr_cents(2, 30_00, "monthly")
    gold_monthly = line_mrr_cents(3, 50_00, "monthly")
    lines = [
        LineFact(1, d("2023-01-10"), d("2024-01-09"), gold_year, item="tier:gold"),
        LineFact(1, d("2023-04-05"), d("2023-07-20"), silver, item="addon:silver"),
        LineFact(1, d("2024-03-15"), None, gold_monthly, item="tier:gold"),
    ]
    first = Month(2022, 12)  # one month of known-empty history before the customer arrives
    series = client_mrr_series(lines, first, Month(2024, 4))
    moves = movements_by_month(series)
    by_month = {str(first + i): m for i, m in enumerate(moves)}

    assert moves[0] is None
    assert by_month["2023-01"] == Movements(new=166_67, new_clients=1, new_client_ids=(1,))
    assert by_month["2023-04"] == Movements(expansion=60_00, expanded_clients=1)
    assert by_month["2023-07"] == Movements(contraction=60_00, contracted_clients=1)
    assert by_month["2024-01"] == Movements(churn=166_67, churned_clients=1)
    assert by_month["2024-03"] == Movements(reactivation=150_00, reactivated_clients=1)
    quiet = set(by_month) - {"2022-12", "2023-01", "2023-04", "2023-07", "2024-01", "2024-03"}
    assert all(by_month[k] == Movements() for k in quiet)


def test_e7_upgrade_mrr_and_reactivations() -> None:
    history = {
        1: [50_00, 50_00, 50_00, 150_00],  # plan 50 -> 150
        2: [10_00, 0, 0, 50_00],  # three earlier clients come back
        3: [10_00, 0, 0, 100_00],
        4: [10_00, 0, 0, 200_00],
    }
    m = monthly_movements(history, 3, Policy())
    assert m.expansion == 100_00
    assert m.reactivation == 350_00
    assert m.reactivated_clients == 3
    assert m.new == 0


def test_first_month_of_history_is_unknown() -> None:
    series = {1: [100, 100], 2: [0, 50]}
    assert movements_by_month(series)[0] is None
    with pytest.raises(ValueError):
        monthly_movements(series, 0, Policy())


def test_empty_shop_still_has_months() -> None:
    assert movements_by_month({}, months=3) == [None, Movements(), Movements()]
    assert movements_by_month({}) == []


def test_paid_client_moved_to_zero_is_churn() -> None:
    m = monthly_movements({1: [80_00, 0]}, 1, Policy())
    assert (m.churn, m.churned_clients) == (80_00, 1)


@pytest.mark.parametrize(("zero_months", "kind"), [(1, "re"), (3, "re"), (4, "new")])
def test_reactivation_window_of_90_days(zero_months: int, kind: str) -> None:
    values = [100, *([0] * zero_months), 300]
    policy = Policy(reactivation_window_days=90)
    m = monthly_movements({5: values}, len(values) - 1, policy)
    assert m == movements_by_month({5: values}, policy)[-1]
    if kind == "re":
        assert (m.reactivation, m.reactivated_clients, m.new) == (300, 1, 0)
    else:
        assert (m.new, m.new_clients, m.new_client_ids, m.reactivation) == (300, 1, (5,), 0)


def test_unlimited_window_always_reactivates() -> None:
    assert return_counts_as_reactivation(10_000, None)
    assert not return_counts_as_reactivation(2, 59)
    assert return_counts_as_reactivation(2, 60)


# --- properties over random ledgers ---------------------------------------------------------

FIRST, LAST = Month(2022, 1), Month(2024, 12)
days = st.dates(dt.date(2021, 11, 1), dt.date(2025, 1, 31))


@st.composite
def ledgers(draw: st.DrawFn) -> list[LineFact]:
    """Random contract lines of a few clients starting and ending over about three years."""
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        start = draw(days)
        end = draw(st.one_of(st.none(), st.dates(start, dt.date(2025, 1, 31))))
        mrr = draw(st.sampled_from([0, 1, 99_00, 250_00]) | st.integers(0, 3_000_00))
        lines.append(LineFact(draw(st.integers(1, 6)), start, end, mrr))
    return lines


policies = st.builds(Policy, reactivation_window_days=st.one_of(st.none(), st.integers(0, 400)))


@quick
@given(ledgers(), policies)
def test_movement_identity_holds_every_month(lines: list[LineFact], policy: Policy) -> None:
    series = client_mrr_series(lines, FIRST, LAST)
    n = LAST.index - FIRST.index + 1
    mrr = shop_mrr_series(series) or [0] * n
    moves = movements_by_month(series, policy, months=n)
    assert moves[0] is None
    for i in range(1, n):
        m = moves[i]
        assert m is not None
        assert min(m.new, m.expansion, m.contraction, m.churn, m.reactivation) >= 0
        assert mrr[i] == mrr[i - 1] + m.new + m.reactivation + m.expansion - m.contraction - m.churn
        assert m.net_cents == mrr[i] - mrr[i - 1]


series_values = st.lists(st.sampled_from([0, 0, 0, 100, 250, 400]), min_size=8, max_size=8)


@quick
@given(st.dictionaries(st.integers(1, 9), series_values, max_size=7), policies)
def test_counts_match_clients_changing_state(series: dict[int, list[int]], policy: Policy) -> None:
    moves = movements_by_month(series, policy, months=8)
    for i in range(1, 8):
        m = moves[i]
        assert m is not None
        pairs = [(c, v[i - 1], v[i]) for c, v in series.items()]
        started = {c for c, p, q in pairs if p == 0 < q}
        assert m.new_clients + m.reactivated_clients == len(started)
        assert set(m.new_client_ids) <= started and len(m.new_client_ids) == m.new_clients
        assert m.churned_clients == sum(1 for _, p, q in pairs if p > 0 == q)
        assert m.expanded_clients == sum(1 for _, p, q in pairs if q > p > 0)
        assert m.contracted_clients == sum(1 for _, p, q in pairs if 0 < q < p)
        assert m.churn == sum(p for _, p, q in pairs if p > 0 == q)
        if policy.reactivation_window_days is None:
            never_before = {c for c in started if not any(series[c][:i])}
            assert set(m.new_client_ids) == never_before
        assert monthly_movements(series, i, policy) == m
