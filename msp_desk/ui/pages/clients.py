"""The Clients page: a searchable, sortable roster with a live count and MRR total."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.services.roster import roster
from msp_desk.services.shop import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.models.roster_model import COLUMN_KEYS, RosterFilterProxy, RosterModel

UNIT_WORDS = {"msp": "Seats", "va": "Hours"}
SHRINK_FLOORS = {"name": 170, "industry": 100}  # px these columns may shrink to when room is short


class ClientsPage(QWidget):
    """Roster of every client on ``today``; type in the search box to narrow it."""

    def __init__(self, db: Database, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clients_page")
        self._db = db
        self._today = today
        self._currency = "USD"
        self._locale = "en_US"
        self._content_widths: list[int] = []
        self._widths_stale = True

        title = QLabel("Clients")
        title.setObjectName("page_title")
        self.search = QLineEdit()
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText("Search clients…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Filter by name, industry, tier, status or channel (Ctrl+F; Esc clears)")
        self.search.setMinimumWidth(280)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)

        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.search)

        self.model = RosterModel(parent=self)
        self.proxy = RosterFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setObjectName("client_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)
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

        self.table.viewport().installEventFilter(self)

        self.summary = QLabel()
        self.summary.setObjectName("client_summary")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.search.textChanged.connect(self.proxy.set_search)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_summary)
        self.refresh()

    def refresh(self) -> None:
        """Reload the roster from the database (after a write, or F5)."""
        shop = shop_profile(self._db)
        self._currency, self._locale = shop.currency, shop.locale
        self.model.set_unit_word(UNIT_WORDS.get(shop.kind, "Seats"))
        self.model.set_rows(roster(self._db, self._today), shop.currency, shop.locale)
        self._widths_stale = True
        if self.isVisible():
            self._fit_columns()
        self._update_summary()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _fit_columns(self) -> None:
        """Every column fits its content; the client name column takes the room left over."""
        self._widths_stale = False
        header = self.table.horizontalHeader()
        self._content_widths = [
            min(max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) + 4, 320)
            for c in range(self.model.columnCount())
        ]
        self._spread_columns()

    def _spread_columns(self) -> None:
        """Spare room goes to the names; a shortfall is taken from the text columns, in proportion
        to what each has above its floor, so no single column is squeezed to nothing."""
        widths = list(self._content_widths)
        if not widths:
            return
        name = COLUMN_KEYS.index("name")
        spare = self.table.viewport().width() - sum(widths)
        if spare >= 0:
            widths[name] += spare
        else:
            floors = {COLUMN_KEYS.index(key): floor for key, floor in SHRINK_FLOORS.items()}
            room = {c: max(widths[c] - floor, 0) for c, floor in floors.items()}
            total = sum(room.values())
            for c, available in room.items():
                if total:
                    widths[c] -= min(available, -spare * available // total + 1)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._widths_stale:  # measured once styled and shown: the style sheet changes sizes
            self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._spread_columns()
        return super().eventFilter(watched, event)

    def _update_summary(self) -> None:
        count, total = self.proxy.visible_total()
        noun = "client" if count == 1 else "clients"
        mrr = fmt.money(total, self._currency, self._locale)
        self.summary.setText(f"{fmt.count(count, self._locale)} {noun} shown · MRR {mrr}")
