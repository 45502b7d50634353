"""Account value: ARPA, ARR, margin, recurring share, lifetime, CLV, CAC and their ratios.

Derived money is computed exactly (``Fraction``) and rounded half-up to a cent once, at the
end; the ``*_exact`` forms hand the unrounded value to the next formula so nothing in a chain
is rounded early. A float argument is read as the decimal it prints as (0.7 is 7/10).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction

from msp_desk.kpi.inputs import SpendFact
from msp_desk.kpi.mrr import round_half_up

Num = int | float | Fraction
ALL_CHANNELS = "all"
BASIS_POINTS = 10_000


def exact(value: Num) -> Fraction:
    """``value`` as an exact fraction; a float is taken as the decimal it prints as."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        return Fraction(repr(value))
    return Fraction(value)


def to_cents(amount: Num) -> int:
    """An exact amount of cents rounded half-up (away from zero) to a whole cent."""
    q = exact(amount)
    return round_half_up(q.numerator, q.denominator)


def _as_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def arpa_exact(mrr_cents: int, active_clients: int) -> Fraction | None:
    """MRR / clients with MRR > 0, unrounded; None without active clients."""
    return Fraction(mrr_cents, active_clients) if active_clients > 0 else None


def arpa_cents(mrr_cents: int, active_clients: int) -> int | None:
    """Average revenue per account in whole cents (half-up); None without active clients."""
    value = arpa_exact(mrr_cents, active_clients)
    return None if value is None else to_cents(value)


def arr_cents(mrr_cents: int) -> int:
    """Annual run rate: 12 x MRR."""
    return 12 * mrr_cents


def arr_per_employee_cents(mrr_cents: int, employees: int | None) -> int | None:
    """ARR / shop employees in whole cents (half-up); None when the headcount is unknown or 0."""
    if not employees or employees < 0:
        return None
    return round_half_up(arr_cents(mrr_cents), employees)


def mrr_growth(mrr_now_cents: int, mrr_then_cents: int | None) -> float | None:
    """(MRR now - MRR then) / MRR then; None when "then" is unknown or was 0."""
    if not mrr_then_cents:
        return None
    return (mrr_now_cents - mrr_then_cents) / mrr_then_cents


def margin_exact(revenue_cents: int, cost_cents: int | None) -> Fraction | None:
    """(revenue - direct costs) / revenue, unrounded; None if revenue <= 0 or costs unknown."""
    if cost_cents is None or revenue_cents <= 0:
        return None
    return Fraction(revenue_cents - cost_cents, revenue_cents)


def gross_margin(revenue_cents: int, cost_cents: int | None) -> float | None:
    """Gross margin as a fraction (0.45 = 45%); None if revenue is 0 or costs unknown."""
    return _as_float(margin_exact(revenue_cents, cost_cents))


def recurring_share(recurring_cents: int, total_revenue_cents: int) -> float | None:
    """Recurring revenue / all revenue of the same period; None without revenue."""
    return recurring_cents / total_revenue_cents if total_revenue_cents > 0 else None


def mean_rate(rates: Iterable[Num | None]) -> Fraction | None:
    """Exact mean of the known rates (None skipped); None when none is known."""
    known = [exact(r) for r in rates if r is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def expected_lifetime_months(
    avg_monthly_logo_churn: Num | None, cap_months: int
) -> tuple[Fraction, bool] | None:
    """1 / average monthly logo churn, capped; returns (months, capped).

    0 churn gives the cap, flagged, never infinity. The months are exact (a ``Fraction``) so
    lifetime revenue is not rounded early; ``float()`` them to show. None if churn is unknown.
    """
    if avg_monthly_logo_churn is None:
        return None
    churn = exact(avg_monthly_logo_churn)
    if churn < 0:
        raise ValueError(f"churn rate must not be negative, not {avg_monthly_logo_churn}")
    cap = Fraction(cap_months)
    if churn == 0 or 1 / churn > cap:
        return cap, True
    return 1 / churn, False


def lifetime_revenue_cents(arpa: Num, lifetime_months: Num) -> int:
    """ARPA x expected lifetime in whole cents (half-up): what an average account brings in."""
    return to_cents(exact(arpa) * exact(lifetime_months))


def clv_cents(lifetime_revenue: Num, margin: Num | None) -> int | None:
    """Client lifetime value: lifetime revenue x gross margin; None if the margin is unknown."""
    return None if margin is None else to_cents(exact(lifetime_revenue) * exact(margin))


def allowable_acquisition_spend_cents(lifetime_revenue: Num, share_bp: int) -> int:
    """Lifetime revenue x the sales & marketing share (basis points: 1500 = 15%)."""
    return to_cents(exact(lifetime_revenue) * Fraction(share_bp, BASIS_POINTS))


def cac_exact(spend_cents: int | None, new_clients: int) -> Fraction | None:
    """Spend / new clients, unrounded; None if spend is unknown or nobody new was won."""
    if spend_cents is None or new_clients <= 0:
        return None
    return Fraction(spend_cents, new_clients)


def cac_cents(spend_cents: int | None, new_clients: int) -> int | None:
    """Customer acquisition cost in whole cents (half-up); None as ``cac_exact``."""
    value = cac_exact(spend_cents, new_clients)
    return None if value is None else to_cents(value)


def cac_by_channel(
    spend: Iterable[SpendFact],
    new_client_channels: Mapping[int, str | None],
    first_month: int,
    last_month: int,
) -> dict[str, int | None]:
    """CAC per channel over the ``Month.index`` range ``first_month..last_month`` (inclusive).

    ``new_client_channels`` maps each client won in the range to its channel (None unknown).
    A channel's CAC is its spend / its new clients: None when it won nobody or has no spend
    on record. Key ``"all"``: all spend / all new clients, unknown channels included.
    """
    spent: dict[str, int] = {}
    for fact in spend:
        if first_month <= fact.month <= last_month:
            spent[fact.channel] = spent.get(fact.channel, 0) + fact.amount_cents
    won: dict[str, int] = {}
    for channel in new_client_channels.values():
        if channel is not None:
            won[channel] = won.get(channel, 0) + 1
    result = {ch: cac_cents(spent.get(ch), won.get(ch, 0)) for ch in sorted(spent.keys() | won)}
    total = sum(spent.values()) if spent else None
    result[ALL_CHANNELS] = cac_cents(total, len(new_client_channels))
    return result


def clv_cac(clv: Num | None, cac: Num | None) -> float | None:
    """CLV : CAC (target >= 3); None if either is unknown or CAC is 0."""
    if clv is None or cac is None or exact(cac) == 0:
        return None
    return float(exact(clv) / exact(cac))


def cac_payback_months(cac: Num | None, arpa: Num | None, margin: Num | None) -> float | None:
    """CAC / (ARPA x gross margin): months of margin to earn back what a client cost.

    None if any input is unknown or the monthly margin per account is not positive.
    """
    if cac is None or arpa is None or margin is None:
        return None
    monthly_margin = exact(arpa) * exact(margin)
    if monthly_margin <= 0:
        return None
    return float(exact(cac) / monthly_margin)
