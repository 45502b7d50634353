"""Account value KPIs against the worked examples: E1 (seed 003), E6, E8, E9."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msp_desk.kpi.inputs import SpendFact
from msp_desk.kpi.value import (
    allowable_acquisition_spend_cents,
    arpa_cents,
    arr_cents,
    arr_per_employee_cents,
    cac_by_channel,
    cac_cents,
    cac_payback_months,
    clv_cac,
    clv_cents,
    exact,
    expected_lifetime_months,
    gross_margin,
    lifetime_revenue_cents,
    mean_rate,
    mrr_growth,
    recurring_share,
    to_cents,
)

quick = settings(max_examples=200, deadline=None)


def test_e1_seed_003_lifetime_value_to_the_cent() -> None:
    """$5,000/month x 36 months = $180,000; x 50% margin = $90,000; x 15% = $27,000."""
    lifetime = expected_lifetime_months(Fraction(1, 36), cap_months=120)
    assert lifetime == (36, False)
    revenue = lifetime_revenue_cents(5_000_00, lifetime[0])
    assert revenue == 180_000_00
    assert clv_cents(revenue, 0.5) == 90_000_00
    assert allowable_acquisition_spend_cents(revenue, 1500) == 27_000_00


@pytest.mark.parametrize(
    ("arpa", "churn", "expected"),
    [(10_00, 0.04, 250_00), (10_00, 0.06, 166_67), (100_00, 0.05, 2_000_00)],
)
def test_e6_lifetime_value_from_arpa_and_churn(arpa: int, churn: float, expected: int) -> None:
    lifetime = expected_lifetime_months(churn, cap_months=120)
    assert lifetime is not None and not lifetime[1]
    assert lifetime_revenue_cents(arpa, lifetime[0]) == expected


def test_e6_zero_churn_is_capped_and_flagged_never_infinite() -> None:
    assert expected_lifetime_months(0, cap_months=120) == (120, True)
    assert expected_lifetime_months(0.001, cap_months=120) == (120, True)  # 1000 months > cap
    assert expected_lifetime_months(None, cap_months=120) is None
    with pytest.raises(ValueError):
        expected_lifetime_months(-0.1, cap_months=120)


def test_e8_cac_payback_is_exactly_16_months() -> None:
    assert cac_payback_months(400_00, 25_00, 1) == 16.0
    assert cac_payback_months(400_00, 25_00, 1.0) == 16.0


def test_e9_cac_payback_with_a_70_percent_margin() -> None:
    months = cac_payback_months(3_500_00, 150_00, 0.7)
    assert months == pytest.approx(100 / 3)
    assert round(months, 1) == 33.3


def test_payback_unknown_without_inputs_or_margin() -> None:
    assert cac_payback_months(None, 150_00, 0.7) is None
    assert cac_payback_months(100, None, 0.7) is None
    assert cac_payback_months(100, 150_00, None) is None
    assert cac_payback_months(100, 150_00, 0) is None
    assert cac_payback_months(100, 150_00, -0.2) is None


def test_arpa_rounds_half_up_to_a_cent() -> None:
    assert arpa_cents(1_001, 2) == 501  # 500.5
    assert arpa_cents(1_000, 3) == 333
    assert arpa_cents(1_000, 0) is None


def test_arr_and_arr_per_employee() -> None:
    assert arr_cents(10_000_00) == 120_000_00
    assert arr_per_employee_cents(10_000_00, 4) == 30_000_00
    assert arr_per_employee_cents(1, 8) == 2  # 12/8 = 1.5 -> 2
    assert arr_per_employee_cents(10_000_00, None) is None
    assert arr_per_employee_cents(10_000_00, 0) is None


def test_growth_margin_and_recurring_share() -> None:
    assert mrr_growth(115_00, 100_00) == pytest.approx(0.15)
    assert mrr_growth(115_00, 0) is None
    assert mrr_growth(115_00, None) is None
    assert gross_margin(100_00, 40_00) == pytest.approx(0.6)
    assert gross_margin(100_00, 150_00) == pytest.approx(-0.5)
    assert gross_margin(100_00, None) is None
    assert gross_margin(0, 0) is None
    assert recurring_share(80_00, 100_00) == pytest.approx(0.8)
    assert recurring_share(0, 0) is None


def test_cac_and_clv_cac() -> None:
    assert cac_cents(1_000_00, 3) == 333_33
    assert cac_cents(5, 2) == 3
    assert cac_cents(None, 3) is None
    assert cac_cents(1_000_00, 0) is None
    assert clv_cac(900_00, 300_00) == 3.0
    assert clv_cac(900_00, 0) is None
    assert clv_cac(None, 300_00) is None
    assert clv_cents(100_00, None) is None


def test_cac_by_channel() -> None:
    spend = [
        SpendFact(100, "marketing", 3_000_00),
        SpendFact(101, "marketing", 1_500_00),
        SpendFact(101, "referral", 200_00),
        SpendFact(99, "marketing", 9_999_00),  # outside the range
        SpendFact(101, "outbound", 700_00),  # spent, nobody won
    ]
    new = {1: "marketing", 2: "marketing", 3: "marketing", 4: "referral", 5: "partner", 6: None}
    assert cac_by_channel(spend, new, 100, 101) == {
        "marketing": 1_500_00,
        "outbound": None,
        "partner": None,  # won one, but no partner spend on record
        "referral": 200_00,
        "all": 900_00,  # 5,400 / 6 new clients, the unknown channel included
    }
    assert cac_by_channel([], {1: "marketing"}, 100, 101) == {"marketing": None, "all": None}


def test_exact_reads_a_float_as_its_decimal() -> None:
    assert exact(0.7) == Fraction(7, 10)
    assert exact(3) == Fraction(3)
    assert to_cents(Fraction(5, 2)) == 3
    assert to_cents(Fraction(-5, 2)) == -3
    assert mean_rate([Fraction(1, 10), None, 0.3]) == Fraction(1, 5)
    assert mean_rate([None]) is None
    with pytest.raises(ValueError):
        exact(float("nan"))


rates = st.fractions(min_value=0, max_value=1, max_denominator=1000)


@quick
@given(rates, st.integers(1, 240))
def test_lifetime_never_exceeds_the_cap(churn: Fraction, cap: int) -> None:
    result = expected_lifetime_months(churn, cap)
    assert result is not None
    months, capped = result
    assert 0 < months <= cap
    assert capped == (churn == 0 or 1 / churn > cap)
    if not capped:
        assert months * churn == 1


@quick
@given(st.integers(0, 10**8), rates, rates)
def test_clv_never_exceeds_lifetime_revenue_nor_goes_negative(
    revenue: int, margin: Fraction, share: Fraction
) -> None:
    clv = clv_cents(revenue, margin)
    assert clv is not None and 0 <= clv <= revenue
    spend = allowable_acquisition_spend_cents(revenue, int(share * 10_000))
    assert 0 <= spend <= revenue
