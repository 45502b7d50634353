"""The client roster as a Qt table model, and a proxy that filters it by text and by field.

Built for tens of thousands of rows: sort keys, search texts and filter values are computed once
per row (and only for what is used), sorting is one ``list.sort`` in the model rather than a
Python call per comparison, a filter change decides every row in one pass before the proxy asks
(so its per-row callback is a list lookup), and display texts are formatted once, when a cell is
first shown.
"""

from __future__ import annotations

import datetime as dt
import heapq
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from msp_desk import formatting as fmt
from msp_desk.services.clients.roster import RosterRow
from msp_desk.ui import theme
from msp_desk.ui.common.tables import SORT_ROLE
from msp_desk.ui.common.words import word

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

QUIET_STATUSES = frozenset({"churned", "prospect"})  # not paying: shown in grey
FADED = theme.color("faded")  # asked for once: the model hands them out per visible cell
FLAGGED = theme.color("warning")
STATUS_ORDER = ("prospect", "onboarding", "active", "paused", "churned")  # the client lifecycle
FILTER_FIELDS = ("status", "tier", "industry", "channel", "tag", "review")
REVIEW_CHOICES = [("flagged", "To review (flagged)"), ("", "No flags")]
NO_VALUE = "(none)"  # how a filter offers the rows where a field is empty
MANY_ROWS = 1_000  # a filter change showing or hiding more rows than this relays out the view
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
    sort_key: Callable[
        [RosterRow], SupportsRichComparison
    ]  # one type per column (mixed types do not compare)
    right: bool = False


def collation_key(text: str) -> str:
    """Sort key that files "Ōsaka" under O and ignores case (no locale database needed)."""
    if text.isascii():  # nothing to decompose: the common case, and 30x faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _readiness(row: RosterRow, _currency: str, locale: str) -> str:
    return fmt.count(row.readiness, locale)  # "—" when not known


def _flags(row: RosterRow, _currency: str, locale: str) -> str:
    return fmt.count(len(row.flags), locale) if row.flags else ""


COLUMNS: tuple[Column, ...] = (
    Column("name", "Client", lambda r, c, loc: r.name, lambda r: collation_key(r.name)),
    Column("industry", "Industry", lambda r, c, loc: r.industry, lambda r: collation_key(r.industry)),
    Column("status", "Status", lambda r, c, loc: word(r.status), lambda r: r.status),
    Column("tier", "Tier", lambda r, c, loc: r.tier, lambda r: (r.tier_rank, collation_key(r.tier))),
    Column("seats", "Seats", lambda r, c, loc: fmt.count(r.seats, loc), lambda r: r.seats, right=True),
    Column("mrr", "MRR", lambda r, c, loc: fmt.money(r.mrr_cents, c, loc), lambda r: r.mrr_cents, right=True),
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
    Column("channel", "Channel", lambda r, c, loc: word(r.channel), lambda r: r.channel),
    Column(
        "readiness",
        "Readiness",
        _readiness,
        lambda r: -1 if r.readiness is None else r.readiness,
        right=True,
    ),
    Column("flags", "Flags", _flags, lambda r: len(r.flags), right=True),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
_FLAGS = COLUMN_KEYS.index("flags")
_READINESS = COLUMN_KEYS.index("readiness")


class RosterModel(QAbstractTableModel):
    """Read-only rows of ``services.clients.roster.roster``; ``SORT_ROLE`` gives raw values (MRR in cents).

    ``sort`` orders the rows itself (stable, from the order they were given in), so a view or
    proxy never calls back into Python for each comparison."""

    def __init__(self, currency: str = "USD", locale: str = "en_US", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[RosterRow] = []  # as set, e.g. by name from the service
        self.order: list[int] = []  # positions in ``_given`` of the rows, in the current sort order
        self._rows: list[RosterRow] = []  # the rows in the current sort order
        self._sort_keys: dict[int, list[SupportsRichComparison]] = {}  # column -> key of each given row
        self._texts: dict[tuple[int, int], str] = {}  # (id of row, column) -> display text
        self._haystacks: list[str] | None = None  # searchable text of each given row
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
        self._haystacks = None
        self._currency = currency or self._currency
        self._locale = locale or self._locale
        self.total_mrr_cents = sum(row.mrr_cents for row in self._given)
        self.version += 1
        self.order = self._ordered()
        self._rows = [self._given[n] for n in self.order]
        self.endResetModel()

    def update_rows(self, rows: Sequence[RosterRow]) -> None:
        """New values for the same clients in the same order (e.g. readiness and flags that came
        later): cells change in place; the selection, search and filters stay. Other rows are
        set as by ``set_rows``."""
        rows = list(rows)
        same = len(rows) == len(self._given) and all(
            new.client_id == old.client_id for new, old in zip(rows, self._given, strict=True)
        )
        if not same:
            self.set_rows(rows)
            return
        self._given = rows
        self._sort_keys.clear()
        self._texts.clear()
        self._haystacks = None
        self.total_mrr_cents = sum(row.mrr_cents for row in rows)
        self._rows = [rows[n] for n in self.order]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        if self._sort is not None:
            self.sort(*self._sort)  # the sorted column's values may have changed

    def set_unit_word(self, word: str) -> None:
        """What the seats column counts: "Seats" for an MSP, "Hours" for a VA agency."""
        self._titles["seats"] = word
        index = COLUMN_KEYS.index("seats")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, index, index)

    @property
    def currency(self) -> str:
        return self._currency

    @property
    def locale(self) -> str:
        return self._locale

    def row_at(self, row: int) -> RosterRow:
        """The client shown at ``row`` (in the current sort order)."""
        return self._rows[row]

    def row_of(self, client_id: int) -> int | None:
        """The row showing ``client_id`` (in the current sort order), None if it is not listed."""
        return next((n for n, row in enumerate(self._rows) if row.client_id == client_id), None)

    def given_rows(self) -> list[RosterRow]:
        """The rows in the order they were set (what ``order`` and ``search_texts`` index)."""
        return self._given

    def search_texts(self) -> list[str]:
        """Of each given row, what the search looks in (name, industry, tier, status, channel and
        tags), case and accents folded; computed on the first search."""
        if self._haystacks is None:
            self._haystacks = [
                collation_key(
                    " ".join((r.name, r.industry, r.tier, r.status, r.channel, *r.tags))
                    if r.tags
                    else f"{r.name} {r.industry} {r.tier} {r.status} {r.channel}"
                )
                for r in self._given
            ]
        return self._haystacks

    def choices(self, field: str) -> list[tuple[str, str]]:
        """The values ``field`` takes in the rows, as (value, label), in the order people expect:
        statuses by lifecycle, tiers by rung, the rest alphabetically; "" (no value) last."""
        if field == "review":
            return REVIEW_CHOICES
        if field == "tag":
            values = {tag for row in self._given for tag in row.tags}
        else:
            values = {getattr(row, field) for row in self._given}
        if field == "status":
            rank = {status: n for n, status in enumerate(STATUS_ORDER)}
            ordered = sorted(values, key=lambda v: (not v, rank.get(v, len(rank)), v))
        elif field == "tier":
            rungs = {row.tier: row.tier_rank for row in self._given}
            ordered = sorted(values, key=lambda v: (not v, rungs[v], collation_key(v)))
        else:
            ordered = sorted(values, key=lambda v: (not v, collation_key(v)))
        capitalised = field in ("status", "channel")
        return [(v, (word(v) if capitalised else v) if v else NO_VALUE) for v in ordered]

    def widest_texts(self, column: int) -> list[str]:
        """A few texts of ``column`` among which is (about) its widest, found without formatting
        every row: a view measuring all 20,000 rows takes the better part of a second. Numbers:
        the largest and smallest; labels: every distinct one; dates: the latest year's months;
        names: the longest."""
        rows = self._given
        if not rows:
            return []
        key, show = COLUMNS[column].key, COLUMNS[column].display
        if COLUMNS[column].right:
            sort_key = COLUMNS[column].sort_key
            picked = [max(rows, key=sort_key), min(rows, key=sort_key)]
        elif key in ("status", "tier", "channel"):
            picked = list({getattr(row, key): row for row in rows}.values())
        elif key in ("start", "renewal"):
            days = [d for row in rows if (d := getattr(row, f"{key}_date")) is not None]
            if not days:
                return []
            year = max(days).year
            return [fmt.date_text(dt.date(year, month, 28), self._locale) for month in range(1, 13)]
        else:
            picked = heapq.nlargest(3, rows, key=lambda row: len(getattr(row, key)))
        return [show(row, self._currency, self._locale) for row in picked]

    # -- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self._rows[index.row()] for index in persistent]
        self.order = self._ordered()
        self._rows = [self._given[n] for n in self.order]
        if persistent:  # keep the selection and current row on the same clients
            where = {id(row): n for n, row in enumerate(self._rows)}
            after = [
                self.index(where[id(row)], index.column())
                for row, index in zip(before, persistent, strict=True)
            ]
            self.changePersistentIndexList(persistent, after)
        self.layoutChanged.emit()

    def _ordered(self) -> list[int]:
        if self._sort is None:
            return list(range(len(self._given)))
        column, order = self._sort
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [COLUMNS[column].sort_key(row) for row in self._given]
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)  # stable

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
            row = self._rows[index.row()]
            if index.column() == _FLAGS and row.flags:
                return FLAGGED
            return FADED if row.status in QUIET_STATUSES else None
        if role == SORT_ROLE:
            return COLUMNS[index.column()].sort_key(self._rows[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._rows[index.row()], index.column())
        return None

    def _tooltip(self, row: RosterRow, column: int) -> str | None:
        if column == 0:  # the full name where the column elides it, and the tags
            return f"{row.name}\nTags: {', '.join(row.tags)}" if row.tags else row.name
        if column == _FLAGS:
            return "\n".join(row.flags) if row.flags else "No account review flags"
        if column == _READINESS:
            if row.readiness is None:
                return f"Referral readiness: {fmt.NO_DATA_TIP}"
            return f"Referral readiness: {row.readiness} of 100"
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
