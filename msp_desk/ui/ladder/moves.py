"""Where upgrades come from, on the Ladder page: upgrades and downgrades in each of the last 12
months, the share of each start cohort that moved up within 6 months, and where the clients on
each rung a year ago are now (the tier transition matrix, churn included)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.services.ladder.growth import LadderOverview

COHORTS_SHOWN = 12  # the most recent start months
CHURNED = "Churned"


def _table(name: str, rows: int, columns: int) -> QTableWidget:
    table = QTableWidget(rows, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setShowGrid(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)  # no wider than its cells
    # Tall enough for every row, now and after the window's style sheet sizes them: the page
    # scrolls, not the little table.
    table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _cell(text: str, *, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return item


class LadderMoves(QWidget):
    """``show(overview, rung_names, locale)`` fills the three tables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladder_moves_tables")
        self.months = _table("moves_by_month", 2, 0)
        self.cohorts = _table("start_cohorts", 0, 4)
        self.matrix = _table("transition_matrix", 0, 0)
        self.matrix_title = QLabel()
        row = QHBoxLayout()
        row.setSpacing(24)
        for title, widget in (
            ("Start cohorts: moved up within 6 months", self.cohorts),
            (None, self.matrix),
        ):
            box = QVBoxLayout()
            caption = self.matrix_title if title is None else QLabel(title)
            caption.setProperty("role", "caption")
            box.addWidget(caption)
            box.addWidget(widget)
            box.addStretch(1)
            row.addLayout(box)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Upgrades and downgrades by month")
        caption.setProperty("role", "caption")
        column.addWidget(caption)
        months_row = QHBoxLayout()
        months_row.addWidget(self.months)
        months_row.addStretch(1)
        column.addLayout(months_row)
        column.addSpacing(8)
        column.addLayout(row)

    def show_overview(self, overview: LadderOverview, rung_names: Mapping[int, str], locale: str) -> None:
        """Fill the tables; ``rung_names`` names each rank."""
        self._months(overview, locale)
        self._cohorts(overview, locale)
        self._matrix(overview, rung_names, locale)

    def _months(self, overview: LadderOverview, locale: str) -> None:
        months = overview.months
        self.months.setColumnCount(len(months))
        self.months.setHorizontalHeaderLabels([fmt.month_abbr(m.month, locale) for m in months])
        self.months.setVerticalHeaderLabels(["Upgrades", "Downgrades"])
        for n, month in enumerate(months):
            self.months.setItem(0, n, _cell(fmt.count(month.upgrades, locale)))
            self.months.setItem(1, n, _cell(fmt.count(month.downgrades, locale)))

    def _cohorts(self, overview: LadderOverview, locale: str) -> None:
        cohorts = overview.cohorts[-COHORTS_SHOWN:]
        self.cohorts.setRowCount(len(cohorts))
        self.cohorts.setHorizontalHeaderLabels(["Started", "Clients", "Moved up", "Share"])
        self.cohorts.verticalHeader().setVisible(False)
        for n, cohort in enumerate(reversed(cohorts)):  # newest first
            share = fmt.percent(cohort.share, locale, 0) if cohort.share is not None else "—"
            if not cohort.complete:
                share += " so far"
            self.cohorts.setItem(
                n, 0, _cell(fmt.month_abbr(cohort.month, locale, with_year=True), right=False)
            )
            self.cohorts.setItem(n, 1, _cell(fmt.count(cohort.clients, locale)))
            self.cohorts.setItem(n, 2, _cell(fmt.count(cohort.moved_up, locale)))
            self.cohorts.setItem(n, 3, _cell(share))

    def _matrix(self, overview: LadderOverview, rung_names: Mapping[int, str], locale: str) -> None:
        matrix = overview.matrix
        ranks = matrix.ranks
        names = [rung_names.get(rank, f"Rung {rank}") for rank in ranks]
        start, end = fmt.date_text(matrix.start, locale), fmt.date_text(matrix.end, locale)
        self.matrix_title.setText(f"Where the clients of each rung on {start} were on {end}")
        self.matrix.setRowCount(len(ranks))
        self.matrix.setColumnCount(len(ranks) + 1)
        self.matrix.setVerticalHeaderLabels([f"From {name}" for name in names])
        self.matrix.setHorizontalHeaderLabels([*names, CHURNED])
        for r, from_rank in enumerate(ranks):
            for c, to_rank in enumerate((*ranks, None)):
                count = matrix.count(from_rank, to_rank)
                self.matrix.setItem(r, c, _cell(fmt.count(count, locale) if count else "·"))
