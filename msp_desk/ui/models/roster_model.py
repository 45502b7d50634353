"""The client roster as a Qt table model, and a proxy that sorts it and filters by free text."""

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
    """Read-only rows of ``services.roster.roster``; ``SORT_ROLE`` gives raw values (MRR in cents)."""

    def __init__(self, currency: str = "USD", locale: str = "en_US", parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._currency = currency
        self._locale = locale
        self._titles = {column.key: column.title for column in COLUMNS}

    def set_rows(
        self, rows: Sequence[RosterRow], currency: str | None = None, locale: str | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._currency = currency or self._currency
        self._locale = locale or self._locale
        self.endResetModel()

    def set_unit_word(self, word: str) -> None:
        """What the seats column counts: "Seats" for an MSP, "Hours" for a VA agency."""
        self._titles["seats"] = word
        index = COLUMN_KEYS.index("seats")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, index, index)

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row, self._currency, self._locale)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "name":
            return row.name  # the full name where the column elides it
        if role == Qt.ItemDataRole.ForegroundRole and row.status in QUIET_STATUSES:
            return QUIET
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
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None


def _haystack(row: RosterRow) -> str:
    return collation_key(" ".join((row.name, row.industry, row.tier, row.status, row.channel)))


class RosterFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; keeps rows matching every word of the search in name, industry,
    tier, status or channel, ignoring case and accents ("zoe" finds "Zoë")."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
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

    def visible_rows(self) -> list[RosterRow]:
        source = self.sourceModel()
        assert isinstance(source, RosterModel)
        return [source.row_at(self.mapToSource(self.index(i, 0)).row()) for i in range(self.rowCount())]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        assert isinstance(source, RosterModel)
        haystack = _haystack(source.row_at(source_row))
        return all(word in haystack for word in self._words)
