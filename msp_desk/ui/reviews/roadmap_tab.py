"""The client's Roadmap tab (the vCIO plan, seed 001 §3): the items grouped by horizon, nearest
first, each horizon in its order with its totals; Add / Edit / Delete, Status, and Move: up / down
(Ctrl+Up / Ctrl+Down), to the sooner / later horizon (Ctrl+Left / Ctrl+Right), to any horizon, or
by dragging an item within its horizon or onto another. Each is one write through ``Edits``
(undoable). Setting an item that stands for a ladder change to accepted opens that account
action, pre-filled. The tree itself is ``roadmap_model``'s."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
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
from msp_desk.ui.reviews.roadmap_model import COLUMNS, HORIZON_ROLE, ITEM_ROLE, RoadmapModel, RoadmapView


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

        self.model = RoadmapModel()
        self.model.drop_requested.connect(self.move_to)
        self.view = RoadmapView(self.model)
        self.view.setObjectName("roadmap_tree")
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
        self.view.horizon_requested.connect(self.shift_horizon)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.edit_item)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view, self.delete_item)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.add_button = self._button("Add…", "roadmap_add", self.add_item)
        self.add_button.setToolTip("Add a roadmap item to the selected horizon")
        self.edit_button = self._button("Edit…", "roadmap_edit", self.edit_item)
        self.delete_button = self._button("Delete", "roadmap_delete", self.delete_item)
        # Move: up and down within the horizon, to the horizon before or after, or to any one (a
        # drag does the same); the keys are shown beside each (the view takes them, see RoadmapView).
        self.move_button = self._button("Move", "roadmap_move", None)
        self.move_button.setToolTip("Or drag the item: within its horizon, or onto another")
        self.move_menu = QMenu(self.move_button)
        self.move_menu.setObjectName("roadmap_move_menu")
        self.up_action = self.move_menu.addAction("Up\tCtrl+Up", lambda: self.move_item(-1))
        self.up_action.setObjectName("roadmap_up")
        self.down_action = self.move_menu.addAction("Down\tCtrl+Down", lambda: self.move_item(1))
        self.down_action.setObjectName("roadmap_down")
        self.nearer_action = self.move_menu.addAction(
            "Sooner horizon\tCtrl+Left", lambda: self.shift_horizon(-1)
        )
        self.nearer_action.setObjectName("roadmap_sooner")
        self.further_action = self.move_menu.addAction(
            "Later horizon\tCtrl+Right", lambda: self.shift_horizon(1)
        )
        self.further_action.setObjectName("roadmap_later")
        self.move_menu.addSeparator()
        self.to_actions: dict[str, QAction] = {}  # horizon -> its "To ..." action (off for the item's own)
        for horizon in HORIZONS:
            action = self.move_menu.addAction(f"To {HORIZON_WORDS[horizon].lower()}")
            action.setObjectName(f"roadmap_to_{horizon.value}")
            action.triggered.connect(lambda _=False, h=horizon.value: self.move_to_horizon(h))
            self.to_actions[horizon.value] = action
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

    def _fill(self) -> None:
        self.model.fill(self.rows, self._currency, self._locale)
        self.view.expandAll()
        planned = [r for r in self.rows if in_next_90_days(r.horizon) and is_open(r.status)]
        self.summary.setText(
            f"{fmt.count(len(self.rows), self._locale)} items · "
            f"{fmt.count(len(planned), self._locale)} open in the next 90 days"
        )

    def item_titles(self, horizon: str) -> list[str]:
        """The titles shown under ``horizon``, in order (what the user reads)."""
        group = self.model.group(horizon)
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
        place = None if chosen is None else HORIZONS.index(Horizon(chosen.horizon))
        self.nearer_action.setEnabled(place is not None and place > 0)
        self.further_action.setEnabled(place is not None and place < len(HORIZONS) - 1)
        for horizon, action in self.to_actions.items():
            action.setEnabled(chosen is not None and chosen.horizon != horizon)

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

    def move_to(self, item_id: int, horizon: str, position: int) -> None:
        """Put ``item_id`` at ``position`` of ``horizon`` (a drop): one undoable write."""
        self._write(lambda: roadmap.move_to(self._db, item_id, horizon, position))
        self.select_item(item_id)

    def shift_horizon(self, step: int) -> None:
        """Move the selected item to the horizon ``step`` away (-1: sooner, 1: later), where it
        reads as next to where it was: last in a sooner one, first in a later one."""
        chosen = self.selected()
        if chosen is None:
            return
        place = HORIZONS.index(Horizon(chosen.horizon)) + step
        if 0 <= place < len(HORIZONS):
            self.move_to(chosen.id, HORIZONS[place].value, len(self.rows) if step < 0 else 0)

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
