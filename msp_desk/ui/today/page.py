"""The Today page: what is due or overdue, grouped (``services.today.agenda``); Enter opens a
row's record, Done, Snooze and Reassign act on a task in place, and the list is read again
after every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.shop.settings import shop_profile
from msp_desk.services.today.stored import ask_items_stored, due_items_stored, stored_agenda
from msp_desk.ui.common.empty_state import EmptyState
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.theme import PAGE_MARGINS
from msp_desk.ui.today.model import AgendaModel
from msp_desk.ui.today.task_actions import ChosenTask, TaskActions

if TYPE_CHECKING:
    from msp_desk.services.today.items import AgendaItem

# Where a row opens when it is not simply its client's record.
REFERRAL_KINDS = frozenset({"follow_up", "partner_touch", "reward"})


class TodayPage(QWidget):
    """``TodayPage(ctx)``: the agenda of ``ctx.today``, read by ``ctx.runner``."""

    open_client = Signal(int)  # a client row: show its record
    go_to = Signal(str)  # a page to open (referrals)
    add_client_requested = Signal()
    import_requested = Signal(str)  # an import kind ("clients")

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_page")
        self._ctx = ctx
        self._generation = 0
        self._locale = "en_US"
        self.loaded = False  # the agenda has been read once

        title = QLabel("Today")
        title.setObjectName("page_title")
        self.summary = QLabel()
        self.summary.setObjectName("today_summary")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)

        self.model = AgendaModel()
        self.view = QTreeView()
        self.view.setObjectName("today_list")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setExpandsOnDoubleClick(False)
        head = self.view.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._activated)  # Enter or a double click
        self.task_bar = TaskActions(ctx, self.chosen_task, self.view, "today_")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.task_bar.update_buttons())
        self.hint = QLabel("Enter opens · Space done · S snooze a day, Shift+S a week · R reassign")
        self.hint.setObjectName("today_hint")
        self.hint.setProperty("role", "quiet")

        self.empty = EmptyState(
            "today_empty",
            "Nothing due",
            "What needs doing shows here: onboarding steps, referral follow-ups, QBRs and check-ins "
            "due this week, renewals in the next 60 days, rewards to pay and the clients ready to ask "
            "for a referral. It fills in as you add your clients.",
        )
        self.empty.add_action("Add a client", "today_add_client", self.add_client_requested.emit)
        self.empty.add_action(
            "Import clients…", "today_import_clients", lambda: self.import_requested.emit("clients")
        )
        self.empty.hide()

        column = QVBoxLayout(self)
        column.setContentsMargins(*PAGE_MARGINS)
        column.setSpacing(12)
        column.addLayout(header)
        column.addWidget(self.empty)
        column.addWidget(self.task_bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.hint)
        self.follower = ChangeFollower(self, ctx.edits, (), self._changed, concerned=lambda c: bool(c.tables))
        self._asked = False  # the first read waits until the page shows (the app's first paint)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        if not self._asked:
            self.refresh()
        super().showEvent(event)

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the agenda again: what a start or read found stored at the current data is shown
        at once; else (in the background in the app) what is due first, then the clients ready
        to ask (the slow part on a large book), added as their group."""
        self._asked = True
        self._generation += 1
        generation, db, today = self._generation, self._ctx.db, self._ctx.today
        start = stored_agenda(db, today)  # a driver read: no SQLAlchemy before the first paint

        def read() -> tuple[str, list[AgendaItem]]:
            return shop_profile(db).locale, due_items_stored(db, today)

        def due_read(locale: str, due: list[AgendaItem]) -> None:
            if generation != self._generation:
                return  # a later read is on its way
            self._show(locale, due, asks_pending=True)
            self._ctx.runner.submit(lambda: ask_items_stored(db, today), asks_read, context=self)

        def asks_read(asks: list[AgendaItem]) -> None:
            if generation == self._generation:
                self._add_asks(asks)

        if start.due is None:
            self._ctx.runner.submit(read, lambda data: due_read(*data), context=self)
        elif start.asks is None:
            due_read(shop_profile(db).locale, start.due)
        else:
            self._show(shop_profile(db).locale, start.due, asks_pending=True)
            self._add_asks(start.asks)

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    def _show(self, locale: str, items: list[AgendaItem], *, asks_pending: bool) -> None:
        keep = self._key(self.selected())
        position = self._flat_position()
        self._locale = self.task_bar.date_locale = locale
        self.model.set_items(items, self._ctx.today, locale)
        self._open_groups(0)
        self.view.resizeColumnToContents(0)
        self.view.setColumnWidth(2, max(self.view.columnWidth(2), 200))
        self._summarise(asks_pending)
        self._select_again(keep, position)

    def _add_asks(self, asks: list[AgendaItem]) -> None:
        """The clients ready to ask, read last, added as their group below the rest."""
        self._open_groups(self.model.add_items(asks))
        self._summarise(asks_pending=False)
        if not self.view.currentIndex().isValid():
            self._select_again(None, 0)

    def _open_groups(self, first: int) -> None:
        """Headings from row ``first`` on span the row and show their items."""
        rows = range(first, self.model.rowCount())
        for row in rows:  # spans first: each change of a span lays out the rows shown again
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        for row in rows:
            self.view.expand(self.model.index(row, 0))

    def _summarise(self, asks_pending: bool) -> None:
        items, locale = self.model.items, self._locale
        overdue = sum(item.overdue for item in items)
        late = f" · {fmt.count(overdue, locale)} overdue" if overdue else ""
        working = " · finding the clients ready to ask…" if asks_pending else ""
        self.summary.setText(
            f"{fmt.date_text(self._ctx.today, locale)} · {fmt.count(len(items), locale)} to do{late}{working}"
        )
        shown = bool(items) or asks_pending
        self.empty.setVisible(not shown)
        for part in (self.view, self.task_bar, self.hint):
            part.setVisible(shown)
        self.loaded = not asks_pending

    # -- selection -------------------------------------------------------------------------------
    def selected(self) -> AgendaItem | None:
        return self.model.item_at(self.view.currentIndex())

    def chosen_task(self) -> ChosenTask | None:
        item = self.selected()
        if item is None or item.task_id is None:
            return None
        return ChosenTask(item.task_id, item.due, item.owner, item.kind, item.client_id)

    def select(self, wanted: AgendaItem) -> bool:
        """Select the row of ``wanted`` (an item of the list shown)."""
        if wanted not in self.model.items:
            return False
        self.view.setCurrentIndex(self.model.index_of(self.model.items.index(wanted)))
        return True

    @staticmethod
    def _key(item: AgendaItem | None) -> tuple[str, int | None, str] | None:
        return None if item is None else (item.kind, item.task_id, item.title)

    def _flat_position(self) -> int:
        item = self.selected()
        return -1 if item is None else self.model.items.index(item)

    def _select_again(self, keep: tuple[str, int | None, str] | None, position: int) -> None:
        """The row selected before a reload, or (it went: done) the one now in its place."""
        items = self.model.items
        if not items:
            return
        found = next((n for n, item in enumerate(items) if self._key(item) == keep), None)
        if found is None:
            found = min(max(position, 0), len(items) - 1)
        self.view.setCurrentIndex(self.model.index_of(found))
        self.task_bar.update_buttons()

    # -- opening -----------------------------------------------------------------------------
    def open_selected(self) -> None:
        self._activated(self.view.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        group = self.model.more_row_group(index)
        if group is not None:  # "Show the other 14,224…": they take its place, the first selected
            self.model.show_all(group)
            self.view.setCurrentIndex(self.model.index(index.row(), 0, index.parent()))
            self.task_bar.update_buttons()
            return
        item = self.model.item_at(index)
        if item is None:
            return
        if item.kind in REFERRAL_KINDS or item.client_id is None:
            self.go_to.emit("referrals")
        else:
            self.open_client.emit(item.client_id)
