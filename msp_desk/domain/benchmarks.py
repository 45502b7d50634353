"""Benchmark targets (seed 002's defaults) and the shop's overrides; no ORM, cheap to import."""

from __future__ import annotations

import json
from typing import Any

# Benchmark targets of seed 002, as fractions / cents / hours; editable per shop.
DEFAULT_BENCHMARKS: dict[str, Any] = {
    "mrr_growth_12m": [0.15, 0.20],
    "net_mrr_churn_rate_max": 0.02,
    "gross_margin": [0.40, 0.60],
    "clv_cac_min": 3.0,
    "mttr_p1_hours_max": 4.0,
    "sla_compliance_min": 0.95,
    "fcr": [0.70, 0.75],
    "arr_per_employee_cents": [17_500_000, 22_500_000],
    "recurring_share_min": 0.80,
    "referral_share_new": [0.20, 0.50],
    # Referral readiness (kpi.readiness): "ask now" from this score (0-100) up; satisfaction
    # (0-10) that counts as good. SLA "met" for a client uses sla_compliance_min above.
    "readiness_ask_min": 70,
    "readiness_satisfaction_min": 8,
    # Account review flags (kpi.review_flags); the margin flag uses gross_margin's low end.
    "review_tickets_per_seat_ratio": 2.0,  # tickets a seat above this many times the shop median
    "review_declined_roadmap_min": 2,  # roadmap items declined in 12 months
    "review_satisfaction_max": 5,  # satisfaction (0-10) at or below this
}


def merged_benchmarks(benchmarks_json: str) -> dict[str, Any]:
    """The defaults with the shop's JSON overrides on top (a broken or unknown override is ignored)."""
    merged: dict[str, Any] = dict(DEFAULT_BENCHMARKS)
    if benchmarks_json.strip():
        try:
            overrides = json.loads(benchmarks_json)
        except ValueError:
            overrides = {}
        if isinstance(overrides, dict):
            merged.update({k: v for k, v in overrides.items() if k in merged})
    return merged
