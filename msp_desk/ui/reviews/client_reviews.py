"""The client's Reviews tab: its QBRs, its roadmap and its check-in calls, one tab each inside it
(the detail's own tabs share the pane's width with the roster, so the reviews are grouped)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from msp_desk.ui.context import PageContext
from msp_desk.ui.reviews.checkins_panel import ClientCheckIns
from msp_desk.ui.reviews.client_qbrs import ClientQbrsTab
from msp_desk.ui.reviews.roadmap_tab import ClientRoadmap

# The inner tabs, by the key ``ClientDetail.show_tab`` takes.
REVIEW_TABS = ("qbrs", "roadmap", "checkins")


class ClientReviews(QTabWidget):
    """``qbrs``, ``roadmap`` and ``checkins`` of one client, in inner tabs."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_reviews")
        self.setDocumentMode(True)
        self.qbrs = ClientQbrsTab(ctx)
        self.roadmap = ClientRoadmap(ctx)
        self.checkins = ClientCheckIns(ctx)
        for widget in (self.qbrs, self.roadmap, self.checkins):
            self.addTab(widget, "")

    def show_inner(self, key: str) -> None:
        self.setCurrentIndex(REVIEW_TABS.index(key))

    def current_inner(self) -> str:
        return REVIEW_TABS[self.currentIndex()]

    def set_titles(self) -> None:
        """The inner tabs' titles once the client is read (the calls are counted)."""
        for index, title in enumerate(("QBRs", "Roadmap", self.checkins.title())):
            self.setTabText(index, title)
