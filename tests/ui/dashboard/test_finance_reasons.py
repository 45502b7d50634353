"""The dashboard's reasons that spend and one-off revenue fill: each names what is missing and
the page that enters it (``reasons.kpi_gaps``, worked from a month's snapshot)."""

from __future__ import annotations

from dataclasses import fields

from msp_desk.domain.values import Month
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.services.kpis.reasons import FINANCES, LADDER, PLACE_TITLES, Gap, kpi_gaps


def snapshot(**values: object) -> KpiSnapshot:
    base: dict[str, object] = {f.name: None for f in fields(KpiSnapshot)}
    base.update(month=Month(2026, 2), mrr=100_000, arr=1_200_000, active_clients=4)
    base.update(values)
    return KpiSnapshot(**base)  # type: ignore[arg-type]  # every field given, None where unknown


def test_an_unknown_margin_points_where_the_missing_cost_is_entered() -> None:
    s = snapshot()
    assert kpi_gaps(s, "en_US")["gross_margin"] == Gap(
        "a direct cost is missing on a rung, add-on or line in February 2026", LADDER
    )
    assert kpi_gaps(s, "en_US", uncosted_revenue=True)["gross_margin"] == Gap(
        "one-off revenue of February 2026 has no direct cost — enter it", FINANCES
    )
    assert "gross_margin" not in kpi_gaps(snapshot(gross_margin=0.4), "en_US", uncosted_revenue=True)


def test_cac_without_spend_and_recurring_share_without_revenue() -> None:
    s = snapshot(new=50_000, clv=900_000, cac=None, gross_margin=0.4, expected_lifetime_months=30.0)
    assert kpi_gaps(s, "en_US")["clv_cac"] == Gap(
        "CAC: no marketing spend recorded for February 2026 — add or import spend", FINANCES
    )
    free = snapshot(new=50_000, clv=900_000, cac=0, gross_margin=0.4)
    assert kpi_gaps(free, "en_US")["clv_cac"].place == FINANCES
    assert kpi_gaps(snapshot(mrr=0, recurring_share=None), "en_US")["recurring_share"].reason == (
        "no revenue in the 12 months to February 2026 — start a client on a rung or add one-off revenue"
    )
    assert PLACE_TITLES[FINANCES] == "Spend & revenue"
