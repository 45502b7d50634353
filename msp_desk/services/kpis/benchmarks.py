"""Each KPI against its benchmark (seed 002's defaults with the shop's overrides): the target as
text and a status, good / watch / bad. The dashboard's tiles and the owner's KPI report both
judge with this, so a figure never reads "good" in one and "bad" in the other.

*good* meets the benchmark; *watch* misses it by no more than its watch margin below; *bad*
misses it by more. The margins say where a miss stops being a near miss, where seed 002 gives
one: the average MSP's recurring share (50-75%) against the top performers' 80%, CLV:CAC of 1
(a client that only pays back its cost) against 3; MRR that still grows, if slower than
15% a year; the others a plain step beside the target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from msp_desk import formatting as fmt
from msp_desk.kpi.snapshot import KpiSnapshot

GOOD, WATCH, BAD = "good", "watch", "bad"

# How far below a floor (or above a ceiling) a figure is still a near miss ("watch").
WATCH_MARGINS: Mapping[str, float] = {
    "mrr_growth_12m": 0.15,  # from the 15% floor: still growing (>= 0%) is watch
    "arr_per_employee": 5_000_000,  # $50,000 of ARR an employee
    "net_mrr_churn": 0.01,  # one point of MRR a month
    "gross_margin": 0.10,
    "clv_cac": 2.0,  # from 3 : 1 down to 1 : 1
    "mttr_p1": 2.0,  # hours
    "sla": 0.05,
    "fcr": 0.10,
    "referral_share": 0.10,
    "recurring_share": 0.30,  # from 80% down to the average MSP's 50%
}


@dataclass(frozen=True)
class Verdict:
    """A KPI's benchmark as text (``≥ 95%``) and its status (None: no value to judge)."""

    target: str
    status: str | None


def at_least(value: float | None, floor: float, margin: float) -> str | None:
    """good at or above ``floor``, watch within ``margin`` below it, else bad."""
    if value is None:
        return None
    return GOOD if value >= floor else WATCH if value >= floor - margin else BAD


def below(value: float | None, ceiling: float, margin: float) -> str | None:
    """good under ``ceiling``, watch up to ``margin`` over it, else bad."""
    if value is None:
        return None
    return GOOD if value < ceiling else WATCH if value <= ceiling + margin else BAD


def verdicts(s: KpiSnapshot, bench: Mapping[str, Any], currency: str, locale: str) -> dict[str, Verdict]:
    """Every benchmarked KPI of ``s`` (keys as the dashboard's tiles name them, plus
    ``mrr_growth_12m``, ``arr_per_employee`` and ``recurring_share``)."""

    def pct(x: float) -> str:
        return fmt.percent(x, locale, 0)

    def span(pair: list[float]) -> str:
        return f"{pct(pair[0])}–{pct(pair[1])}"

    def short(cents: int) -> str:
        return fmt.money_compact(cents, currency, locale)

    m = WATCH_MARGINS
    growth, ape, gm = bench["mrr_growth_12m"], bench["arr_per_employee_cents"], bench["gross_margin"]
    fcr, ref = bench["fcr"], bench["referral_share_new"]
    churn_max, mttr_max = bench["net_mrr_churn_rate_max"], bench["mttr_p1_hours_max"]
    sla_min, clv_cac_min, recurring_min = (
        bench["sla_compliance_min"],
        bench["clv_cac_min"],
        bench["recurring_share_min"],
    )
    mttr_p1 = (s.mttr_hours or {}).get("P1")
    return {
        "mrr_growth_12m": Verdict(
            f"+{span(growth)} a year", at_least(s.mrr_growth_12m, growth[0], m["mrr_growth_12m"])
        ),
        "arr_per_employee": Verdict(
            f"{short(ape[0])}–{short(ape[1])}", at_least(s.arr_per_employee, ape[0], m["arr_per_employee"])
        ),
        "net_mrr_churn": Verdict(
            f"< {pct(churn_max)} a month", below(s.net_mrr_churn_rate, churn_max, m["net_mrr_churn"])
        ),
        "gross_margin": Verdict(span(gm), at_least(s.gross_margin, gm[0], m["gross_margin"])),
        "clv_cac": Verdict(
            f"≥ {fmt.ratio(clv_cac_min, locale)}", at_least(s.clv_cac, clv_cac_min, m["clv_cac"])
        ),
        "mttr_p1": Verdict(f"< {fmt.hours(mttr_max, locale)}", below(mttr_p1, mttr_max, m["mttr_p1"])),
        "sla": Verdict(f"≥ {pct(sla_min)}", at_least(s.sla_compliance, sla_min, m["sla"])),
        "fcr": Verdict(span(fcr), at_least(s.fcr, fcr[0], m["fcr"])),
        "referral_share": Verdict(
            f"{span(ref)} of new", at_least(s.referral_share_new, ref[0], m["referral_share"])
        ),
        "recurring_share": Verdict(
            f"≥ {pct(recurring_min)}", at_least(s.recurring_share, recurring_min, m["recurring_share"])
        ),
    }
