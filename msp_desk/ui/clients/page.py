"""The Clients page: a searchable, filterable, sortable roster with a live count and MRR total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.services.accounts.signals import AccountSignals, account_signals
from msp_desk.services.changes import Changes
from msp_desk.services.clients.roster import RosterRow, roster, signal_labels, with_signals
from msp_desk.services.shop.settings import DEFAULT_PROFILE, ShopProfile, shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.empty_state import EmptyState, centred
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.unsaved import resolve_unsaved
from msp_desk.ui.common.words import UNIT_TITLES

if TYPE_CHECKING:
    from msp_desk.ui.clients.detail import ClientDetail
from msp_desk.ui.clients.roster_filter import RosterFilterProxy
from msp_desk.ui.clients.roster_model import COLUMN_KEYS, FILTER_FIELDS, RosterModel
from msp_desk.ui.clients.roster_widths import RosterWidths
from msp_desk.ui.common.column_chooser import ColumnChooser
from msp_desk.ui.common.filter_bar import FilterBar
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

FILTERS = (  # field, what it is, the item that shows all
    ("status", "status", "All statuses"),
    ("tier", "tier", "All tiers"),
    ("industry", "industry", "All industries"),
    ("channel", "channel", "All channels"),
    ("tag", "tag", "All tags"),
    ("review", "account review", "All accounts"),
)
DETAIL_WIDTH = 500  # px the detail opens with, until the user drags the split
NARROW_WIDTH = 1000  # px of page below which an open detail takes the width (a 1024 px window)
DETAIL_MIN_WIDTH = 600  # px the detail needs beside the roster: its tabs and header on one line
SPLITTER_KEY = "clients_page/splitter"  # QSettings key of the roster | detail split
COLUMNS_KEY = "clients_page/columns"  # QSettings key of the columns chosen (see ColumnChooser)
HIDDEN_AT_FIRST = ("start", "channel")  # so the rest fit a 1280 px window; the Columns menu shows them


# What the roster shows (rows) and what its readiness and flags are read from (signals).
ROSTER_TABLES = frozenset({"client", "contract_line", "tier", "tag", "client_tag", "shop_settings"})
SIGNAL_TABLES = frozenset(
    {"client", "contract_line", "ticket", "qbr_meeting", "roadmap_item", "referral_ask", "project_revenue"}
    | {"shop_settings"}
)


class ClientsPage(QWidget):
    """Roster of every client on ``ctx.today``: type in the search box or pick filters to narrow it.

    Emits ``client_activated(client_id)`` when a row is double-clicked or Enter is pressed on
    it. The columns shown, their order, widths and the sort are kept in ``ctx.settings``. The
    rows show at once; their readiness and flags (much slower to compute) are read by
    ``ctx.runner`` and filled in when they come (at once with a ``SyncRunner``). After a write
    that concerns the roster, the rows are read again by the runner (never on the UI thread);
    after one that only concerns the signals, only those. ``editing=False``: the roster alone,
    without the client detail beside it."""

    client_activated = Signal(int)
    add_client_requested = Signal()  # the empty roster's "Add your first client"
    unsaved_changed = Signal(bool)  # the open client's profile holds an edit not saved
    qbr_packet_requested = Signal(int)  # the open client's QBR packet, to be shown in Reports
    unsaved_what = "the client's profile"

    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *, editing: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("clients_page")
        self._settings = ctx.settings
        self._db = ctx.db
        self._today = ctx.today
        self._runner = ctx.runner
        self._generation = 0  # counts reloads: rows or signals read for an older one are dropped
        self._shop = DEFAULT_PROFILE  # the shop's words and money, as read with the rows
        self._stale_clients: set[int] = set()  # clients written whose rows are being read again
        self._currency = "USD"
        self._locale = "en_US"
        self._widths_stale = True  # fitted again once shown (the style sheet changes sizes)

        title = QLabel("Clients")
        title.setObjectName("page_title")
        self.search = QLineEdit()
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText("Search clients…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Filter by name, industry, tier, status, channel or tag (Ctrl+F; Esc clears)")
        self.search.setMinimumWidth(280)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)

        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.search)

        self.filters = FilterBar(FILTERS)
        self.columns_button = QPushButton("Colu&mns")
        self.columns_button.setObjectName("columns_button")
        self.columns_button.setToolTip("Choose the columns shown (also by right-clicking the table's header)")
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filters, 1)
        filter_row.addSpacing(12)
        filter_row.addWidget(self.columns_button)

        self.model = RosterModel(parent=self)
        self.proxy = RosterFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setObjectName("client_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        horizontal = self.table.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(False)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setResizeContentsPrecision(0)  # the rows on screen; see RosterWidths
        self.table.viewport().installEventFilter(self)

        self.columns = ColumnChooser(
            self.table,
            COLUMN_KEYS,
            self._settings,
            COLUMNS_KEY,
            fixed=("name",),
            default_sort=("name", Qt.SortOrder.AscendingOrder),
            default_hidden=HIDDEN_AT_FIRST,
        )
        self.columns.restore()  # before the rows arrive: they are sorted once, as saved
        self.widths = RosterWidths(self.table, self.proxy, self.model, self.columns)
        columns_menu = QMenu(self.columns_button)
        columns_menu.aboutToShow.connect(lambda: self.columns.fill_menu(columns_menu))
        self.columns_button.setMenu(columns_menu)

        self.summary = QLabel()
        self.summary.setObjectName("client_summary")

        roster_side = QWidget()
        layout = QVBoxLayout(roster_side)
        layout.setContentsMargins(24, 20, 12 if editing else 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(filter_row)
        self.empty = EmptyState(
            "clients_empty",
            "No clients yet",
            "Add the clients you look after, with the rung of your ladder each one is on, its seats "
            "and the date it started: the dashboard's MRR, churn and margin are read from them.",
        )
        self.empty.add_action("Add your first client…", "add_first_client", self.add_client_requested.emit)
        self.roster_or_empty = QStackedWidget()
        self.roster_or_empty.addWidget(self.table)
        self.roster_or_empty.addWidget(centred(self.empty))
        layout.addWidget(self.roster_or_empty, 1)
        layout.addWidget(self.summary)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.detail: ClientDetail | None = None
        if not editing:  # the roster alone
            outer.addWidget(roster_side)
        else:  # the roster beside the selected client's detail
            from msp_desk.ui.clients.detail import ClientDetail

            self.detail = ClientDetail(ctx)
            self.splitter = split(
                Qt.Orientation.Horizontal, roster_side, self.detail, name="clients_splitter"
            )
            saved = self._settings.value(SPLITTER_KEY)
            if isinstance(saved, QByteArray):
                self.splitter.restoreState(saved)
            self.splitter.splitterMoved.connect(
                lambda *_: self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())
            )
            outer.addWidget(self.splitter)
            self.detail.hide()  # the roster has the room until a client is opened
            self._roster_side = roster_side
            self.detail.close_requested.connect(self.close_detail)
            self.detail.profile.unsaved_changed.connect(self.unsaved_changed)
            self.detail.qbrs.packet_requested.connect(self.qbr_packet_requested)
            self.client_activated.connect(self.open_detail)
            self.table.selectionModel().currentRowChanged.connect(self._current_changed)
            close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail, self.close_detail)
            close.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.search.textChanged.connect(self._search_changed)
        self.filters.changed.connect(self._filter_changed)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        self.columns.changed.connect(self._columns_changed)
        self.table.activated.connect(self._activated)
        self.follower = ChangeFollower(self, ctx.edits, ROSTER_TABLES | SIGNAL_TABLES, self._on_changes)
        self.refresh()

    # -- public ------------------------------------------------------------------------------
    def offer_import(self, text: str, name: str, start: Callable[[], object]) -> QPushButton:
        """The hook for the import wizard: a button (``name``, reading ``text``, e.g. "Import
        clients…") beside "Add your first client" in the empty roster, which calls ``start``."""
        return self.empty.add_action(text, name, start)

    def refresh(self) -> None:
        """Read the roster from the database now (when built, or F5); search and filters stay.

        Readiness and flags follow from ``runner`` (until then they show "—" and nothing)."""
        self._generation += 1
        self._stale_clients.clear()
        self._show_rows(self._generation, _read_rows(self._db, self._today))

    def reload(self) -> None:
        """Read the roster again off the UI thread (after a write): the rows shown stay until the
        new ones arrive; search, filters and the selection stay."""
        self._generation += 1
        self._stale_clients.clear()  # read with every other row
        generation, db, today = self._generation, self._db, self._today
        self._runner.submit(
            lambda: _read_rows(db, today), lambda rows: self._show_rows(generation, rows), context=self
        )

    def _on_changes(self, changes: Changes) -> None:
        few = _rows_of(changes)
        if few is not None:
            self._reload_clients(few)
        elif changes.touches(ROSTER_TABLES):
            self.reload()
        else:  # the rows stand; their readiness and flags may not
            self._generation += 1
            self._read_signals(self._generation, self.model.given_rows())

    def _reload_clients(self, client_ids: frozenset[int]) -> None:
        """Read the rows of ``client_ids`` again off the UI thread (a write that touched those
        clients alone): the other rows stand; then every client's signals, as after a reload.
        Clients of an earlier write whose rows are still on their way are read again with them
        (that older read is dropped when it arrives)."""
        self._generation += 1
        self._stale_clients |= client_ids
        generation, db, today, wanted = (
            self._generation,
            self._db,
            self._today,
            frozenset(self._stale_clients),
        )
        self._runner.submit(
            lambda: roster(db, today, signals=False, only=wanted),
            lambda rows: self._take_clients(generation, wanted, rows),
            context=self,
        )

    def _take_clients(self, generation: int, client_ids: frozenset[int], fresh: list[RosterRow]) -> None:
        if generation != self._generation:
            return
        self._stale_clients.clear()  # the newest read: it had every client still waiting
        found = {row.client_id: row for row in fresh}
        rows = []
        for old in self.model.given_rows():
            if old.client_id not in client_ids:
                rows.append(old)
            elif old.client_id in found:  # its signals stay until the new ones are read
                rows.append(replace(found.pop(old.client_id), readiness=old.readiness, flags=old.flags))
        self._show_rows(generation, (self._shop, [*rows, *found.values()]))

    def _show_rows(self, generation: int, read: tuple[ShopProfile, list[RosterRow]]) -> None:
        if generation != self._generation:  # a newer read is on its way
            return
        shop, rows = read
        self._shop = shop
        selected = self.selected_client()
        self._currency, self._locale = shop.currency, shop.locale
        self.model.set_unit_word(UNIT_TITLES.get(shop.kind, "Seats"))
        if (shop.currency, shop.locale) == (self.model.currency, self.model.locale):
            self.model.update_rows(rows)  # the same clients: cells change in place, selection stays
        else:
            self.model.set_rows(rows, shop.currency, shop.locale)
        if selected is not None and self.selected_client() != selected:
            self._reselect(selected)
        for field in FILTER_FIELDS:  # values from the data; a value no longer there shows all
            if self.filters.set_choices(field, self.model.choices(field)):
                self.proxy.set_filter(field, self.filters.value(field))
        self._widths_stale = True
        if self.isVisible():
            self._fit_columns()
        self.roster_or_empty.setCurrentIndex(0 if rows else 1)
        self._update_summary()
        self._read_signals(generation, rows)

    def _read_signals(self, generation: int, rows: list[RosterRow]) -> None:
        db, today = self._db, self._today
        self._runner.submit(
            lambda: account_signals(db, today),
            lambda signals: self._take_signals(generation, rows, signals),
            context=self,
        )

    def select_client(self, client_id: int) -> bool:
        """Select ``client_id``'s row (clearing a search or filter that hides it); False if absent."""
        row = self.model.row_of(client_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _reselect(self, client_id: int) -> None:
        """Select ``client_id`` again after the rows were replaced, if a filter still shows it."""
        row = self.model.row_of(client_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.setCurrentIndex(index)

    def selected_client(self) -> int | None:
        """The id of the client whose row is current, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(self.proxy.index(index.row(), 0))
        return self.model.row_at(source.row()).client_id if source.isValid() else None

    def open_detail(self, client_id: int) -> None:
        """Show ``client_id``'s detail beside the roster (double-click, Enter, or a new client)."""
        if self.detail is None:
            return
        if not self.detail.isVisible() and not isinstance(self._settings.value(SPLITTER_KEY), QByteArray):
            total = max(self.splitter.width(), 900)  # first time: the detail gets a readable width
            self.splitter.setSizes([total - DETAIL_WIDTH, DETAIL_WIDTH])
        self.detail.show()
        self.detail.show_client(client_id)
        self._fit_width()
        QTimer.singleShot(0, self._fit_width)  # again once the split has laid the detail out

    def close_detail(self) -> None:
        """Hide the detail (asking first about an unsaved profile): the roster takes the whole
        width again."""
        if self.detail is not None and (not self.has_unsaved() or self._resolve_unsaved()):
            self.detail.hide()
            self._fit_width()
            self.table.setFocus()

    def _current_changed(self, *_args: object) -> None:
        if self.detail is not None and self.detail.isVisible():  # an open detail follows the row
            shown, chosen = self.detail.client_id, self.selected_client()
            if chosen != shown and self.has_unsaved() and not self._resolve_unsaved():
                if shown is not None:  # Cancel: the row of the client being edited again
                    self._reselect(shown)
                return
            self.detail.show_client(chosen)

    # -- unsaved edits (the profile of the client open) -------------------------------------
    def has_unsaved(self) -> bool:
        return self.detail is not None and not self.detail.isHidden() and self.detail.profile.has_unsaved()

    def save_unsaved(self) -> bool:
        return self.detail is not None and self.detail.profile.save()

    def discard_unsaved(self) -> None:
        if self.detail is not None:
            self.detail.profile.discard_unsaved()

    def _resolve_unsaved(self) -> bool:
        return resolve_unsaved(self, self.unsaved_what, self.save_unsaved, self.discard_unsaved)

    # -- narrow windows ------------------------------------------------------------------------
    def _fit_width(self) -> None:
        """Below ``NARROW_WIDTH`` an open detail takes the page's width (the roster comes back
        when it is closed: its ✕ reads "← Clients" then); wider, they share it, the roster
        without its filter row so that the detail has ``DETAIL_MIN_WIDTH``."""
        if self.detail is None:
            return
        opened = not self.detail.isHidden()
        narrow = self.width() < NARROW_WIDTH and opened
        self._roster_side.setVisible(not narrow)
        for wide_only in (self.filters, self.columns_button):  # beside a detail the roster is a list
            wide_only.setVisible(not opened)  # to pick from: the filters chosen still apply
        roster_layout = self._roster_side.layout()
        if roster_layout is not None:
            roster_layout.activate()  # its smaller minimum width, for the split below
        button = self.detail.close_button
        button.setText("← Clients" if narrow else "✕")
        button.setToolTip("Back to the clients (Esc)" if narrow else "Close the client's detail (Esc)")
        button.setFixedWidth(button.sizeHint().width() if narrow else 28)
        sizes = self.splitter.sizes()
        # What the detail needs: its tabs on one line, however long their counts make them.
        needed = max(DETAIL_MIN_WIDTH, self.detail.tabs_width())
        if not narrow and not self.detail.isHidden() and 0 < sizes[1] < needed:
            total = sum(sizes)  # a split saved in a wider window: the detail gets what it needs
            self.splitter.setSizes([total - needed, needed])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._fit_width()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        """Show every client: the search emptied, every filter back to all."""
        self.filters.reset()
        self.proxy.clear_criteria()
        self.search.clear()  # the proxy has no search left: this only empties the box
        self._update_summary()

    # -- reacting --------------------------------------------------------------------------
    def _take_signals(
        self, generation: int, rows: list[RosterRow], signals: dict[int, AccountSignals]
    ) -> None:
        if generation != self._generation:  # the roster was reloaded meanwhile
            return
        self.model.update_rows(with_signals(rows, signal_labels(signals)))
        self.proxy.refilter()  # "To review" depends on the flags just read
        self._update_summary()
        if self.detail is not None:
            self.detail.set_signals(signals)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_summary()

    def _filter_changed(self, field: str, value: str | None) -> None:
        self.proxy.set_filter(field, value)
        self._update_summary()

    def _columns_changed(self) -> None:
        self._widths_stale = True
        if self.isVisible():
            self._fit_columns()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        source = self.proxy.mapToSource(self.proxy.index(index.row(), 0))
        if source.isValid():
            self.client_activated.emit(self.model.row_at(source.row()).client_id)

    def _update_summary(self) -> None:
        shown, cents = self.proxy.visible_total()
        total = self.model.rowCount()
        noun = "client" if total == 1 else "clients"
        count = fmt.count(total, self._locale)
        if self.proxy.is_filtered():
            count = f"{fmt.count(shown, self._locale)} of {count}"
        mrr = fmt.money_whole(cents, self._currency, self._locale)
        self.summary.setText(f"{count} {noun} · {mrr} MRR")
        self.filters.clear_button.setEnabled(self.proxy.is_filtered())

    def _fit_columns(self) -> None:
        self._widths_stale = False
        self.widths.fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._widths_stale:  # measured once styled and shown: the style sheet changes sizes
            self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.widths.spread()
        return super().eventFilter(watched, event)


def _read_rows(db: Database, today: dt.date) -> tuple[ShopProfile, list[RosterRow]]:
    """The shop's words and the roster's rows (without signals: those come after)."""
    return shop_profile(db), roster(db, today, signals=False)


# A write that touched this many clients or fewer re-reads their rows alone (not the roster).
FEW_CLIENTS = 50


def _rows_of(changes: Changes) -> frozenset[int] | None:
    """The clients whose roster rows a write may have changed, when they are few and known (its
    journal is whole and it changed no tier or setting every row shows); None: read them all."""
    if not changes.touches(ROSTER_TABLES) or changes.journal is None or not changes.journal.complete:
        return None
    if (
        changes.touches({"tier", "shop_settings"})
        or not changes.clients
        or len(changes.clients) > FEW_CLIENTS
    ):
        return None
    return changes.clients
