"""The KPI report's pages from plain data: statuses in words and colour, one reason said once for
a run of "—", names printed as themselves, the MRR chart's growth band from a year before."""

from __future__ import annotations

import io

from pypdf import PdfReader

from msp_desk.domain.values import Month
from msp_desk.reports.document import Masthead
from msp_desk.reports.kpi_report import (
    AskLine,
    KpiLine,
    KpiReport,
    KpiSection,
    MoverLine,
    MrrSeries,
    ReviewLine,
    render_kpi_report,
)
from msp_desk.reports.kpi_report_charts import growth_path, month_labels

MONTH = Month(2026, 10)


def series(n: int) -> MrrSeries:
    months = tuple(MONTH - (n - 1 - i) for i in range(n))
    return MrrSeries(
        months=months,
        mrr=tuple(100_000 + 1_000 * i for i in range(n)),
        gains=(None, *(2_000 for _ in range(n - 1))),
        losses=(None, *(1_000 for _ in range(n - 1))),
        growth_band=(0.15, 0.20),
    )


def report(**changes: object) -> KpiReport:
    values: dict[str, object] = dict(
        head=Masthead(shop="Ōsaka Harbor IT", title="Monthly KPI report", subject="October 2026"),
        month=MONTH,
        currency="USD",
        locale="en_US",
        summary="MRR at the end of October 2026: <b>$1,000.00</b>; 1 paying client.",
        sections=(
            KpiSection(
                "Service",
                (
                    KpiLine("SLA compliance", "93.0%", "≥ 95%", "watch"),
                    KpiLine("Gross margin", "20.0%", "40%–60%", "bad"),
                    KpiLine("FCR", "80.0%", "70%–75%", "good"),
                    KpiLine("MTTR P2", "—", note="no P2 tickets resolved in October 2026"),
                    KpiLine("MTTR P3", "—", note="no P2 tickets resolved in October 2026"),
                    KpiLine("CAC", "—", "", None, "no marketing spend recorded"),
                ),
            ),
        ),
        series=series(24),
        movers=(
            MoverLine("Hollis & Marsh <Law>", "Churn", "−$600.00", "$600.00 → $0.00", "cancelled", False),
        ),
        movers_more=3,
        no_movers="",
        reviews=(ReviewLine("Łódź Logistics", "$450.00", (("Low margin", "Margin 32% vs target 40%"),)),),
        asks=(AskLine("Zoë Müller Design", "Zoë Müller", 90, "QBR went well"),),
        as_of="Oct 31, 2026",
        asks_more=2,
    )
    values.update(changes)
    return KpiReport(**values)  # type: ignore[arg-type]  # the test's own values, each its field's type


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_statuses_read_as_words_and_one_reason_is_said_once() -> None:
    text = text_of(render_kpi_report(report()))
    assert "SLA compliance 93.0% ≥ 95% ● To watch" in text
    assert "Gross margin 20.0% 40%–60% ● Off target" in text
    assert "FCR 80.0% 70%–75% ● On target" in text
    assert "MTTR P2 — no P2 tickets resolved in October 2026 MTTR P3 — as above" in text
    assert "CAC — no marketing spend recorded" in text
    assert "Against the benchmarks: 1 on target · 1 to watch · 1 off target." in text


def test_names_print_as_themselves_and_lists_say_what_they_leave_out() -> None:
    text = text_of(render_kpi_report(report()))
    for name in ("Ōsaka Harbor IT", "Hollis & Marsh <Law>", "Łódź Logistics", "Zoë Müller Design"):
        assert name in text
    assert "and 3 smaller movements not listed." in text
    assert "and 2 more clients ready to ask." in text
    assert "Low margin: Margin 32% vs target 40%" in text


def test_the_charts_show_with_two_months_and_the_growth_band_with_a_year() -> None:
    text = text_of(render_kpi_report(report()))
    assert "Growth benchmark +15%–20% a year" in text and "MRR movements by month" in text
    short = text_of(render_kpi_report(report(series=series(6))))
    assert "MRR movements by month" in short
    none = text_of(
        render_kpi_report(report(series=series(1), movers=None, no_movers="Nothing to compare with."))
    )
    assert "The charts need two months of recurring revenue" in none and "Nothing to compare with." in none


def test_the_growth_band_runs_from_mrr_a_year_before_at_the_benchmark_rates() -> None:
    s = series(24)
    path = growth_path(s)
    assert path is not None
    lows, highs = path
    assert lows[:11] == [None] * 11 and highs[:11] == [None] * 11
    base = s.mrr[11] / 100
    assert lows[11] == highs[11] == base
    assert round(lows[-1], 6) == round(base * 1.15, 6) and round(highs[-1], 6) == round(base * 1.20, 6)
    assert growth_path(series(12)) is None  # the chart does not reach a year back


def test_month_labels_keep_the_reports_month_and_name_the_year() -> None:
    labels = month_labels(series(24).months, "en_US")
    assert labels[-1] == "Oct" and labels[-2] == "" and labels[-3] == "Aug"
    assert labels[0] == "" and labels[1] == "Dec"
    assert month_labels(series(3).months, "en_US") == ["Aug 2026", "Sep", "Oct"]
