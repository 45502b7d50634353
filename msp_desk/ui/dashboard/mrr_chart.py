"""The shop's MRR month by month as a pyqtgraph area chart with month labels and hover values."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.ui import theme

GRID_ALPHA = 0.18


class MoneyAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no type stubs: its classes are Any
    """A value axis labelled as whole money (plotted values are currency units, not cents)."""

    def __init__(self, currency: str, locale: str) -> None:
        super().__init__("left")
        self.currency, self.locale = currency, locale
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - Qt name
        return [fmt.money_whole(round(v * 100), self.currency, self.locale) for v in values]


def month_ticks(months: Sequence[Month], locale: str) -> list[list[tuple[float, str]]]:
    """Major ticks every month (up to 12) or every third month ending on the last one."""
    return ticks_every(months, locale, 1 if len(months) <= 12 else 3)


def ticks_every(months: Sequence[Month], locale: str, step: int) -> list[list[tuple[float, str]]]:
    """Major ticks every ``step`` months ending on the last one, minor ticks between; a label
    carries its year when it is the first or the year changed since the previous label."""
    if not months:
        return [[], []]
    positions = list(range(len(months) - 1, -1, -step))[::-1]
    major, year = [], None
    for i in positions:
        month = months[i]
        major.append((float(i), fmt.month_abbr(month, locale, with_year=month.year != year)))
        year = month.year
    minor = [(float(i), "") for i in range(len(months)) if i not in positions]
    return [major, minor]


class MrrChart(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no type stubs: its classes are Any
    """``set_series(months, cents)`` draws it; hovering a month shows its exact MRR."""

    def __init__(self, currency: str = "USD", locale: str = "en_US", parent: QWidget | None = None) -> None:
        self._money_axis = MoneyAxis(currency, locale)
        background = theme.color("chart_background")
        super().__init__(parent=parent, background=background, axisItems={"left": self._money_axis})
        self.setObjectName("mrr_chart")
        self.setMinimumHeight(240)
        self.months: list[Month] = []
        self.values: list[int] = []
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        item.getViewBox().setMouseEnabled(x=False, y=False)
        font = QFont()
        font.setPointSizeF(9)
        line, axis_color = theme.color("chart_line"), theme.color("chart_axis")
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(axis_color))
            axis.setTextPen(pg.mkPen(axis_color))
            axis.setStyle(tickFont=font, tickTextOffset=8)
        item.getAxis("left").setWidth(84)
        item.getAxis("bottom").setStyle(hideOverlappingLabels=30)  # the last month's label may overhang
        self._curve = item.plot([], [], pen=pg.mkPen(line, width=2.5), fillLevel=0, brush=theme.chart_fill())
        self._points = pg.ScatterPlotItem(
            size=7,
            pen=pg.mkPen(background, width=1.5),  # a ring that lifts each point off the line
            brush=pg.mkBrush(line),
            hoverable=True,
            hoverSize=11,
            tip=self._tip,
        )
        item.addItem(self._points)
        self._empty = pg.TextItem("No recurring revenue recorded yet", color=axis_color, anchor=(0.5, 0.5))
        self._empty.setFont(font)
        self._locale, self._currency = locale, currency

    def set_series(self, months: Sequence[Month], cents: Sequence[int], currency: str, locale: str) -> None:
        self.months, self.values = list(months), list(cents)
        self._currency, self._locale = currency, locale
        self._money_axis.currency, self._money_axis.locale = currency, locale
        xs = [float(i) for i in range(len(self.values))]
        ys = [c / 100 for c in self.values]
        self._curve.setData(xs, ys)
        self._points.setData(xs, ys, data=list(range(len(xs))))
        item = self.getPlotItem()
        item.getAxis("bottom").setTicks(month_ticks(self.months, locale))
        if self._empty.scene() is not None:
            item.removeItem(self._empty)
        empty = not self.values
        for name in ("left", "bottom"):  # no axes to read (and no made-up ticks) without data
            item.showAxis(name, not empty)
        item.showGrid(x=False, y=not empty, alpha=GRID_ALPHA)
        if empty:
            item.addItem(self._empty)
            item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self._empty.setPos(0.5, 0.5)
            return
        top = max(max(ys), 1.0)
        item.setRange(xRange=(-0.5, len(xs) - 0.3), yRange=(-top * 0.04, top * 1.1), padding=0)

    def _tip(self, x: float, y: float, data: object) -> str:
        i = int(data) if isinstance(data, int) else round(x)
        if not 0 <= i < len(self.months):
            return ""
        month = fmt.month_text(self.months[i], self._locale)
        return f"{month}\nMRR {fmt.money(self.values[i], self._currency, self._locale)}"

    def hover_text(self, i: int) -> str:
        """What hovering month ``i`` shows (tests read it without moving a mouse)."""
        return self._tip(float(i), 0.0, i)
