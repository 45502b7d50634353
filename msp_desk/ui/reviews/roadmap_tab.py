"""The client's Roadmap tab (the vCIO plan, seed 001 §3): the items grouped by horizon, nearest
first, each horizon in its order with its totals; Add / Edit / Delete, Move up / down (Ctrl+Up /
Ctrl+Down), Move to another horizon and Status, each saved through ``Edits`` (undoable). Setting
an item that stands for a ladder change to accepted opens that account action, pre-filled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Horizon, RoadmapStatus
from msp_desk.domain.horizons import HORIZON_WORDS, HORIZONS, STATUS_WORDS, in_next_90_days, is_open
from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.services.reviews import roadmap
from msp_desk.services.reviews.roadmap import LadderStep, RoadmapRow
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.clients.account_dialog import AccountActionDialog
from msp_desk.ui.clients.history import caption
from msp_desk.ui.common.empty_state import EmptyState, centred
from msp_desk.ui.context import PageContext
from msp_desk.ui.reviews.roadmap_dialog import PlanNext90DaysDialog, RoadmapItemDialog

COLUMNS = ("Item", "Category", "Status", "One-off", "MRR impact", "Ladder change")
MONEY_COLUMNS = (3, 4)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # an item row's id
HORIZON_ROLE = Qt.ItemDataRole.UserRole + 2  # the horizon of a row (group or item)
ROW_HEIGHT = 28  # px, as the app's tables (ui.common.tables.table_view)


def _cell(text: str, *, right: bool = False) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


class _RowHeight(QStyledItemDelegate):
    """Rows as tall as the app's tables'."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 - Qt name
        found = super().sizeHint(option, index)
        return QSize(found.width(), max(found.height(), ROW_HEIGHT))


class RoadmapView(QTreeView):
    """The tree of horizons and items; Ctrl+Up / Ctrl+Down ask to move the current item (the view
    would otherwise take them for moving the cursor)."""

    move_requested = Signal(int)  # -1: up, 1: down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() in steps:
            self.move_requested.emit(steps[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)


class ClientRoadmap(QWidget):
    """``show_client(client_id)`` fills it; the dialogs it opens are ``dialog`` (tests drive them)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_roadmap")
        self._db, self._edits, self._today = ctx.db, ctx.edits, ctx.today
        self.client_id: int | None = None
        self.rows: list[RoadmapRow] = []
        self.dialog: RoadmapItemDialog | PlanNext90DaysDialog | AccountActionDialog | None = None
        self._currency, self._locale = "USD", "en_US"

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.view = RoadmapView()
        self.view.setObjectName("roadmap_tree")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(_RowHeight(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.edit_item())
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.move_requested.connect(self.move_item)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.edit_item)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view, self.delete_item)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.add_button = self._button("Add…", "roadmap_add", self.add_item)
        self.add_button.setToolTip("Add a roadmap item to the selected horizon")
        self.edit_button = self._button("Edit…", "roadmap_edit", self.edit_item)
        self.delete_button = self._button("Delete", "roadmap_delete", self.delete_item)
        # Move: up and down within the horizon (Ctrl+Up / Ctrl+Down), or to another horizon.
        self.move_button = self._button("Move", "roadmap_move", None)
        self.move_menu = QMenu(self.move_button)
        self.move_menu.setObjectName("roadmap_move_menu")
        self.up_action = self.move_menu.addAction("Up (Ctrl+Up)", lambda: self.move_item(-1))
        self.up_action.setObjectName("roadmap_up")
        self.down_action = self.move_menu.addAction("Down (Ctrl+Down)", lambda: self.move_item(1))
        self.down_action.setObjectName("roadmap_down")
        self.move_menu.addSeparator()
        for horizon in HORIZONS:
            action = self.move_menu.addAction(f"To {HORIZON_WORDS[horizon].lower()}")
            action.setObjectName(f"roadmap_to_{horizon.value}")
            action.triggered.connect(lambda _=False, h=horizon.value: self.move_to_horizon(h))
        self.move_button.setMenu(self.move_menu)
        self.status_button = self._button("Status", "roadmap_status", None)
        self.status_menu = QMenu(self.status_button)
        self.status_menu.setObjectName("roadmap_status_menu")
        for status in RoadmapStatus:
            action = self.status_menu.addAction(STATUS_WORDS[status])
            action.setObjectName(f"roadmap_status_{status.value}")
            action.triggered.connect(lambda _=False, s=status.value: self.set_status(s))
        self.status_button.setMenu(self.status_menu)
        self.plan_button = self._button("Plan 90 days…", "roadmap_plan_open", self.plan_next_90_days)
        self.plan_button.setToolTip("At a QBR: choose what to do in the next 90 days, push the rest back")

        self.summary = caption("roadmap_summary")
        self.message = QLabel()
        self.message.setObjectName("roadmap_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = QLabel()
        self.error.setObjectName("roadmap_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        self.empty = EmptyState(
            "roadmap_empty",
            "No roadmap yet",
            "The vCIO plan of this client: what to fix now, what can wait a month, a quarter or a "
            "year. Each QBR chooses the next 90 days from it.",
        )
        self.empty.add_action("Add the first roadmap item…", "roadmap_add_first", self.add_item)

        content = QWidget()
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.status_button,
            self.move_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        summary_row = QHBoxLayout()  # the plan of a QBR beside what it plans: the next 90 days
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.plan_button)
        content_column = QVBoxLayout(content)
        content_column.setContentsMargins(0, 0, 0, 0)
        content_column.addLayout(buttons)
        content_column.addLayout(summary_row)
        content_column.addWidget(self.view, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(centred(self.empty))
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addWidget(self.message)
        outer.addWidget(self.error)
        outer.addWidget(self.stack, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], object] | None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if slot is not None:
            button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- showing ---------------------------------------------------------------------------------
    def show_client(self, client_id: int | None) -> None:
        """Read ``client_id``'s roadmap (None: nothing), keeping the selected item selected."""
        chosen = self.selected()
        if client_id != self.client_id:
            self.message.hide()
            self.error.hide()
            chosen = None
        self.client_id = client_id
        profile = shop_profile(self._db)
        self._currency, self._locale = profile.currency, profile.locale
        self.rows = [] if client_id is None else roadmap.roadmap(self._db, client_id)
        self._fill()
        self.stack.setCurrentIndex(1 if self.rows else 0)
        if chosen is not None:
            self.select_item(chosen.id)
        self._update_buttons()

    def _money(self, cents: int, *, signed: bool = False) -> str:
        if not cents:
            return ""
        text = fmt.money(abs(cents), self._currency, self._locale)
        if signed:
            return f"+{text}" if cents > 0 else f"−{text}"
        return text

    def _fill(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        bold = QFont()
        bold.setBold(True)
        muted = QBrush(theme.color("caption"))
        for horizon in HORIZONS:
            items = [r for r in self.rows if r.horizon == horizon.value]
            still_open = [r for r in items if is_open(r.status)]
            one_off = sum(r.est_one_off_cents for r in still_open)
            mrr = sum(r.mrr_impact_cents for r in still_open)
            group = [
                _cell(f"{HORIZON_WORDS[horizon]} ({fmt.count(len(items), self._locale)})"),
                _cell(""),
                _cell(""),
                _cell(self._money(one_off), right=True),
                _cell(self._money(mrr, signed=True), right=True),
                _cell(""),
            ]
            for cell in group:
                cell.setFont(bold)
                cell.setData(horizon.value, HORIZON_ROLE)
                cell.setSelectable(True)
            near = "In the next 90 days. " if in_next_90_days(horizon.value) else ""
            group[0].setToolTip(f"{near}Totals count the open items: proposed, accepted and in progress")
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
                    if not is_open(row.status):
                        cell.setForeground(muted)
                cells[0].setToolTip(row.title)
                group[0].appendRow(cells)
            self.model.appendRow(group)
        self.view.expandAll()
        planned = [r for r in self.rows if in_next_90_days(r.horizon) and is_open(r.status)]
        self.summary.setText(
            f"{fmt.count(len(self.rows), self._locale)} items · "
            f"{fmt.count(len(planned), self._locale)} open in the next 90 days"
        )

    def item_titles(self, horizon: str) -> list[str]:
        """The titles shown under ``horizon``, in order (what the user reads)."""
        group = self.model.item(HORIZONS.index(Horizon(horizon)), 0)
        return [group.child(n, 0).text() for n in range(group.rowCount())]

    def select_item(self, item_id: int) -> bool:
        for g in range(self.model.rowCount()):
            group = self.model.item(g, 0)
            for n in range(group.rowCount()):
                if group.child(n, 0).data(ITEM_ROLE) == item_id:
                    self.view.setCurrentIndex(group.child(n, 0).index())
                    return True
        return False

    def selected(self) -> RoadmapRow | None:
        index = self.view.currentIndex()
        item_id = index.data(ITEM_ROLE) if index.isValid() else None
        return next((r for r in self.rows if r.id == item_id), None)

    def _selected_horizon(self) -> str:
        index = self.view.currentIndex()
        found = index.data(HORIZON_ROLE) if index.isValid() else None
        return found or Horizon.THIS_QUARTER.value

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.delete_button, self.move_button, self.status_button):
            button.setEnabled(chosen is not None)
        peers = [] if chosen is None else [r.id for r in self.rows if r.horizon == chosen.horizon]
        self.up_action.setEnabled(bool(peers) and chosen is not None and peers[0] != chosen.id)
        self.down_action.setEnabled(bool(peers) and chosen is not None and peers[-1] != chosen.id)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Add item…", self.add_item)
        if self.selected() is not None:
            menu.addAction("Edit…", self.edit_item)
            menu.addMenu(self.status_menu).setText("Status")
            menu.addMenu(self.move_menu).setText("Move")
            menu.addAction("Delete", self.delete_item)
        menu.exec(self.view.viewport().mapToGlobal(point))

    # -- writes ----------------------------------------------------------------------------------
    def _write(self, write: Callable[[], Changes]) -> Changes | None:
        self.error.hide()
        self.message.hide()
        try:
            return self._edits.apply(write)
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None

    def add_item(self) -> None:
        if self.client_id is not None:
            self._open(
                RoadmapItemDialog(
                    self._db, self._edits, self.client_id, self._today, horizon=self._selected_horizon()
                )
            )

    def edit_item(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.client_id is not None:
            self._open(RoadmapItemDialog(self._db, self._edits, self.client_id, self._today, chosen))

    def plan_next_90_days(self) -> None:
        if self.client_id is not None:
            self._open(PlanNext90DaysDialog(self._db, self._edits, self.client_id, self._today, self.rows))

    def delete_item(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._write(lambda: roadmap.delete_item(self._db, chosen.id))

    def move_item(self, step: int) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._write(lambda: roadmap.move_item(self._db, chosen.id, step))
            self.select_item(chosen.id)

    def move_to_horizon(self, horizon: str) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._write(lambda: roadmap.move_to_horizon(self._db, chosen.id, horizon))
            self.select_item(chosen.id)

    def set_status(self, status: str) -> None:
        """Set the selected item's status; accepted, for an item that stands for a ladder change,
        then opens that account action pre-filled (applying it stays the account dialog's)."""
        chosen = self.selected()
        if chosen is None:
            return
        changes = self._write(lambda: roadmap.set_status(self._db, chosen.id, status, self._today))
        self.select_item(chosen.id)
        if changes is None or status != RoadmapStatus.ACCEPTED.value:
            return
        try:
            step = roadmap.ladder_step(self._db, chosen.id, self._today)
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if step is not None and self.client_id is not None:
            self.open_ladder_step(self.client_id, step)
        elif chosen.link:
            self.message.setText(
                f"{chosen.title} accepted; its ladder change ({chosen.link}) is already in place"
            )
            self.message.show()

    def open_ladder_step(self, client_id: int, step: LadderStep) -> AccountActionDialog:
        """The account action's dialog with the item's add-on or tier chosen, its preview shown."""
        dialog = AccountActionDialog(self._db, self._edits, client_id, step.action, self._today)
        if step.tier_id is not None and hasattr(dialog, "tier"):
            dialog.tier.setCurrentIndex(max(0, dialog.tier.findData(step.tier_id)))
        if step.addon_id is not None and hasattr(dialog, "addon"):
            dialog.addon.setCurrentIndex(max(0, dialog.addon.findData(step.addon_id)))
        if step.addon_id is not None and hasattr(dialog, "addons"):
            for n in range(dialog.addons.count()):
                entry = dialog.addons.item(n)
                if entry.data(Qt.ItemDataRole.UserRole) == step.addon_id:
                    entry.setCheckState(Qt.CheckState.Checked)
        dialog.update_preview()
        self._open(dialog)
        return dialog

    def _open(self, dialog: RoadmapItemDialog | PlanNext90DaysDialog | AccountActionDialog) -> None:
        self.error.hide()
        if self.dialog is not None:  # the last one, closed by now
            self.dialog.deleteLater()
        dialog.setParent(self, dialog.windowFlags())
        self.dialog = dialog
        dialog.open()
