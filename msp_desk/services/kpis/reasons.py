"""Why a KPI shows "—" (a dashboard tile, a line of the owner's KPI report): the input it is
missing in that month, worked out from the snapshot's own figures (the KPI engine's rules,
``kpi.snapshot``), and where to enter it.

Each ``Gap`` names the missing input in a short caption and the page that fills it ("clients",
"ladder", "finances", "settings"; "" when nothing in the app enters it yet)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from msp_desk import formatting as fmt
from msp_desk.kpi.inputs import PRIORITIES
from msp_desk.kpi.service_desk import ALL_PRIORITIES
from msp_desk.kpi.snapshot import TRAILING_MONTHS, KpiSnapshot

# Pages a tile opens; tickets are entered from a client (its Tickets tab) for now.
CLIENTS, LADDER, FINANCES, SETTINGS, NOWHERE = "clients", "ladder", "finances", "settings", ""
TICKETS = CLIENTS
PLACE_TITLES = {CLIENTS: "Clients", LADDER: "Ladder", FINANCES: "Spend & revenue", SETTINGS: "Settings"}
"""How a tile's tooltip names the page a click opens."""


@dataclass(frozen=True)
class Gap:
    """What a tile is missing (a caption, lower case) and the page where it is entered."""

    reason: str
    place: str


def kpi_gaps(
    s: KpiSnapshot, locale: str, tickets: str = "tickets", *, uncosted_revenue: bool = False
) -> dict[str, Gap]:
    """The tiles of ``s`` that cannot be shown (by ``dashboard.page.TILE_KEYS`` key), each with
    why; ``arr`` is there when ARR per employee cannot be (the ARR itself always can). The
    report's other lines have theirs too: ``movements``, ``gross_mrr_churn``, ``logo_churn``,
    ``mrr_growth_12m``, ``lifetime`` (and ``clv``, ``cac``), ``mttr_<priority>``.
    ``uncosted_revenue``: one-off revenue of the month lacks its direct cost (the snapshot
    cannot say which direct cost its margin is missing)."""

    def month(k: int = 0) -> str:
        return fmt.month_text(s.month - k, locale)

    no_clients = Gap(f"no paying clients at the end of {month()} — start a client on a rung", CLIENTS)
    # Movements (new, churn ...) need the month before in the history: before the first
    # contract line there is no MRR, so "none at the end of last month" is what is missing.
    no_last_month = Gap(f"no recurring revenue at the end of {month(1)} to compare with", CLIENTS)
    no_tickets = Gap(f"no {tickets} resolved in {month()} — add or import {tickets}", TICKETS)
    gaps: dict[str, Gap] = {}
    if s.arr_per_employee is None:
        gaps["arr"] = Gap("set your employees in Settings for ARR per employee", SETTINGS)
    if s.arpa is None:
        gaps["arpa"] = no_clients
    if s.net_mrr_churn_rate is None:
        gaps["net_mrr_churn"] = no_last_month
    if s.nrr_12m is None:
        gaps["nrr_12m"] = Gap(
            f"needs {TRAILING_MONTHS} months of history: no recurring revenue at the end of "
            f"{month(TRAILING_MONTHS)}",
            CLIENTS,
        )
    margin = _margin_gap(s, month(), uncosted_revenue)
    if margin is not None:
        gaps["gross_margin"] = margin
    if s.clv_cac is None:
        gaps["clv_cac"] = _clv_cac_gap(s, month(), no_clients, no_last_month, margin)
    if s.recurring_share is None:  # for a tile that shows it (``msp-desk kpi`` prints it)
        gaps["recurring_share"] = Gap(
            f"no revenue in the 12 months to {month()} — start a client on a rung or add one-off revenue",
            CLIENTS,
        )
    if s.mttr_hours is None:
        gaps["mttr_p1"] = gaps["sla"] = gaps["fcr"] = no_tickets
    else:
        if s.mttr_hours.get("P1") is None:
            gaps["mttr_p1"] = Gap(f"no critical (P1) {tickets} resolved in {month()}", NOWHERE)
        if s.sla_compliance is None:
            gaps["sla"] = Gap(
                f"no {tickets} resolved in {month()} have a response target or an SLA verdict", TICKETS
            )
        if s.fcr is None:
            gaps["fcr"] = Gap(
                f"first-contact resolution is not recorded on the {tickets} resolved in {month()}", TICKETS
            )
    if s.referral_share_new is None:
        gaps["referral_share"] = (
            no_last_month if s.new is None else Gap(f"no new clients in {month()}", CLIENTS)
        )
    gaps.update(_report_gaps(s, month, no_last_month, no_clients, margin, tickets))
    return gaps


def _report_gaps(
    s: KpiSnapshot,
    month: Callable[..., str],
    no_last_month: Gap,
    no_clients: Gap,
    margin: Gap | None,
    tickets: str,
) -> dict[str, Gap]:
    """The reasons of the figures the report prints beside the tiles'."""
    gaps: dict[str, Gap] = {}
    if s.new is None:
        gaps["movements"] = gaps["gross_mrr_churn"] = no_last_month
    if s.logo_churn_rate is None:
        gaps["logo_churn"] = (
            no_last_month if s.new is None else Gap(f"no paying clients at the end of {month(1)}", CLIENTS)
        )
    if s.mrr_growth_12m is None:
        gaps["mrr_growth_12m"] = Gap(
            f"needs {TRAILING_MONTHS} months of history: no recurring revenue at the end of "
            f"{month(TRAILING_MONTHS)}",
            CLIENTS,
        )
    if s.expected_lifetime_months is None:
        gaps["lifetime"] = Gap("no churn history yet (paying clients two months running)", CLIENTS)
    clv = gaps.get("lifetime") if s.arpa is not None else no_clients
    if s.clv is None:
        gaps["clv"] = clv or margin or Gap("needs ARPA, a lifetime and the margin", NOWHERE)
    if s.cac is None:
        if s.new is None:
            gaps["cac"] = no_last_month
        elif not s.new:
            gaps["cac"] = Gap(f"no new clients in {month()}", CLIENTS)
        else:
            gaps["cac"] = Gap(f"no marketing spend recorded for {month()} — add or import spend", FINANCES)
    if s.mttr_hours is None:
        for priority in (*PRIORITIES, ALL_PRIORITIES):
            gaps[f"mttr_{priority}"] = Gap(
                f"no {tickets} resolved in {month()} — add or import {tickets}", TICKETS
            )
    for priority, hours in (s.mttr_hours or {}).items():
        if hours is None:
            gaps[f"mttr_{priority}"] = Gap(f"no {priority} {tickets} resolved in {month()}", NOWHERE)
    return gaps


def _margin_gap(s: KpiSnapshot, month: str, uncosted_revenue: bool) -> Gap | None:
    if s.gross_margin is not None:
        return None
    if not s.mrr:
        return Gap(f"no recurring revenue in {month} — start a client on a rung", CLIENTS)
    # With revenue, the margin is unknown only when a direct cost is: a one-off revenue row's,
    # entered on Spend & revenue, or else the ladder's.
    if uncosted_revenue:
        return Gap(f"one-off revenue of {month} has no direct cost — enter it", FINANCES)
    return Gap(f"a direct cost is missing on a rung, add-on or line in {month}", LADDER)


def _clv_cac_gap(s: KpiSnapshot, month: str, no_clients: Gap, no_last_month: Gap, margin: Gap | None) -> Gap:
    """CLV : CAC needs both: what each of them is missing, named; the page of the first."""
    needs: list[Gap] = []
    if s.clv is None:
        if s.arpa is None:
            needs.append(Gap(f"CLV: {no_clients.reason}", no_clients.place))
        elif margin is not None:
            needs.append(Gap(f"CLV: {margin.reason}", margin.place))
        elif s.expected_lifetime_months is None:
            needs.append(Gap("CLV: no churn history yet (paying clients two months running)", CLIENTS))
    if s.cac is None:
        if s.new is None:
            needs.append(Gap(f"CAC: {no_last_month.reason}", no_last_month.place))
        elif not s.new:
            needs.append(Gap(f"CAC: no new clients in {month}", CLIENTS))
        else:
            needs.append(Gap(f"CAC: no marketing spend recorded for {month} — add or import spend", FINANCES))
    elif s.cac == 0:
        needs.append(Gap(f"CAC: the marketing spend recorded for {month} is 0", FINANCES))
    place = next((g.place for g in needs if g.place), NOWHERE)
    return Gap("; ".join(g.reason for g in needs) or "needs both CLV and CAC", place)
