"""The owner's monthly KPI report: every KPI against its benchmark with its status, the MRR and
movement charts, the month's largest movements with their causes, the accounts to review and
who to ask for referrals. Plain data in (``KpiReport``, built by ``services.reports.kpi_report``),
PDF bytes out; the figures arrive already judged and, except the charts' series, as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.reports.document import Masthead, content_size, render
from msp_desk.reports.kpi_report_charts import movement_chart, mrr_chart
from msp_desk.reports.kpi_report_tables import (
    STATUS_WORDS,
    ask_table,
    kpi_table,
    mover_table,
    review_table,
)
from msp_desk.reports.theme import styles

TITLE = "Monthly KPI report"


@dataclass(frozen=True)
class KpiLine:
    """One KPI: its value as printed, its benchmark ("" none), its status (good, watch, bad;
    None: no benchmark or no value) and a note: why the value is "—", or what it rests on."""

    label: str
    value: str
    target: str = ""
    status: str | None = None
    note: str = ""


@dataclass(frozen=True)
class KpiSection:
    title: str
    lines: tuple[KpiLine, ...]


@dataclass(frozen=True)
class MoverLine:
    """A client's movement in the month: the kind, the change, MRR before and after, and why."""

    client: str
    movement: str  # "New", "Expansion" ...
    change: str  # "+$1,782.00" / "−$600.00"
    mrr: str  # "$2,728.00 → $2,128.00"
    causes: str  # "add-on stopped"
    gain: bool


@dataclass(frozen=True)
class ReviewLine:
    """An account to review: its MRR and each flag (label, reason with its numbers)."""

    client: str
    mrr: str
    flags: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AskLine:
    """A client to ask for a referral: the person to ask, its readiness and why now."""

    client: str
    contact: str
    score: int
    why: str


@dataclass(frozen=True)
class MrrSeries:
    """The chart's months and the shop's MRR at each month end (cents); ``gains``/``losses``
    (new + expansion + reactivation, contraction + churn) are None where the movements are
    unknown (the first month of history); ``growth_band`` the benchmark's yearly growth
    (low, high) from MRR a year before the month, when the chart reaches that far."""

    months: tuple[Month, ...]
    mrr: tuple[int, ...]
    gains: tuple[int | None, ...]
    losses: tuple[int | None, ...]
    growth_band: tuple[float, float] | None = None


@dataclass(frozen=True)
class KpiReport:
    """Everything the report prints, for one shop and one month."""

    head: Masthead
    month: Month
    currency: str
    locale: str
    summary: str  # one sentence: MRR, its change, the clients
    sections: tuple[KpiSection, ...]
    series: MrrSeries
    movers: tuple[MoverLine, ...] | None  # None: the month before is not in the history
    movers_more: int  # movements left out of the table (the smaller ones)
    no_movers: str  # what to say when there are none (or they are unknown)
    reviews: tuple[ReviewLine, ...]
    asks: tuple[AskLine, ...]
    as_of: str  # the day the review flags and readiness were read, as text
    reviews_more: int = 0  # flagged accounts left out (those with fewer flags, smaller MRR)
    asks_more: int = 0  # clients ready to ask left out (lower readiness)
    no_reviews: str = "No account is flagged for review."
    no_asks: str = "No client is at the ask threshold yet."


def render_kpi_report(report: KpiReport) -> bytes:
    """The report as PDF bytes (fonts embedded, "Page x of y")."""
    return render(story(report), report.head)


def story(report: KpiReport) -> list[Flowable]:
    st = styles()
    width, _ = content_size(report.head.paper)
    month = fmt.month_text(report.month, report.locale)
    flow: list[Flowable] = [
        Paragraph(f"{TITLE}: {month}", st.title),
        Paragraph(report.summary, st.body),
        Paragraph(_status_counts(report.sections), st.quiet),
        Spacer(1, 4),
    ]
    for section in report.sections:
        flow.append(KeepTogether([Paragraph(section.title, st.heading), kpi_table(section.lines, width)]))
    flow.append(KeepTogether([Paragraph("MRR and its movements", st.heading), *_charts(report, width)]))
    movers: list[Flowable] = [Paragraph(f"Largest movements in {month}", st.heading)]
    if report.movers:
        movers.append(mover_table(report.movers, width))
        if report.movers_more:
            smaller = fmt.plural(report.movers_more, "smaller movement")
            movers.append(Paragraph(f"and {smaller} not listed.", st.quiet))
    else:
        movers.append(Paragraph(report.no_movers, st.body))
    flow.append(KeepTogether(movers))
    flow.append(Paragraph("Accounts to review", st.heading))
    flow.append(Paragraph(f"Flagged on {report.as_of}: a reason to look, not a verdict.", st.quiet))
    flow.append(
        review_table(report.reviews, width) if report.reviews else Paragraph(report.no_reviews, st.body)
    )
    if report.reviews_more:
        flow.append(Paragraph(f"and {fmt.plural(report.reviews_more, 'more account')} flagged.", st.quiet))
    flow.append(Paragraph("Who to ask for referrals", st.heading))
    flow.append(Paragraph(f"Ready to ask on {report.as_of}, best readiness first.", st.quiet))
    flow.append(ask_table(report.asks, width) if report.asks else Paragraph(report.no_asks, st.body))
    if report.asks_more:
        flow.append(Paragraph(f"and {fmt.plural(report.asks_more, 'more client')} ready to ask.", st.quiet))
    return flow


def _status_counts(sections: Sequence[KpiSection]) -> str:
    """ "8 on target · 1 to watch · 2 off target · 3 without data" over the benchmarked KPIs."""
    lines = [line for section in sections for line in section.lines if line.target]
    counts = [(sum(line.status == status for line in lines), word) for status, word in STATUS_WORDS.items()]
    missing = sum(line.status is None for line in lines)
    parts = [f"{n} {word.lower()}" for n, word in counts]
    if missing:
        parts.append(f"{missing} without data")
    return "Against the benchmarks: " + " · ".join(parts) + "."


def _charts(report: KpiReport, width: float) -> list[Flowable]:
    st = styles()
    series = report.series
    if len(series.months) < 2:
        return [
            Paragraph("The charts need two months of recurring revenue; there is not that much yet.", st.body)
        ]
    flow: list[Flowable] = [mrr_chart(series, report.currency, report.locale, width), Spacer(1, 8)]
    if any(g is not None for g in series.gains):
        flow.append(movement_chart(series, report.currency, report.locale, width))
    return flow
