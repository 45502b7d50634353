"""One verdict for a KPI against its benchmark, the same on the dashboard and in the reports:
good meets it, watch is a near miss, bad misses it; the shop's own targets count."""

from __future__ import annotations

from dataclasses import fields

from msp_desk.domain.benchmarks import DEFAULT_BENCHMARKS, merged_benchmarks
from msp_desk.domain.values import Month
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.services.kpis.benchmarks import BAD, GOOD, WATCH, verdicts


def snapshot(**values: object) -> KpiSnapshot:
    base: dict[str, object] = {f.name: None for f in fields(KpiSnapshot)}
    base.update(month=Month(2026, 2), mrr=100_000, arr=1_200_000, active_clients=4)
    base.update(values)
    return KpiSnapshot(**base)  # type: ignore[arg-type]  # every field given, None where unknown


def status(key: str, bench: dict[str, object] = DEFAULT_BENCHMARKS, **values: object) -> str | None:
    return verdicts(snapshot(**values), bench, "USD", "en_US")[key].status


def test_a_floor_is_met_nearly_met_or_missed() -> None:
    assert [status("sla", sla_compliance=x) for x in (0.95, 0.93, 0.90, 0.89)] == [GOOD, WATCH, WATCH, BAD]
    assert [status("gross_margin", gross_margin=x) for x in (0.41, 0.35, 0.29)] == [GOOD, WATCH, BAD]
    assert [status("clv_cac", clv_cac=x) for x in (3.0, 1.0, 0.9)] == [GOOD, WATCH, BAD]
    assert [status("mrr_growth_12m", mrr_growth_12m=x) for x in (0.15, 0.0, -0.01)] == [GOOD, WATCH, BAD]
    assert [status("recurring_share", recurring_share=x) for x in (0.8, 0.5, 0.49)] == [GOOD, WATCH, BAD]


def test_a_ceiling_is_kept_nearly_kept_or_broken() -> None:
    churn = [status("net_mrr_churn", net_mrr_churn_rate=x) for x in (-0.01, 0.0199, 0.02, 0.03, 0.031)]
    assert churn == [GOOD, GOOD, WATCH, WATCH, BAD]
    mttr = [status("mttr_p1", mttr_hours={"P1": h, "all": h}) for h in (3.9, 4.0, 6.0, 6.1)]
    assert mttr == [GOOD, WATCH, WATCH, BAD]


def test_no_value_has_no_status_and_the_targets_read_as_the_dashboard_says_them() -> None:
    judged = verdicts(snapshot(), DEFAULT_BENCHMARKS, "USD", "en_US")
    assert all(v.status is None for v in judged.values())
    assert {k: v.target for k, v in judged.items()} == {
        "mrr_growth_12m": "+15%–20% a year",
        "arr_per_employee": "$175K–$225K",
        "net_mrr_churn": "< 2% a month",
        "gross_margin": "40%–60%",
        "clv_cac": "≥ 3.0 : 1",
        "mttr_p1": "< 4.0 h",
        "sla": "≥ 95%",
        "fcr": "70%–75%",
        "referral_share": "20%–50% of new",
        "recurring_share": "≥ 80%",
    }


def test_the_shops_own_targets_are_the_ones_judged_against() -> None:
    strict = merged_benchmarks('{"sla_compliance_min": 0.98}')
    assert status("sla", strict, sla_compliance=0.96) == WATCH
    assert verdicts(snapshot(), strict, "USD", "en_US")["sla"].target == "≥ 98%"
