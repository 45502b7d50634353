"""Charts drawn in the PDF as vectors (ReportLab graphics): this quarter against the last, a
monthly line with its benchmark band, and monthly movements up and down.

Values arrive as plain numbers already in the unit shown (hours, percent points, dollars);
``None`` means no data and draws no bar, labelled with the formatter's text for None.

The charts are drawn from plain shapes (rectangles, lines, strings) rather than ReportLab's
chart and legend widgets: the widgets build and check dozens of objects per label, which made
the three small charts of a QBR packet about half its render time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from msp_desk.reports.figure_painting import Figure, unchecked_shapes
from msp_desk.reports.fonts import BOLD, REGULAR, register_fonts
from msp_desk.reports.theme import PALETTE

Formatter = Callable[[float | None], str]
HEAD_HEIGHT = 16  # the title (left) and the legend (right) share the top line
TITLE_SIZE = 8.5
LEGEND_SIZE = 7
LABEL_SIZE = 7  # axis labels
SWATCH = 6  # a legend swatch's side
MAX_TICKS = 6  # value-axis labels at most, zero included

Swatches = Sequence[tuple[colors.Color, str]]


@dataclass(frozen=True)
class Plot:
    """The plotting area of a figure (x, y its bottom-left corner) and the values its height spans."""

    x: float
    y: float
    width: float
    height: float
    low: float
    high: float

    def y_of(self, value: float) -> float:
        return self.y + (value - self.low) / (self.high - self.low) * self.height

    def slot(self, count: int) -> float:
        """The width each of ``count`` categories takes along the bottom."""
        return self.width / max(count, 1)


def _drawing(width: float, height: float, title: str, swatches: Swatches) -> tuple[Drawing, float]:
    """An empty figure in the report font with its title at the top left and the series'
    swatches at the top right (on a line of their own when both do not fit); returns the
    figure and the height left for the plot."""
    register_fonts()
    drawing = Figure(width, height, initialFontName=REGULAR)  # else the page names Helvetica
    if title:
        drawing.add(String(0, height - 9, title, fontName=BOLD, fontSize=TITLE_SIZE, fillColor=PALETTE.ink))
    top = height - (HEAD_HEIGHT if title or swatches else 0)
    if swatches:
        title_width = stringWidth(title, BOLD, TITLE_SIZE) if title else 0
        legend_top = height - 1
        if title and title_width + _legend_width(swatches) + 12 > width:
            legend_top -= HEAD_HEIGHT - 4
            top -= HEAD_HEIGHT - 4
        _legend(drawing, swatches, legend_top)
    return drawing, top


def _box(x: float, y: float, width: float, height: float, colour: colors.Color) -> Rect:
    """A filled rectangle with no outline."""
    box = Rect(x, y, width, height)
    box.fillColor, box.strokeColor = colour, None
    return box


def _legend_width(items: Swatches) -> float:
    return sum(SWATCH + 4 + stringWidth(name, REGULAR, LEGEND_SIZE) for _, name in items) + 10 * (
        len(items) - 1
    )


def _legend(drawing: Drawing, items: Swatches, top: float) -> None:
    """The series' swatches in one row, each before its name, the row's right end at the
    figure's right edge and its top at ``top``."""
    x = drawing.width - _legend_width(items)
    for colour, name in items:
        drawing.add(_box(x, top - SWATCH - 1, SWATCH, SWATCH, colour))
        x += SWATCH + 4
        drawing.add(
            String(x, top - SWATCH, name, fontName=REGULAR, fontSize=LEGEND_SIZE, fillColor=PALETTE.quiet)
        )
        x += stringWidth(name, REGULAR, LEGEND_SIZE) + 10


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


def nice_ticks(low: float, high: float, fmt: Formatter = _plain) -> list[tuple[float, str]]:
    """The value axis's ticks between ``low`` and ``high`` with their labels: multiples of 1, 2
    or 5 times a power of ten, as fine as gives at most MAX_TICKS labels that ``fmt`` prints
    apart (so a count axis never reads 0, 0, 1, 1)."""
    span = high - low
    if span <= 0:
        return [(low, fmt(low))]
    power = 10.0 ** math.floor(math.log10(span / MAX_TICKS))
    for magnitude in (power, power * 10, power * 100):
        for factor in (1, 2, 5):
            step = factor * magnitude
            first = math.ceil(low / step - 1e-9)
            last = math.floor(high / step + 1e-9)
            if last - first + 1 > MAX_TICKS:
                continue
            ticks = [0.0 if n == 0 else n * step for n in range(first, last + 1)]
            labels = [fmt(t) for t in ticks]
            if len(set(labels)) == len(labels):
                return list(zip(ticks, labels, strict=True))
    return [(low, fmt(low)), (high, fmt(high))]


def _value_axis(drawing: Drawing, plot: Plot, fmt: Formatter, size: float = LABEL_SIZE) -> None:
    """The axis on the left with its tick labels, a dotted grid line at each tick, and the base line."""
    for value, label in nice_ticks(plot.low, plot.high, fmt):
        y = plot.y_of(value)
        drawing.add(
            Line(
                plot.x,
                y,
                plot.x + plot.width,
                y,
                strokeColor=PALETTE.rule,
                strokeWidth=0.3,
                strokeDashArray=(1, 2),
            )
        )
        drawing.add(Line(plot.x - 3, y, plot.x, y, strokeColor=PALETTE.rule, strokeWidth=0.6))
        drawing.add(
            String(
                plot.x - 5,
                y - size * 0.35,
                label,
                fontName=REGULAR,
                fontSize=size,
                fillColor=PALETTE.quiet,
                textAnchor="end",
            )
        )
    drawing.add(Line(plot.x, plot.y, plot.x, plot.y + plot.height, strokeColor=PALETTE.rule, strokeWidth=0.8))
    drawing.add(Line(plot.x, plot.y, plot.x + plot.width, plot.y, strokeColor=PALETTE.rule, strokeWidth=0.8))


def _category_labels(drawing: Drawing, plot: Plot, names: Sequence[str], *, ticks: bool = False) -> None:
    """Each category's name centred under its slot (and a tick between slots when ``ticks``)."""
    step = plot.slot(len(names))
    for index, name in enumerate(names):
        left = plot.x + index * step
        if ticks and index:
            drawing.add(Line(left, plot.y, left, plot.y - 4, strokeColor=PALETTE.rule, strokeWidth=0.6))
        if name:
            drawing.add(
                String(
                    left + step / 2,
                    plot.y - 10,
                    name,
                    fontName=REGULAR,
                    fontSize=LABEL_SIZE,
                    fillColor=PALETTE.quiet,
                    textAnchor="middle",
                )
            )


@unchecked_shapes
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
    low, high = _scale([*previous, *current])
    plot = Plot(34, 14, width - 36, top - 14 - 12, low, high)
    _value_axis(drawing, plot, fmt, size=6.5)
    _category_labels(drawing, plot, groups, ticks=True)
    step = plot.slot(len(groups))
    unit = step / 32  # a group: a gap of 5, a bar of 10, 2 between, a bar of 10, a gap of 5
    zero = plot.y_of(max(low, 0.0))
    for index, pair in enumerate(zip(previous, current, strict=True)):
        for side, (value, colour) in enumerate(zip(pair, (PALETTE.accent_soft, PALETTE.accent), strict=True)):
            x = plot.x + index * step + unit * (5 + side * 12)
            y = plot.y_of(value) if value is not None else zero
            if value is not None:
                drawing.add(_box(x, min(zero, y), unit * 10, abs(y - zero), colour))
            drawing.add(
                String(
                    x + unit * 5,
                    max(y, zero) + 2.5,
                    fmt(value),
                    fontName=REGULAR,
                    fontSize=6.5,
                    fillColor=PALETTE.ink,
                    textAnchor="middle",
                )
            )
    return drawing


@unchecked_shapes
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
    moves month by month, such as a growth target. A month of no data (None) breaks the line."""
    swatches = [(PALETTE.accent, series)] if series else []
    if band is not None or band_path is not None:
        swatches.append((PALETTE.band, band_label))
    drawing, top = _drawing(width, height, title, swatches)
    bounds = [
        *values,
        *(band or ()),
        *(band_path[0] if band_path else ()),
        *(band_path[1] if band_path else ()),
    ]
    low, high = _scale(bounds)
    plot = Plot(44, 14, width - 50, top - 14 - 4, low, high)
    if band is not None:
        y0, y1 = plot.y_of(band[0]), plot.y_of(band[1])
        drawing.add(_box(plot.x, y0, plot.width, y1 - y0, PALETTE.band))
    if band_path is not None:
        _shade_path(drawing, plot, len(months), band_path)
    _value_axis(drawing, plot, fmt)
    _category_labels(drawing, plot, months)
    step = plot.slot(len(months))
    run: list[float] = []
    for index, value in enumerate([*values, None]):
        if value is not None:
            run += [plot.x + (index + 0.5) * step, plot.y_of(value)]
            continue
        if len(run) >= 4:
            drawing.add(
                PolyLine(run, strokeColor=PALETTE.accent, strokeWidth=1.6, strokeLineJoin=1, strokeLineCap=1)
            )
        run = []
    return drawing


def _shade_path(
    drawing: Drawing, plot: Plot, count: int, path: tuple[Sequence[float | None], Sequence[float | None]]
) -> None:
    """Shade between the lows and highs of ``path`` where both are known, at the line's points
    (the middle of each month's slot)."""
    step = plot.slot(count)
    known = [
        (i, lo, hi) for i, (lo, hi) in enumerate(zip(*path, strict=True)) if lo is not None and hi is not None
    ]
    if len(known) < 2:
        return
    tops = [(plot.x + (i + 0.5) * step, plot.y_of(hi)) for i, _lo, hi in known]
    bottoms = [(plot.x + (i + 0.5) * step, plot.y_of(lo)) for i, lo, _hi in reversed(known)]
    points = [coordinate for point in (*tops, *bottoms) for coordinate in point]
    drawing.add(Polygon(points, fillColor=PALETTE.band, strokeColor=None))


@unchecked_shapes
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
    low, high = _scale([*up, *(-v for v in down)])
    plot = Plot(44, 14, width - 50, top - 14 - 4, low, high)
    _value_axis(drawing, plot, fmt)
    _category_labels(drawing, plot, months)
    step = plot.slot(len(months))
    zero = plot.y_of(0.0)
    bar = step * 10 / 16  # a bar of 10 in a slot of 16, as wide as the months allow
    for index, (gain, loss) in enumerate(zip(up, down, strict=True)):
        x = plot.x + index * step + (step - bar) / 2
        if gain:
            drawing.add(_box(x, zero, bar, plot.y_of(gain) - zero, PALETTE.good))
        if loss:
            drawing.add(_box(x, plot.y_of(-loss), bar, zero - plot.y_of(-loss), PALETTE.bad))
    drawing.add(Line(plot.x, zero, plot.x + plot.width, zero, strokeColor=PALETTE.quiet, strokeWidth=0.6))
    for index, (gain, loss) in enumerate(zip(up, down, strict=True)):
        net_y = plot.y_of(gain - loss)
        x = plot.x + index * step
        drawing.add(
            Line(x + step * 0.2, net_y, x + step * 0.8, net_y, strokeColor=PALETTE.ink, strokeWidth=1.4)
        )
    return drawing
