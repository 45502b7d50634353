"""The KPI report's lines: every figure of ``msp-desk kpi --json`` as the shop's locale writes
it, against its benchmark with its status, or "—" with the reason (``services.kpis.reasons``);
and the causes of a client's movement in the shop's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from msp_desk import formatting as fmt
from msp_desk.kpi.causes import Cause
from msp_desk.kpi.inputs import PRIORITIES
from msp_desk.kpi.movements import CHURN, CONTRACTION, EXPANSION, NEW, REACTIVATION
from msp_desk.kpi.service_desk import ALL_PRIORITIES
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.reports.kpi_report import KpiLine, KpiSection
from msp_desk.services.kpis.benchmarks import Verdict, verdicts
from msp_desk.services.kpis.movers import Mover
from msp_desk.services.kpis.reasons import Gap


@dataclass(frozen=True)
class Shop:
    """How the shop writes its figures and names its work."""

    currency: str
    locale: str
    tickets: str  # "tickets" or "requests"
    units: str  # "seats" or "hours a month"

    def money(self, cents: int | None) -> str:
        return fmt.money(cents, self.currency, self.locale)

    def pct(self, fraction: float | None, digits: int = 1) -> str:
        return fmt.percent(fraction, self.locale, digits)


def kpi_sections(
    s: KpiSnapshot,
    bench: Mapping[str, Any],
    gaps: Mapping[str, Gap],
    movers: Sequence[Mover] | None,
    shop: Shop,
) -> tuple[KpiSection, ...]:
    """The report's KPI tables, in the order an owner reads them."""
    judged = verdicts(s, bench, shop.currency, shop.locale)

    def line(label: str, value: str, key: str = "", verdict: str = "", note: str = "") -> KpiLine:
        """A KPI's line: its verdict (by ``verdicts`` key) and, when "—", why (by gap key)."""
        v = judged.get(verdict, Verdict("", None))
        gap = gaps.get(key) if value == fmt.NO_DATA else None
        return KpiLine(label, value, v.target, v.status, gap.reason if gap else note)

    month = fmt.month_text(s.month, shop.locale)
    growth = s.mrr_growth_12m
    growth_text = fmt.NO_DATA if growth is None else ("+" if growth >= 0 else "") + shop.pct(growth)
    capped = " (capped)" if s.expected_lifetime_capped else ""
    revenue = KpiSection(
        "Recurring revenue",
        (
            line("MRR", shop.money(s.mrr), note=f"at the end of {month}"),
            line("MRR growth (12 months)", growth_text, "mrr_growth_12m", "mrr_growth_12m"),
            line("ARR", shop.money(s.arr), note="12 × MRR"),
            line("Paying clients", fmt.count(s.active_clients, shop.locale), note="with MRR at month end"),
            line("ARPA", shop.money(s.arpa), "arpa", note="average MRR per client"),
        ),
    )
    churn = KpiSection(
        "Churn and retention",
        (
            line("Net MRR churn", shop.pct(s.net_mrr_churn_rate, 2), "net_mrr_churn", "net_mrr_churn"),
            line("Gross MRR churn", shop.pct(s.gross_mrr_churn_rate, 2), "gross_mrr_churn"),
            line(
                "Logo churn",
                shop.pct(s.logo_churn_rate, 2),
                "logo_churn",
                note="clients lost ÷ paying last month",
            ),
            line("NRR (12 months)", shop.pct(s.nrr_12m), "nrr_12m", note="over 100%: the accounts grew"),
        ),
    )
    value = KpiSection(
        "Profit and account value",
        (
            line("Gross margin", shop.pct(s.gross_margin), "gross_margin", "gross_margin"),
            line(
                "Recurring share",
                shop.pct(s.recurring_share),
                "recurring_share",
                "recurring_share",
                "of revenue, 12 months",
            ),
            line(
                "Expected lifetime",
                fmt.months(s.expected_lifetime_months, shop.locale),
                "lifetime",
                note=f"1 ÷ average logo churn{capped}",
            ),
            line("Lifetime revenue", shop.money(s.lifetime_revenue), "lifetime", note="ARPA × lifetime"),
            line("CLV", shop.money(s.clv), "clv", note="lifetime revenue × gross margin"),
            line("CAC", shop.money(s.cac), "cac", note=f"marketing spend ÷ new clients in {month}"),
            line("CLV : CAC", fmt.ratio(s.clv_cac, shop.locale), "clv_cac", "clv_cac"),
        ),
    )
    return (
        revenue,
        _movements_section(s, gaps, movers, shop, month),
        churn,
        value,
        _service_section(s, line, shop),
        KpiSection(
            "Team and referrals",
            (
                line("ARR per employee", shop.money(s.arr_per_employee), "arr", "arr_per_employee"),
                line(
                    "Referral share of new clients",
                    shop.pct(s.referral_share_new, 0),
                    "referral_share",
                    "referral_share",
                ),
            ),
        ),
    )


def _movements_section(
    s: KpiSnapshot, gaps: Mapping[str, Gap], movers: Sequence[Mover] | None, shop: Shop, month: str
) -> KpiSection:
    """The month's MRR bridge: each kind of movement with how many clients made it."""
    counts = {
        kind: sum(m.kind == kind for m in movers or ())
        for kind in (NEW, EXPANSION, REACTIVATION, CONTRACTION, CHURN)
    }
    gap = gaps.get("movements")

    def move(label: str, cents: int | None, kind: str, sign: str) -> KpiLine:
        if cents is None:
            return KpiLine(label, fmt.NO_DATA, note=gap.reason if gap else "")
        who = fmt.plural(counts[kind], "client", locale=shop.locale) if cents else ""
        return KpiLine(label, f"{sign}{shop.money(cents)}" if cents else shop.money(0), note=who)

    net = (
        None
        if s.new is None
        else s.new + (s.expansion or 0) + (s.reactivation or 0) - (s.contraction or 0) - (s.churn or 0)
    )
    net_text = (
        fmt.NO_DATA if net is None else ("+" if net > 0 else "−" if net < 0 else "") + shop.money(abs(net))
    )
    return KpiSection(
        f"MRR movements in {month}",
        (
            move("New", s.new, NEW, "+"),
            move("Expansion", s.expansion, EXPANSION, "+"),
            move("Reactivation", s.reactivation, REACTIVATION, "+"),
            move("Contraction", s.contraction, CONTRACTION, "−"),
            move("Churn", s.churn, CHURN, "−"),
            KpiLine(
                "Net change", net_text, note=gap.reason if gap else "MRR this month − MRR the month before"
            ),
        ),
    )


def _service_section(s: KpiSnapshot, line: Any, shop: Shop) -> KpiSection:
    """MTTR by priority (P1 judged against its benchmark), SLA and first-contact resolution."""
    mttr = s.mttr_hours or {}
    lines = [line("MTTR P1 (critical)", fmt.hours(mttr.get("P1"), shop.locale), "mttr_p1", "mttr_p1")]
    for priority in PRIORITIES[1:]:
        lines.append(line(f"MTTR {priority}", fmt.hours(mttr.get(priority), shop.locale), f"mttr_{priority}"))
    lines.append(
        line(
            "MTTR, all priorities", fmt.hours(mttr.get(ALL_PRIORITIES), shop.locale), f"mttr_{ALL_PRIORITIES}"
        )
    )
    lines.append(line("SLA compliance", shop.pct(s.sla_compliance), "sla", "sla"))
    lines.append(line("First-contact resolution", shop.pct(s.fcr), "fcr", "fcr"))
    return KpiSection(f"{shop.tickets.capitalize()} and service levels", tuple(lines))


CAUSE_WORDS = {
    Cause.NEW: "new client",
    Cause.RETURN: "came back",
    Cause.CANCEL: "cancelled",
    Cause.TIER_UP: "moved up a tier",
    Cause.TIER_DOWN: "moved down a tier",
    Cause.ADDON_ON: "add-on started",
    Cause.ADDON_OFF: "add-on stopped",
    Cause.PRICE_CHANGE: "price changed",
    Cause.DISCOUNT_START: "discount started",
    Cause.DISCOUNT_END: "discount ended",
    Cause.OTHER: "other contract change",
}


def mover_cause_text(m: Mover, shop: Shop) -> str:
    """ "moved up a tier, more seats" in the shop's words (hours in a VA agency)."""
    units = shop.units.split()[0]  # "seats", "hours"
    words = []
    for cause in m.causes:
        if cause is Cause.SEATS:
            tier_moved = Cause.TIER_UP in m.causes or Cause.TIER_DOWN in m.causes
            words.append(f"{units} changed" if tier_moved else f"{'more' if m.gain else 'fewer'} {units}")
        else:
            words.append(CAUSE_WORDS.get(cause, cause.value))
    return ", ".join(words) or "—"
