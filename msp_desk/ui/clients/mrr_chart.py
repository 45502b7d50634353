"""One client's MRR month by month: the shop's MRR chart, sized for the detail pane, with month
labels thinned to the width it is given (a pane beside the roster is narrow)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from msp_desk.domain.values import Month
from msp_desk.ui.dashboard.mrr_chart import MrrChart, ticks_every

NO_REVENUE = "No recurring revenue yet"
LABEL_WIDTH = 70  # px a month label needs, with room around it ("Feb 2026")
STEPS = (1, 2, 3, 6, 12, 24)  # months between labels


def month_ticks_fitting(months: Sequence[Month], width: float, locale: str) -> list[list[tuple[float, str]]]:
    """Major ticks every 1, 2, 3, 6, 12 or 24 months (the first step whose labels fit in
    ``width`` px), ending on the last month; a label carries its year when it is the first or the
    year changed since the previous label."""
    if not months:
        return [[], []]
    room = max(int(width // LABEL_WIDTH), 1)
    step = next((s for s in STEPS if -(-len(months) // s) <= room), STEPS[-1])
    return ticks_every(months, locale, step)


class ClientMrrChart(MrrChart):
    """``set_series(months, cents, currency, locale)``; hovering a month shows its MRR."""

    def __init__(self, currency: str = "USD", locale: str = "en_US", parent: QWidget | None = None) -> None:
        super().__init__(currency, locale, parent)
        self.setObjectName("client_mrr_chart")
        self.setMinimumHeight(170)
        self._empty.setText(NO_REVENUE)
        self._built = True

    def set_series(self, months: Sequence[Month], cents: Sequence[int], currency: str, locale: str) -> None:
        super().set_series(months, cents, currency, locale)
        self._fit_ticks()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._fit_ticks()

    def _fit_ticks(self) -> None:
        if not getattr(self, "_built", False):  # pyqtgraph resizes the view while it is being built
            return
        axis = self.getPlotItem().getAxis("bottom")
        width = self.width() - self.getPlotItem().getAxis("left").width()
        axis.setTicks(month_ticks_fitting(self.months, width, self._locale))
