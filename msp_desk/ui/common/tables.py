"""Read-only tables: a model of display texts (each row with a key, a colour and a tooltip),
the table view in the app's look, and a table that shows a sentence instead when it is empty."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msp_desk.ui import theme

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a cell's raw value, for sorting (money in cents)


class RowsModel(QAbstractTableModel):
    """A read-only table of display texts; each row may carry a key, a colour and a tooltip."""

    def __init__(
        self, titles: Sequence[str], right: Sequence[int] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.titles = list(titles)
        self._right = set(right)
        self.rows: list[tuple[str, ...]] = []
        self.keys: list[object] = []
        self._colors: list[QColor | None] = []
        self._tips: list[str] = []

    def set_rows(
        self,
        rows: Sequence[tuple[str, ...]],
        keys: Sequence[object] = (),
        colors: Sequence[QColor | None] = (),
        tips: Sequence[str] = (),
    ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = list(keys) or [None] * len(self.rows)
        self._colors = list(colors) or [None] * len(self.rows)
        self._tips = list(tips) or [""] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in self._right else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colors[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row] or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section in self._right else LEFT)
        return None


def table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A read-only, row-selecting table in the pane's look."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class EmptyOr(QStackedWidget):
    """A widget, or in its place a sentence saying why there is nothing and what to do."""

    def __init__(self, content: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        holder = QWidget()
        self.message = QLabel()
        self.message.setObjectName(name)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(theme.label_style("empty"))
        column = QVBoxLayout(holder)
        column.addWidget(self.message, 0, Qt.AlignmentFlag.AlignTop)
        column.addStretch(1)
        self.addWidget(content)
        self.addWidget(holder)

    def show_empty(self, message: str | None) -> None:
        """Show ``message`` instead of the content; None shows the content."""
        if message is None:
            self.setCurrentWidget(self.content)
        else:
            self.message.setText(message)
            self.setCurrentIndex(1)

    @property
    def is_empty(self) -> bool:
        return self.currentIndex() == 1
