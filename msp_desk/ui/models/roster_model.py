"""The client roster as a Qt table model, and a proxy that filters it by free text.

Built for tens of thousands of rows: sort keys and search text are computed once per row (and
only for the columns used), sorting is one ``list.sort`` in the model rather than a Python call
per comparison, and display texts are formatted once, when a cell is first shown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from msp_desk import formatting as fmt
from msp_desk.services.roster import RosterRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
QUIET_STATUSES = frozenset({"churned", "prospect"})  # not paying: shown in grey
QUIET = QColor("#8b939e")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    display: Callable[[RosterRow, str, str], str]  # (row, currency, locale) -> text
    sort_key: Callable[[RosterRow], object]  # one type per column (mixed types do not compare)
    right: bool = False


def collation_key(text: str) -> str:
    """Sort key that files "Ōsaka" under O and ignores case (no locale database needed)."""
    if text.isascii():  # nothing to decompose: the common case, and 30x faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _word(text: str) -> str:
    return text[:1].upper() + text[1:] if text else ""


COLUMNS: tuple[Column, ...] = (
    Column("name", "Client", lambda r, c, loc: r.name, lambda r: collation_key(r.name)),
    Column("status", "Status", lambda r, c, loc: _word(r.status), lambda r: r.status),
    Column("tier", "Tier", lambda r, c, loc: r.tier, lambda r: collation_key(r.tier)),
    Column("seats", "Seats", lambda r, c, loc: fmt.count(r.seats, loc), lambda r: r.seats, right=True),
    Column("mrr", "MRR", lambda r, c, loc: fmt.money(r.mrr_cents, c, loc), lambda r: r.mrr_cents, right=True),
    Column("industry", "Industry", lambda r, c, loc: r.industry, lambda r: collation_key(r.industry)),
    Column("channel", "Channel", lambda r, c, loc: _word(r.channel), lambda r: r.channel),
    Column(
        "start",
        "Start",
        lambda r, c, loc: fmt.date_text(r.start_date, loc),
        lambda r: r.start_date.isoformat() if r.start_date else "",
    ),
    Column(
        "renewal",
        "Renewal",
        lambda r, c, loc: fmt.date_text(r.renewal_date, loc),
        lambda r: r.renewal_date.isoformat() if r.renewal_date else "",
    ),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)


class RosterModel(QAbstractTableModel):
    """Read-only rows of ``services.roster.roster``; ``SORT_ROLE`` gives raw values (MRR in cents).

    ``sort`` orders the rows itself (stable, from the order they were given in), so a view or
    proxy never calls back into Python for each comparison."""

    def __init__(self, currency: str = "USD", locale: str = "en_US", parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._given: list[RosterRow] = []  # as set, e.g. by name from the service
        self._rows: list[RosterRow] = []  # in the current sort order
        self._sort_keys: dict[int, list[object]] = {}  # column -> key of each given row
        self._texts: dict[tuple[int, int], str] = {}  # (id of row, column) -> display text
        self._haystacks: dict[int, str] = {}  # id of row -> its searchable text
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._currency = currency
        self._locale = locale
        self._titles = {column.key: column.title for column in COLUMNS}
        self.total_mrr_cents = 0
        self.version = 0  # counts ``set_rows``: what was computed from older rows is stale

    def set_rows(
        self, rows: Sequence[RosterRow], currency: str | None = None, locale: str | None = None
    ) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._sort_keys.clear()
        self._texts.clear()
        self._haystacks.clear()
        self._currency = currency or self._currency
        self._locale = locale or self._locale
        self.total_mrr_cents = sum(row.mrr_cents for row in self._given)
        self.version += 1
        self._rows = self._ordered()
        self.endResetModel()

    def set_unit_word(self, word: str) -> None:
        """What the seats column counts: "Seats" for an MSP, "Hours" for a VA agency."""
        self._titles["seats"] = word
        index = COLUMN_KEYS.index("seats")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, index, index)

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        """What the search looks in (name, industry, tier, status, channel), case and accents folded."""
        record = self._rows[row]
        text = self._haystacks.get(id(record))
        if text is None:
            fields = (record.name, record.industry, record.tier, record.status, record.channel)
            text = self._haystacks[id(record)] = collation_key(" ".join(fields))
        return text

    # -- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self._rows[index.row()] for index in persistent]
        self._rows = self._ordered()
        if persistent:  # keep the selection and current row on the same clients
            where = {id(row): n for n, row in enumerate(self._rows)}
            after = [
                self.index(where[id(row)], index.column())
                for row, index in zip(before, persistent, strict=True)
            ]
            self.changePersistentIndexList(persistent, after)
        self.layoutChanged.emit()

    def _ordered(self) -> list[RosterRow]:
        if self._sort is None:
            return list(self._given)
        column, order = self._sort
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [COLUMNS[column].sort_key(row) for row in self._given]
        descending = order == Qt.SortOrder.DescendingOrder
        positions = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)  # stable
        return [self._given[n] for n in positions]

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == _DISPLAY:
            row, column = self._rows[index.row()], index.column()
            key = (id(row), column)
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = COLUMNS[column].display(row, self._currency, self._locale)
            return text
        if role == _ALIGN:
            return _RIGHT if COLUMNS[index.column()].right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            return QUIET if self._rows[index.row()].status in QUIET_STATUSES else None
        if role == SORT_ROLE:
            return COLUMNS[index.column()].sort_key(self._rows[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self._rows[index.row()].name  # the full name where the column elides it
        return None

    def headerData(  # noqa: N802 - Qt name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[column.key]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.right else _LEFT
        return None


class RosterFilterProxy(QSortFilterProxyModel):
    """Keeps rows matching every word of the search in name, industry, tier, status or channel,
    ignoring case and accents ("zoe" finds "Zoë"); sorting is passed on to the ``RosterModel``."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._total: tuple[object, tuple[int, int]] | None = None  # (words and rows version, total)
        self.setSortRole(SORT_ROLE)

    @property
    def search_text(self) -> str:
        return " ".join(self._words)

    def set_search(self, text: str) -> None:
        words = tuple(collation_key(text).split())
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source orders its rows (one ``list.sort``); this proxy keeps the source's order."""
        self._roster().sort(column, order)

    def visible_rows(self) -> list[RosterRow]:
        """The rows shown, top to bottom."""
        source = self._roster()
        if not self._words:
            return [source.row_at(n) for n in range(source.rowCount())]
        return [source.row_at(self.mapToSource(self.index(i, 0)).row()) for i in range(self.rowCount())]

    def visible_total(self) -> tuple[int, int]:
        """How many rows are shown and the sum of their MRR in cents (kept until the search or
        the rows change: a filter change reports each removed range, and each asks)."""
        source = self._roster()
        if not self._words:
            return source.rowCount(), source.total_mrr_cents
        key = (self._words, source.version)
        if self._total is None or self._total[0] != key:
            shown = [n for n in range(source.rowCount()) if self._matches(source, n)]
            self._total = key, (len(shown), sum(source.row_at(n).mrr_cents for n in shown))
        return self._total[1]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802 - Qt name
        return not self._words or self._matches(self._roster(), source_row)

    def _matches(self, source: RosterModel, row: int) -> bool:
        haystack = source.search_text(row)
        return all(word in haystack for word in self._words)

    def _roster(self) -> RosterModel:
        source = self.sourceModel()
        assert isinstance(source, RosterModel)
        return source
