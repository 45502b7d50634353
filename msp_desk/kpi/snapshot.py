"""The KPI snapshot of a month (the ``kpi --json`` contract) and its bulk computation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from fractions import Fraction

from msp_desk.domain.values import Month
from msp_desk.kpi import churn, value
from msp_desk.kpi.inputs import ProjectFact, ShopFacts, SpendFact
from msp_desk.kpi.movements import movements_by_month
from msp_desk.kpi.mrr import (
    earliest_span_month,
    line_spans,
    span_series,
)
from msp_desk.kpi.referrals import channels_by_client, referral_share_new
from msp_desk.kpi.service_desk import (
    fcr_rate_from_stats,
    mttr_hours_from_stats,
    sla_compliance_from_stats,
    stats_by_month,
    summarize_tickets,
)

TRAILING_MONTHS = 12


@dataclass(frozen=True, slots=True)
class KpiSnapshot:
    """Every KPI of one month. Money in integer cents, rates as fractions (0.0123), None =
    cannot be computed (no data), never 0. Movements and churn rates of the first month of
    history are None: what came before it is unknown."""

    month: Month
    mrr: int
    arr: int
    active_clients: int
    arpa: int | None
    new: int | None
    expansion: int | None
    contraction: int | None
    churn: int | None
    reactivation: int | None
    net_mrr_churn_rate: float | None
    gross_mrr_churn_rate: float | None
    logo_churn_rate: float | None
    nrr_12m: float | None
    gross_margin: float | None
    recurring_share: float | None
    expected_lifetime_months: float | None
    lifetime_revenue: int | None
    clv: int | None
    cac: int | None
    clv_cac: float | None
    mttr_hours: dict[str, float | None] | None
    sla_compliance: float | None
    fcr: float | None
    arr_per_employee: int | None
    referral_share_new: float | None
    expected_lifetime_capped: bool | None
    mrr_growth_12m: float | None
    quick_ratio: float | None
    allowable_acquisition_spend: int | None
    cac_payback_months: float | None

    def to_json_dict(self) -> dict[str, object]:
        """Plain JSON-ready dict in field order: month as ``YYYY-MM``, None kept as None."""
        data: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["month"] = str(self.month)
        if self.mttr_hours is not None:
            data["mttr_hours"] = dict(self.mttr_hours)
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, object]) -> KpiSnapshot:
        """The inverse of ``to_json_dict`` (a stored snapshot read back)."""
        values = {f.name: data[f.name] for f in fields(cls)}
        values["month"] = Month.parse(str(data["month"]))
        return cls(**values)  # type: ignore[arg-type]  # JSON written by to_json_dict: each field its type


@dataclass(frozen=True, slots=True)
class _ProjectMonth:
    revenue_cents: int = 0
    cost_cents: int = 0
    unknown_cost: bool = False


def _projects_by_month(projects: Sequence[ProjectFact]) -> dict[int, _ProjectMonth]:
    result: dict[int, _ProjectMonth] = {}
    for p in projects:
        key = Month.of(p.day).index
        old = result.get(key, _ProjectMonth())
        result[key] = _ProjectMonth(
            old.revenue_cents + p.amount_cents,
            old.cost_cents + (p.cost_cents or 0),
            old.unknown_cost or p.cost_cents is None,
        )
    return result


def _spend_by_month(spend: Sequence[SpendFact]) -> dict[int, int]:
    """Total spend per month; a month without any spend fact is absent (unknown, not 0)."""
    result: dict[int, int] = {}
    for fact in spend:
        result[fact.month] = result.get(fact.month, 0) + fact.amount_cents
    return result


@dataclass(frozen=True, slots=True)
class _ValueChain:
    """The exact intermediate values of a month's account-value KPIs (None = unknown)."""

    arpa: Fraction | None
    margin: Fraction | None
    lifetime: tuple[Fraction, bool] | None
    life_revenue: Fraction | None
    clv: Fraction | None
    cac: Fraction | None


class _Ledger:
    """The shop's history computed once, up to the last month asked.

    History begins in the month of the earliest contract line, whatever months are asked, so
    a month's KPIs never depend on the range they are computed in. Position ``i`` of every
    list is month ``start + i``; ``start`` is that first month of history or, if earlier, the
    first month asked (before history MRR is 0 and movements are unknown).
    """

    def __init__(self, facts: ShopFacts, first: Month, last: Month) -> None:
        spans = facts.spans if facts.spans is not None else line_spans(facts.lines)
        history = facts.history
        prior: dict[int, int] = {}
        if history is None:
            earliest = earliest_span_month(spans)
            self.start = min(first, earliest) if earliest else first
        else:
            # Only the lines running from ``lines_from`` on: enough for months a year later.
            if first.index - history.lines_from.index < TRAILING_MONTHS:
                raise ValueError(
                    f"the facts hold the lines from {history.lines_from} on: too late for {first}"
                )
            earliest = history.first_month
            self.start = history.lines_from
            prior = {c: k - self.start.index for c, k in history.last_positive.items()}
        n = last.index - self.start.index + 1
        self.history_from = self.position(earliest) if earliest else n
        self.facts = facts
        self.series, self.line_costs = span_series(spans, self.start, last)
        # One transposition serves MRR, active clients and NRR (shop_mrr_series and
        # active_client_counts over the same columns).
        self.columns = list(zip(*self.series.values(), strict=True)) or [()] * n
        self.mrr = [sum(column) for column in self.columns]
        self.active = [len(column) - column.count(0) for column in self.columns]
        moves = movements_by_month(self.series, facts.policy, months=n, positive_before=prior)
        # A month is bridged only if its previous month lies in history too.
        self.movements = [m if i > self.history_from else None for i, m in enumerate(moves)]
        self.projects = _projects_by_month(facts.projects)
        self.spend = _spend_by_month(facts.spend)
        stats = facts.ticket_stats
        if stats is None:
            stats = summarize_tickets(facts.tickets)
        self.ticket_stats = stats_by_month(s for s in stats if first.index <= s.month <= last.index)
        self.channels = channels_by_client(facts.clients)

    def position(self, month: Month) -> int:
        return month.index - self.start.index

    def year_back(self, i: int) -> int | None:
        """Position of 12 months before ``i``, None if that is before history began."""
        back = i - TRAILING_MONTHS
        return back if back >= self.history_from else None

    def logo_churn_exact(self, i: int) -> Fraction | None:
        """Logo churn of position ``i``, exact, for averaging."""
        m = self.movements[i]
        if m is None or not self.active[i - 1]:
            return None
        return Fraction(m.churned_clients, self.active[i - 1])

    def margin_exact(self, i: int) -> Fraction | None:
        """Gross margin of one month: MRR and projects against line and project costs."""
        project = self.projects.get(self.start.index + i, _ProjectMonth())
        line_cost = self.line_costs.cost_at(i)
        if line_cost is None or project.unknown_cost:
            return None
        revenue = self.mrr[i] + project.revenue_cents
        return value.margin_exact(revenue, line_cost + project.cost_cents)

    def recurring_share(self, i: int) -> float | None:
        """Recurring / all revenue over the 12 months ending at ``i`` (no MRR before start)."""
        recurring = sum(self.mrr[max(0, i - TRAILING_MONTHS + 1) : i + 1])
        end = self.start.index + i
        projects = sum(
            self.projects[k].revenue_cents
            for k in range(end - TRAILING_MONTHS + 1, end + 1)
            if k in self.projects
        )
        return value.recurring_share(recurring, recurring + projects)

    def lifetime(self, i: int) -> tuple[Fraction, bool] | None:
        """Expected lifetime from the mean logo churn of the trailing 12 months."""
        rates = (self.logo_churn_exact(j) for j in range(max(1, i - TRAILING_MONTHS + 1), i + 1))
        return value.expected_lifetime_months(value.mean_rate(rates), self.facts.policy.lifetime_cap_months)

    def value_chain(self, i: int) -> _ValueChain:
        """ARPA, margin, lifetime, lifetime revenue, CLV and CAC of position ``i``, unrounded."""
        m = self.movements[i]
        arpa = value.arpa_exact(self.mrr[i], self.active[i])
        margin = self.margin_exact(i)
        lifetime = self.lifetime(i)
        life_revenue = arpa * lifetime[0] if arpa is not None and lifetime else None
        clv = life_revenue * margin if life_revenue is not None and margin is not None else None
        spend = self.spend.get(self.start.index + i)
        cac = value.cac_exact(spend, m.new_clients) if m else None
        return _ValueChain(arpa, margin, lifetime, life_revenue, clv, cac)

    def snapshot(self, month: Month) -> KpiSnapshot:
        """Every KPI of ``month``: rounded to cents or turned into floats only here."""
        i = self.position(month)
        mrr, active, m = self.mrr[i], self.active[i], self.movements[i]
        v = self.value_chain(i)
        lifetime = v.lifetime
        tickets = self.ticket_stats.get(month.index, [])
        back = self.year_back(i)
        return KpiSnapshot(
            month=month,
            mrr=mrr,
            arr=value.arr_cents(mrr),
            active_clients=active,
            arpa=_cents(v.arpa),
            new=m.new if m else None,
            expansion=m.expansion if m else None,
            contraction=m.contraction if m else None,
            churn=m.churn if m else None,
            reactivation=m.reactivation if m else None,
            net_mrr_churn_rate=churn.net_mrr_churn_rate(m, self.mrr[i - 1]) if m else None,
            gross_mrr_churn_rate=churn.gross_mrr_churn_rate(m, self.mrr[i - 1]) if m else None,
            logo_churn_rate=_float(self.logo_churn_exact(i)),
            nrr_12m=None if back is None else churn.nrr_from_columns(self.columns[back], self.columns[i]),
            gross_margin=_float(v.margin),
            recurring_share=self.recurring_share(i),
            expected_lifetime_months=float(lifetime[0]) if lifetime else None,
            lifetime_revenue=_cents(v.life_revenue),
            clv=_cents(v.clv),
            cac=_cents(v.cac),
            clv_cac=value.clv_cac(v.clv, v.cac),
            mttr_hours=mttr_hours_from_stats(tickets),
            sla_compliance=sla_compliance_from_stats(tickets),
            fcr=fcr_rate_from_stats(tickets),
            arr_per_employee=value.arr_per_employee_cents(mrr, self.facts.policy.employees),
            referral_share_new=referral_share_new(m.new_client_ids, self.channels) if m else None,
            expected_lifetime_capped=lifetime[1] if lifetime else None,
            mrr_growth_12m=None if back is None else value.mrr_growth(mrr, self.mrr[back]),
            quick_ratio=churn.quick_ratio(m.new, m.expansion, m.contraction, m.churn) if m else None,
            allowable_acquisition_spend=None
            if v.life_revenue is None
            else value.allowable_acquisition_spend_cents(
                v.life_revenue, self.facts.policy.sales_marketing_share_bp
            ),
            cac_payback_months=value.cac_payback_months(v.cac, v.arpa, v.margin),
        )


def _cents(amount: Fraction | None) -> int | None:
    return None if amount is None else value.to_cents(amount)


def _float(rate: Fraction | None) -> float | None:
    return None if rate is None else float(rate)


def kpi_snapshots(facts: ShopFacts, first: Month, last: Month) -> list[KpiSnapshot]:
    """Snapshots of every month ``first..last``; the history behind them is computed once."""
    if last < first:
        raise ValueError(f"last month {last} is before first month {first}")
    ledger = _Ledger(facts, first, last)
    return [ledger.snapshot(Month.from_index(k)) for k in range(first.index, last.index + 1)]


def kpi_snapshot(facts: ShopFacts, month: Month) -> KpiSnapshot:
    """The snapshot of one month (history from the first contract line still counts)."""
    return kpi_snapshots(facts, month, month)[0]
