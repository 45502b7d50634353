"""The Roadmap tab's tree: a model of the horizons (each a group row with its open totals) and their
items in order, carrying an item as drag-and-drop data (its id) and reading a drop as "put it at
this place of this horizon"; the view that drags a row and turns Ctrl+arrows into moves."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QDrag, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Horizon, RoadmapStatus
from msp_desk.domain.horizons import HORIZON_WORDS, HORIZONS, STATUS_WORDS, in_next_90_days, is_open
from msp_desk.services.reviews.roadmap import RoadmapRow
from msp_desk.ui import theme

COLUMNS = ("Item", "Category", "Status", "One-off", "MRR impact", "Ladder change")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # an item row's id
HORIZON_ROLE = Qt.ItemDataRole.UserRole + 2  # the horizon of a row (group or item)
ROW_HEIGHT = 28  # px, as the app's tables (ui.common.tables.table_view)
MIME_TYPE = "application/x-msp-desk-roadmap-item"  # the dragged item's id, as ASCII digits
AnyIndex = QModelIndex | QPersistentModelIndex


def item_mime(item_id: int) -> QMimeData:
    """The drag data of one roadmap item."""
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(str(item_id).encode("ascii")))
    return data


def mime_item(data: QMimeData | None) -> int | None:
    """The item id a drag carries (None: not a roadmap item of this app)."""
    if data is None or not data.hasFormat(MIME_TYPE):
        return None
    text = bytes(data.data(MIME_TYPE).data()).decode("ascii", "replace")
    return int(text) if text.isdecimal() else None


def _cell(text: str, *, right: bool = False) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


class RoadmapModel(QStandardItemModel):
    """One group row per horizon (nearest first) with its items as children. An item row can be
    dragged; a drop between items, on a horizon's row or between horizons asks, with
    ``drop_requested(item id, horizon, position)``, for the item to go there (the tab writes it)."""

    drop_requested = Signal(int, str, int)

    def __init__(self, parent: QTreeView | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.invisibleRootItem().setDropEnabled(True)  # between two horizons: the end of the upper
        self._currency, self._locale = "USD", "en_US"

    # -- filling ---------------------------------------------------------------------------------
    def _money(self, cents: int, *, signed: bool = False) -> str:
        if not cents:
            return ""
        text = fmt.money(abs(cents), self._currency, self._locale)
        if signed:
            return f"+{text}" if cents > 0 else f"−{text}"
        return text

    def fill(self, rows: Sequence[RoadmapRow], currency: str, locale: str) -> None:
        """Show ``rows`` (ordered as ``services.reviews.roadmap.roadmap`` gives them)."""
        self._currency, self._locale = currency, locale
        self.removeRows(0, self.rowCount())
        bold = QFont()
        bold.setBold(True)
        muted = QBrush(theme.color("caption"))
        for horizon in HORIZONS:
            items = [r for r in rows if r.horizon == horizon.value]
            still_open = [r for r in items if is_open(r.status)]
            group = [
                _cell(f"{HORIZON_WORDS[horizon]} ({fmt.count(len(items), locale)})"),
                _cell(""),
                _cell(""),
                _cell(self._money(sum(r.est_one_off_cents for r in still_open)), right=True),
                _cell(self._money(sum(r.mrr_impact_cents for r in still_open), signed=True), right=True),
                _cell(""),
            ]
            for cell in group:
                cell.setFont(bold)
                cell.setData(horizon.value, HORIZON_ROLE)
                cell.setDragEnabled(False)
                cell.setDropEnabled(True)
            near = "In the next 90 days. " if in_next_90_days(horizon.value) else ""
            group[0].setToolTip(
                f"{near}Totals count the open items: proposed, accepted and in progress. "
                "Drop an item here to move it to this horizon"
            )
            for row in items:
                cells = [
                    _cell(row.title),
                    _cell(row.category),
                    _cell(STATUS_WORDS[RoadmapStatus(row.status)]),
                    _cell(self._money(row.est_one_off_cents), right=True),
                    _cell(self._money(row.mrr_impact_cents, signed=True), right=True),
                    _cell(row.link),
                ]
                for cell in cells:
                    cell.setData(row.id, ITEM_ROLE)
                    cell.setData(horizon.value, HORIZON_ROLE)
                    cell.setDragEnabled(True)
                    cell.setDropEnabled(False)  # a drop on an item lands above or below it
                    if not is_open(row.status):
                        cell.setForeground(muted)
                cells[0].setToolTip(row.title)
                group[0].appendRow(cells)
            self.appendRow(group)

    def group(self, horizon: str) -> QStandardItem:
        """The row of ``horizon`` (its items are its children)."""
        return self.item(HORIZONS.index(Horizon(horizon)), 0)

    def item_ids(self, horizon: str) -> list[int]:
        """The ids shown under ``horizon``, in order."""
        group = self.group(horizon)
        return [group.child(n, 0).data(ITEM_ROLE) for n in range(group.rowCount())]

    # -- drag and drop ---------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt name
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt name
        ids = [i.data(ITEM_ROLE) for i in indexes if i.data(ITEM_ROLE) is not None]
        return item_mime(ids[0]) if ids else QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt name
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt name
        return Qt.DropAction.MoveAction

    def drop_place(self, item_id: int, row: int, parent: AnyIndex) -> tuple[str, int]:
        """Where a drop at ``row`` of ``parent`` (Qt's terms: before that row, -1 on the parent
        itself) puts ``item_id``: its horizon and its position there once it has left its place."""
        if not parent.isValid():  # between horizons: last in the one above (first when none is)
            if row <= 0:
                return HORIZONS[0].value, 0
            horizon = HORIZONS[min(row, len(HORIZONS)) - 1].value
            return horizon, len([i for i in self.item_ids(horizon) if i != item_id])
        if parent.data(ITEM_ROLE) is not None:  # on an item itself: in its place, it below
            row, parent = parent.row(), parent.parent()
        horizon = str(parent.data(HORIZON_ROLE))
        others = self.item_ids(horizon)
        before = others if row < 0 else others[:row]  # on a horizon's row: last there
        return horizon, len([i for i in before if i != item_id])

    def dropMimeData(  # noqa: N802 - Qt name
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        item_id = mime_item(data)
        if item_id is None or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        horizon, position = self.drop_place(item_id, row, parent)
        ids = self.item_ids(horizon)
        if item_id in ids and ids.index(item_id) == position:
            return False  # dropped where it was
        self.drop_requested.emit(item_id, horizon, position)
        return True


class _RowHeight(QStyledItemDelegate):
    """Rows as tall as the app's tables'."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt name
        found = super().sizeHint(option, index)
        return QSize(found.width(), max(found.height(), ROW_HEIGHT))


class RoadmapView(QTreeView):
    """The tree of horizons and items. An item row is dragged with its id (the model reads the
    drop). Ctrl+Up / Ctrl+Down ask to move the current item within its horizon, Ctrl+Left /
    Ctrl+Right to the horizon before or after (the view would take them for moving the cursor)."""

    move_requested = Signal(int)  # -1: up, 1: down
    horizon_requested = Signal(int)  # -1: the nearer horizon, 1: the further one

    def __init__(self, model: RoadmapModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(_RowHeight(self))
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                event.accept()
                return
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.horizon_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
                event.accept()
                return
        super().keyPressEvent(event)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N802 - Qt name
        """Drag the current item's row. Unlike Qt's own, nothing is removed afterwards: the drop
        wrote the move and the tab has re-read the roadmap by then."""
        index = self.currentIndex()
        if not index.isValid() or index.data(ITEM_ROLE) is None:
            return
        drag = QDrag(self)
        drag.setMimeData(item_mime(int(index.data(ITEM_ROLE))))
        first = self.visualRect(index.siblingAtColumn(0))
        shown = first.united(self.visualRect(index.siblingAtColumn(2)))  # title, category, status
        drag.setPixmap(self.viewport().grab(shown))
        drag.exec(Qt.DropAction.MoveAction)
