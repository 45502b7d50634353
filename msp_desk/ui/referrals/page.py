"""The Referrals page: who to ask now, the asks log, the pipeline (board or list), the partners,
the rewards ledger and the scripts library, under a strip of referral KPIs.

Each tab is built the first time it is shown (the ask-now list reads every client's readiness),
and re-reads itself after every edit, undo or redo (``Edits.changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msp_desk.ui.context import PageContext

if TYPE_CHECKING:
    from msp_desk.ui.referrals.ask_now import AskNowPanel
    from msp_desk.ui.referrals.asks_log import AsksLog
    from msp_desk.ui.referrals.partners import PartnersPanel
    from msp_desk.ui.referrals.rewards import RewardsLedger
    from msp_desk.ui.referrals.scripts import ScriptsLibrary

TABS = (
    ("ask_now", "Ask now"),
    ("pipeline", "Pipeline"),
    ("asks", "Asks log"),
    ("partners", "Partners"),
    ("rewards", "Rewards"),
    ("scripts", "Scripts"),
)


class PipelineTab(QWidget):
    """The referrals as a board by stage or as a filterable list (the same data)."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        from msp_desk.ui.referrals.board import PipelineBoard
        from msp_desk.ui.referrals.pipeline_list import ReferralsList

        self.setObjectName("pipeline_tab")
        self.board = PipelineBoard(ctx)
        self.list = ReferralsList(ctx)
        self.views = QStackedWidget()
        self.views.addWidget(self.board)
        self.views.addWidget(self.list)
        row = QHBoxLayout()
        self.buttons = QButtonGroup(self)
        for n, (name, text) in enumerate((("show_board", "Board"), ("show_list", "List"))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setChecked(n == 0)
            self.buttons.addButton(button, n)
            row.addWidget(button)
        row.addStretch(1)
        self.buttons.idClicked.connect(self.views.setCurrentIndex)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(row)
        column.addWidget(self.views, 1)

    def refresh(self) -> None:
        self.board.refresh()
        self.list.refresh()


if TYPE_CHECKING:  # what a tab is: each re-reads itself on ``refresh()`` (F5)
    Tab = AskNowPanel | PipelineTab | AsksLog | PartnersPanel | RewardsLedger | ScriptsLibrary


def _builders(ctx: PageContext) -> dict[str, Callable[[], Tab]]:
    """How each tab is made (imported when first shown)."""

    def ask_now() -> AskNowPanel:
        from msp_desk.ui.referrals.ask_now import AskNowPanel

        return AskNowPanel(ctx)

    def asks() -> AsksLog:
        from msp_desk.ui.referrals.asks_log import AsksLog

        return AsksLog(ctx)

    def partners() -> PartnersPanel:
        from msp_desk.ui.referrals.partners import PartnersPanel

        return PartnersPanel(ctx)

    def rewards() -> RewardsLedger:
        from msp_desk.ui.referrals.rewards import RewardsLedger

        return RewardsLedger(ctx)

    def scripts() -> ScriptsLibrary:
        from msp_desk.ui.referrals.scripts import ScriptsLibrary

        return ScriptsLibrary(ctx)

    return {
        "ask_now": ask_now,
        "pipeline": lambda: PipelineTab(ctx),
        "asks": asks,
        "partners": partners,
        "rewards": rewards,
        "scripts": scripts,
    }


class ReferralsPage(QWidget):
    """``ReferralsPage(ctx)``: referral engineering, one tab per job (the slow ask-now list is read
    by ``ctx.runner``, off the UI thread in the app). Each tab re-reads itself after the writes
    that concern it.

    ``start_client(client_id)``: a won referral's new client is to be started on the ladder."""

    start_client = Signal(int)
    report_requested = Signal(object)  # a ReportRequest: Ask now's referral pack

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from msp_desk.ui.referrals.kpi_strip import ReferralKpis

        self.setObjectName("referrals_page")
        self._make = _builders(ctx)
        self.built: dict[str, Tab] = {}
        self._holders: dict[str, QVBoxLayout] = {}  # tab key -> the layout its widget goes in
        title = QLabel("Referrals")
        title.setObjectName("page_title")
        self.kpis = ReferralKpis(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("referral_tabs")
        self.tabs.setDocumentMode(True)
        for key, text in TABS:
            holder = QWidget()
            holder.setObjectName(f"tab_{key}")
            layout = self._holders[key] = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, text)
        self.tabs.currentChanged.connect(lambda index: self.tab(TABS[index][0]))
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(self.kpis)
        column.addWidget(self.tabs, 1)
        self.update_rewards(ctx)
        self.tab(TABS[0][0])

    @staticmethod
    def update_rewards(ctx: PageContext) -> None:
        """Rewards whose condition the ledger now meets turn earned (or void, or clawed back) as
        the page opens; an undoable write only when something changed."""
        from msp_desk.services.referrals.rewards import update_rewards

        changes = update_rewards(ctx.db, ctx.today)
        if changes.undoable:
            ctx.edits.adopt(changes)

    def tab(self, key: str) -> QWidget:
        """The widget of tab ``key``, built now if it has not been shown yet."""
        widget = self.built.get(key)
        if widget is None:
            widget = self.built[key] = self._make[key]()
            if isinstance(widget, PipelineTab):
                widget.board.start_ladder.connect(self.start_client)
            if key == "ask_now":
                from msp_desk.ui.referrals.ask_now import AskNowPanel

                assert isinstance(widget, AskNowPanel)
                widget.pack_requested.connect(self.report_requested)
            self._holders[key].addWidget(widget)
            widget.show()  # at once, not when the layout gets round to it
        return widget

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex([k for k, _text in TABS].index(key))
        return self.tab(key)

    def refresh(self) -> None:
        """Re-read everything shown (F5)."""
        self.kpis.refresh()
        for widget in self.built.values():
            widget.refresh()
