"""Charts drawn in the PDF as vectors (ReportLab graphics): this quarter against the last, a
monthly line with its benchmark band, and monthly movements up and down.

Values arrive as plain numbers already in the unit shown (hours, percent points, dollars);
``None`` means no data and draws no bar, labelled with the formatter's text for None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from msp_desk.reports.fonts import BOLD, REGULAR, register_fonts
from msp_desk.reports.theme import PALETTE

Formatter = Callable[[float | None], str]
HEAD_HEIGHT = 16  # the title (left) and the legend (right) share the top line
TITLE_SIZE = 8.5
LEGEND_SIZE = 7


Swatches = Sequence[tuple[colors.Color, str]]


def _drawing(width: float, height: float, title: str, swatches: Swatches) -> tuple[Drawing, float]:
    """An empty figure in the report font with its title at the top left and the series'
    swatches at the top right (on a line of their own when both do not fit); returns the
    figure and the height left for the plot."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=REGULAR)  # else the page names Helvetica
    if title:
        drawing.add(String(0, height - 9, title, fontName=BOLD, fontSize=TITLE_SIZE, fillColor=PALETTE.ink))
    top = height - (HEAD_HEIGHT if title or swatches else 0)
    if swatches:
        title_width = stringWidth(title, BOLD, TITLE_SIZE) if title else 0
        legend_width = sum(stringWidth(name, REGULAR, LEGEND_SIZE) + 36 for _, name in swatches)
        legend_top = height - 1
        if title and title_width + legend_width + 12 > width:
            legend_top -= HEAD_HEIGHT - 4
            top -= HEAD_HEIGHT - 4
        _legend(drawing, swatches, legend_top)
    return drawing, top


def _plain(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _scale(values: Sequence[float | None], *, floor_zero: bool = True) -> tuple[float, float]:
    """Axis bounds with a little headroom; a chart of only zeros or Nones still gets an axis."""
    known = [v for v in values if v is not None]
    low = min([0.0, *known]) if floor_zero else min(known, default=0.0)
    high = max([0.0, *known]) if floor_zero else max(known, default=1.0)
    if high == low:
        high = low + 1.0
    pad = (high - low) * 0.12
    return (low - pad if low < 0 or not floor_zero else low), high + pad


def _axis_fonts(chart: VerticalBarChart | HorizontalLineChart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = 7
        axis.labels.fillColor = PALETTE.quiet
        axis.strokeColor = PALETTE.rule
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = PALETTE.rule
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.gridStrokeDashArray = (1, 2)


def _legend(drawing: Drawing, items: Swatches, top: float) -> None:
    """The series' swatches in one row, its top right corner at (figure width, ``top``)."""
    legend = Legend()
    legend.x, legend.y = int(drawing.width), int(top)
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 0  # each entry as wide as its text needs
    legend.autoXPadding = 10
    legend.fontName = REGULAR
    legend.fontSize = LEGEND_SIZE
    legend.strokeColor = None
    legend.boxAnchor = "ne"
    legend.colorNamePairs = list(items)
    legend.dx = legend.dy = 6
    legend.fillColor = PALETTE.quiet
    drawing.add(legend)


def comparison_bars(
    groups: Sequence[str],
    previous: Sequence[float | None],
    current: Sequence[float | None],
    *,
    series: tuple[str, str] = ("Previous quarter", "Last 90 days"),
    fmt: Formatter = _plain,
    width: float = 240,
    height: float = 130,
    title: str = "",
) -> Drawing:
    """Two bars per group (before, now) with their values printed above them."""
    swatches = [(PALETTE.accent_soft, series[0]), (PALETTE.accent, series[1])]
    drawing, top = _drawing(width, height, title, swatches)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 14
    chart.width, chart.height = int(width) - 36, int(top) - chart.y - 12
    chart.data = [[_bar(v) for v in previous], [_bar(v) for v in current]]
    chart.categoryAxis.categoryNames = list(groups)
    low, high = _scale([*previous, *current])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low, high
    chart.valueAxis.labelTextFormat = lambda v: fmt(v)
    chart.valueAxis.labels.fontSize = 6.5
    chart.groupSpacing = 10
    chart.barSpacing = 2
    chart.bars[0].fillColor = PALETTE.accent_soft
    chart.bars[1].fillColor = PALETTE.accent
    for index in (0, 1):
        chart.bars[index].strokeColor = None
    _axis_fonts(chart)
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = PALETTE.ink
    chart.barLabels.nudge = 6
    chart.barLabelFormat = _labeller([previous, current], fmt)
    drawing.add(chart)
    return drawing


def _bar(value: float | None) -> float | None:
    return None if value is None else float(value)


def _labeller(rows: Sequence[Sequence[float | None]], fmt: Formatter) -> Callable[[float], str]:
    """ReportLab labels bars by value only; a bar of no data is absent, so every label is known."""
    return lambda value: fmt(value)


def monthly_line(
    months: Sequence[str],
    values: Sequence[float | None],
    *,
    band: tuple[float, float] | None = None,
    band_label: str = "Benchmark",
    series: str = "",
    fmt: Formatter = _plain,
    width: float = 480,
    height: float = 150,
    title: str = "",
    band_path: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
) -> Drawing:
    """One line over months; ``band`` (low, high) shades the benchmark range behind it, or
    ``band_path`` (lows, highs: one per month, None where it does not reach) a range that
    moves month by month, such as a growth target."""
    swatches = [(PALETTE.accent, series)] if series else []
    if band is not None or band_path is not None:
        swatches.append((PALETTE.band, band_label))
    drawing, top = _drawing(width, height, title, swatches)
    chart = HorizontalLineChart()
    chart.x, chart.y = 44, 14
    chart.width, chart.height = int(width) - 50, int(top) - chart.y - 4
    chart.data = [[_bar(v) for v in values]]
    chart.categoryAxis.categoryNames = list(months)
    bounds = [
        *values,
        *(band or ()),
        *(band_path[0] if band_path else ()),
        *(band_path[1] if band_path else ()),
    ]
    low, high = _scale(bounds)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low, high
    chart.valueAxis.labelTextFormat = lambda v: fmt(v)
    chart.lines[0].strokeColor = PALETTE.accent
    chart.lines[0].strokeWidth = 1.6
    chart.joinedLines = True
    _axis_fonts(chart)
    if band is not None:
        y0 = chart.y + (band[0] - low) / (high - low) * chart.height
        y1 = chart.y + (band[1] - low) / (high - low) * chart.height
        shade = Rect(chart.x, y0, chart.width, y1 - y0)
        shade.fillColor, shade.strokeColor = PALETTE.band, None
        drawing.add(shade)
    if band_path is not None:
        _shade_path(drawing, chart, len(months), band_path, low, high)
    drawing.add(chart)
    return drawing


def _shade_path(
    drawing: Drawing,
    chart: HorizontalLineChart,
    count: int,
    path: tuple[Sequence[float | None], Sequence[float | None]],
    low: float,
    high: float,
) -> None:
    """Shade between the lows and highs of ``path`` where both are known, at the line's points
    (the middle of each month's slot)."""
    step = chart.width / max(count, 1)
    known = [
        (i, lo, hi) for i, (lo, hi) in enumerate(zip(*path, strict=True)) if lo is not None and hi is not None
    ]
    if len(known) < 2:
        return

    def y(value: float) -> float:
        return chart.y + (value - low) / (high - low) * chart.height

    tops = [(chart.x + (i + 0.5) * step, y(hi)) for i, _lo, hi in known]
    bottoms = [(chart.x + (i + 0.5) * step, y(lo)) for i, lo, _hi in reversed(known)]
    points = [coordinate for point in (*tops, *bottoms) for coordinate in point]
    drawing.add(Polygon(points, fillColor=PALETTE.band, strokeColor=None))


def movement_bars(
    months: Sequence[str],
    up: Sequence[float],
    down: Sequence[float],
    *,
    series: tuple[str, str] = ("Gained", "Lost"),
    fmt: Formatter = _plain,
    width: float = 480,
    height: float = 150,
    title: str = "",
) -> Drawing:
    """Per month a bar up (what was gained) and a bar down (what was lost, given as a positive
    number), with a tick at the net."""
    swatches = [(PALETTE.good, series[0]), (PALETTE.bad, series[1]), (PALETTE.ink, "Net")]
    drawing, top = _drawing(width, height, title, swatches)
    chart = VerticalBarChart()
    chart.x, chart.y = 44, 14
    chart.width, chart.height = int(width) - 50, int(top) - chart.y - 4
    chart.data = [[float(v) for v in up], [-float(v) for v in down]]
    chart.categoryAxis.categoryNames = list(months)
    chart.categoryAxis.labelAxisMode = "low"
    chart.categoryAxis.style = "stacked"  # the loss hangs below the gain in one column
    chart.groupSpacing = 6
    low, high = _scale([*up, *(-v for v in down)])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low, high
    chart.valueAxis.labelTextFormat = lambda v: fmt(v)
    chart.bars[0].fillColor = PALETTE.good
    chart.bars[1].fillColor = PALETTE.bad
    for index in (0, 1):
        chart.bars[index].strokeColor = None
    _axis_fonts(chart)
    drawing.add(chart)
    span = high - low
    zero_y = chart.y + (0 - low) / span * chart.height
    drawing.add(
        Line(chart.x, zero_y, chart.x + chart.width, zero_y, strokeColor=PALETTE.quiet, strokeWidth=0.6)
    )
    step = chart.width / max(len(months), 1)
    for index, (gain, loss) in enumerate(zip(up, down, strict=True)):
        net_y = chart.y + (gain - loss - low) / span * chart.height
        x = chart.x + index * step
        drawing.add(
            Line(x + step * 0.2, net_y, x + step * 0.8, net_y, strokeColor=PALETTE.ink, strokeWidth=1.4)
        )
    return drawing
