"""The Spend & revenue page: marketing spend by month and channel above one-off revenue, each
with Add, Edit, Delete and Import; what CAC, recurring share and gross margin read besides the
ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.finances.panels import RevenuePanel, SpendPanel

INTRO = (
    "CAC is what you spend to win clients over the clients won; recurring share and gross margin "
    "count the projects and hardware you bill once beside your recurring revenue."
)


class FinancesPage(QWidget):
    """``FinancesPage(ctx)``: the spend panel over the revenue panel.

    ``import_requested(kind)``: "spend" or "revenue", a file of it is to be imported."""

    import_requested = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finances_page")
        title = QLabel("Spend & revenue")
        title.setObjectName("page_title")
        intro = QLabel(INTRO)
        intro.setObjectName("finances_intro")
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.label_style("caption"))
        self.spend = SpendPanel(ctx)
        self.revenue = RevenuePanel(ctx)
        for panel in (self.spend, self.revenue):
            panel.import_requested.connect(self.import_requested)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("finances_split")
        split.setChildrenCollapsible(False)
        split.addWidget(self.spend)
        split.addWidget(self.revenue)
        column = QVBoxLayout(self)
        column.setContentsMargins(*theme.PAGE_MARGINS)
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(split, 1)

    def refresh(self) -> None:
        """Re-read both tables (F5)."""
        self.spend.refresh()
        self.revenue.refresh()
