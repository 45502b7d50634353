"""The KPI report's charts: MRR month by month with the growth benchmark's range from a year
before, and each month's gains (new, expansion, reactivation) up and losses (contraction,
churn) down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.reports.figures import Formatter, monthly_line, movement_bars

if TYPE_CHECKING:
    from msp_desk.reports.kpi_report import MrrSeries

CHART_HEIGHT = 165


def month_labels(months: tuple[Month, ...], locale: str) -> list[str]:
    """Axis labels: every month while they fit (12), else every other; January with its year."""
    every = 1 if len(months) <= 12 else 2
    last = len(months) - 1
    labels = []
    for i, month in enumerate(months):
        shown = (last - i) % every == 0  # the report's month is always labelled
        labels.append(fmt.month_abbr(month, locale, with_year=month.month == 1 or i == 0) if shown else "")
    return labels


def _money(currency: str, locale: str) -> Formatter:
    def money(value: float | None) -> str:
        return fmt.money_compact(None if value is None else round(value * 100), currency, locale)

    return money


def growth_path(series: MrrSeries) -> tuple[list[float | None], list[float | None]] | None:
    """Where MRR would be, growing at the benchmark's low and high rate a year from the MRR of
    twelve months before the report's month; None when the chart does not reach back that far
    or MRR was 0 then."""
    if series.growth_band is None or len(series.months) < 13:
        return None
    start = len(series.months) - 13
    base = series.mrr[start] / 100
    if base <= 0:
        return None
    low, high = series.growth_band
    lows: list[float | None] = [None] * start
    highs: list[float | None] = [None] * start
    for k in range(13):
        lows.append(base * (1 + low) ** (k / 12))
        highs.append(base * (1 + high) ** (k / 12))
    return lows, highs


def mrr_chart(series: MrrSeries, currency: str, locale: str, width: float) -> Drawing:
    path = growth_path(series)
    low, high = series.growth_band or (0.0, 0.0)
    band_label = f"Growth benchmark +{fmt.percent(low, locale, 0)}–{fmt.percent(high, locale, 0)} a year"
    return monthly_line(
        month_labels(series.months, locale),
        [cents / 100 for cents in series.mrr],
        band_path=path,
        band_label=band_label,
        series="MRR at month end",
        fmt=_money(currency, locale),
        width=width,
        height=CHART_HEIGHT,
        title=f"MRR, {fmt.month_text(series.months[0], locale)} – {fmt.month_text(series.months[-1], locale)}",
    )


def movement_chart(series: MrrSeries, currency: str, locale: str, width: float) -> Drawing:
    """Gains up, losses down; a month whose movements are unknown (the first of history) is empty."""
    return movement_bars(
        month_labels(series.months, locale),
        [(g or 0) / 100 for g in series.gains],
        [(x or 0) / 100 for x in series.losses],
        series=("New, expansion, reactivation", "Contraction, churn"),
        fmt=_money(currency, locale),
        width=width,
        height=CHART_HEIGHT,
        title="MRR movements by month",
    )
