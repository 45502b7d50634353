"""Churn and retention rates: net/gross MRR churn, logo churn, 12-month NRR and logo retention,
quick ratio."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from msp_desk.kpi.movements import Movements

NRR_MONTHS = 12


def _ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` as a float, None when the denominator is 0."""
    return numerator / denominator if denominator else None


def net_mrr_churn_rate(movements: Movements, prev_mrr_cents: int) -> float | None:
    """(churn + contraction - expansion) / MRR(M-1); negative is net negative churn.

    Reactivation and new MRR are not part of it (seed 002). None when MRR(M-1) is 0.
    """
    lost = movements.churn + movements.contraction - movements.expansion
    return _ratio(lost, prev_mrr_cents)


def gross_mrr_churn_rate(movements: Movements, prev_mrr_cents: int) -> float | None:
    """(churn + contraction) / MRR(M-1); None when MRR(M-1) is 0."""
    return _ratio(movements.churn + movements.contraction, prev_mrr_cents)


def logo_churn_rate(churned_clients: int, prev_active_clients: int) -> float | None:
    """Clients churned in M / clients with MRR > 0 in M-1; None when there were none."""
    return _ratio(churned_clients, prev_active_clients)


def nrr_12m(series: dict[int, list[int]], position: int) -> float | None:
    """Net revenue retention over 12 months at list ``position`` of the client MRR series.

    MRR now of the clients that had MRR > 0 twelve months earlier, over their MRR then (new
    clients since are left out; churned ones count 0). None with fewer than 12 months of
    history before ``position`` or when that month's MRR was 0.
    """
    if position < NRR_MONTHS:
        return None
    then = tuple(values[position - NRR_MONTHS] for values in series.values())
    now = tuple(values[position] for values in series.values())
    return nrr_from_columns(then, now)


def nrr_from_columns(then: tuple[int, ...], now: tuple[int, ...]) -> float | None:
    """NRR from two month columns of the series (same client order): the fast bulk form."""
    return _ratio(sum(compress(now, then)), sum(then))


def logo_retention_12m(then: Sequence[int], now: Sequence[int]) -> float | None:
    """Client (logo) retention over 12 months: of the clients with MRR > 0 twelve months
    earlier (``then``), the share that still has MRR > 0 (``now``; same client order). New
    clients since are left out; None when no client had MRR then."""
    kept = sum(1 for before, after in zip(then, now, strict=True) if before > 0 and after > 0)
    return _ratio(kept, sum(1 for before in then if before > 0))


def quick_ratio(
    new_cents: int, expansion_cents: int, contraction_cents: int, churn_cents: int
) -> float | None:
    """(new + expansion) / (contraction + churn), ProfitWell's growth efficiency.

    None when nothing was lost (the ratio would be infinite).
    """
    return _ratio(new_cents + expansion_cents, contraction_cents + churn_cents)
