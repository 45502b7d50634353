"""The agenda as a two-level tree model: one heading row per group (with its count), its items
under it; overdue items in the error role, snoozed ones saying from when.

Cells are worked out when the view asks for them (only the rows on screen), so a book of twenty
thousand clients with fifteen thousand QBRs due fills the list as fast as a small one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from msp_desk import formatting as fmt
from msp_desk.services.today.items import GROUPS, AgendaItem
from msp_desk.ui import theme

COLUMNS = ("Due", "What", "Client", "Owner")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # an item row's position in ``AgendaModel.items``
HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ITEM_FLAGS = HEADING_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
SHOWN_PER_GROUP = 200  # rows a group shows before its "more" row: a book of thousands opens at once
HEADING = 0  # the internal id of a heading row; an item row's is its group's position + 1

AnyIndex = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


def due_text(item: AgendaItem, today: dt.date, locale: str) -> str:
    """ "Today", "Tomorrow", or the date; "3 days late" for an overdue one."""
    days = (item.due - today).days
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days < 0:
        return "1 day late" if days == -1 else f"{fmt.count(-days, locale)} days late"
    return fmt.date_text(item.due, locale)


def tooltip(item: AgendaItem, locale: str) -> str:
    """Overdue, snoozed from when, and whether it is a task or worked out from the data."""
    tip = "Overdue" if item.overdue else ""
    if item.snoozed_from is not None:
        snoozed = f"Snoozed from {fmt.date_text(item.snoozed_from, locale)}"
        tip = f"{tip} · {snoozed}" if tip else snoozed
    if item.task_id is None:
        tip = f"{tip} · " if tip else ""
        tip += "Worked out from your data: open it to act on it"
    return tip


@dataclass(slots=True)
class Group:
    """A heading row: its kind, its text, the positions (in ``items``) of its rows, and how many
    of them are shown (the rest stand behind one "more" row until asked for)."""

    kind: str
    title: str
    members: tuple[int, ...]
    shown: int

    @property
    def hidden(self) -> int:
        return len(self.members) - self.shown

    @property
    def rows(self) -> int:
        return self.shown + (1 if self.hidden else 0)


class AgendaModel(QAbstractItemModel):
    """``set_items(items, today, locale)`` fills it; ``item_at(index)`` is the item of a row (None
    on a group heading and on a "more" row). A group shows its first ``SHOWN_PER_GROUP`` rows and
    a row that shows the rest (``show_all``); a group shown whole stays so across reads."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[AgendaItem] = []
        self.groups: list[Group] = []
        self.shown_whole: set[str] = set()  # the kinds whose every row was asked for
        self._today = dt.date.today()
        self._locale = "en_US"
        self._heading_font = QFont()
        self._heading_font.setBold(True)
        self._more_font = QFont()
        self._more_font.setItalic(True)
        self._late = theme.color("error")
        self._quiet = theme.color("quiet")

    def set_items(self, items: Sequence[AgendaItem], today: dt.date, locale: str) -> None:
        self.beginResetModel()
        self.items, self._today, self._locale = [], today, locale
        self.groups = []
        self._append(items)
        self.endResetModel()

    def add_items(self, items: Sequence[AgendaItem]) -> int:
        """Add the rows of groups not shown yet (the clients ready to ask, read last) after the
        others, without resetting the rows shown (selection and scroll stay); the first new
        heading's row."""
        first = len(self.groups)
        kinds = {kind for kind, _heading in GROUPS}
        new = len({item.kind for item in items if item.kind in kinds})
        if new:
            self.beginInsertRows(QModelIndex(), first, first + new - 1)
            self._append(items)
            self.endInsertRows()
        return first

    def _append(self, items: Sequence[AgendaItem]) -> None:
        start = len(self.items)
        self.items.extend(items)
        by_kind: dict[str, list[int]] = {}
        for n, item in enumerate(items, start):
            by_kind.setdefault(item.kind, []).append(n)
        for kind, heading in GROUPS:
            members = by_kind.get(kind)
            if not members:
                continue
            overdue = sum(self.items[n].overdue for n in members)
            title = f"{heading} ({fmt.count(len(members), self._locale)}"
            title += f", {fmt.count(overdue, self._locale)} overdue)" if overdue else ")"
            whole = kind in self.shown_whole or len(members) <= SHOWN_PER_GROUP + 1  # never "1 more"
            self.groups.append(Group(kind, title, tuple(members), len(members) if whole else SHOWN_PER_GROUP))

    def show_all(self, group_row: int) -> None:
        """Show every row of the group at ``group_row``: its "more" row becomes the first of the
        rows it stood for and the others are inserted after it (the rows above stay as they are)."""
        group = self.groups[group_row]
        if not group.hidden:
            return
        parent = self.index(group_row, 0)
        first, last = group.shown, len(group.members) - 1
        self.shown_whole.add(group.kind)
        if last > first:
            self.beginInsertRows(parent, first + 1, last)
            group.shown = len(group.members)
            self.endInsertRows()
        group.shown = len(group.members)
        self.dataChanged.emit(self.index(first, 0, parent), self.index(first, len(COLUMNS) - 1, parent))

    # -- the tree --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's default
        # bounds checked here, not with hasIndex: the view asks once per row when it lays out
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, HEADING) if row < len(self.groups) else QModelIndex()
        g = parent.row()
        if parent.internalId() != HEADING or row >= self.groups[g].rows:
            return QModelIndex()
        return self.createIndex(row, column, g + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, HEADING)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == HEADING and parent.column() == 0:
            return self.groups[parent.row()].rows
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return len(COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == HEADING:
            return HEADING_FLAGS
        return ITEM_FLAGS  # never has children: the view lays out a row without asking

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:  # noqa: N802 - Qt name
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Role.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == HEADING:
            return self._heading_data(self.groups[index.row()], index.column(), role)
        group = self.groups[index.internalId() - 1]
        if index.row() >= group.shown:
            return self._more_data(group, index.column(), role)
        n = group.members[index.row()]
        if role == ITEM_ROLE:
            return n
        item = self.items[n]
        if role == Role.DisplayRole:
            column = index.column()
            if column == 0:
                return due_text(item, self._today, self._locale)
            return (item.title, item.client or "", item.owner)[column - 1]
        if role == Role.ToolTipRole:
            return tooltip(item, self._locale) or None
        if role == Role.ForegroundRole and item.overdue:
            return self._late
        return None

    def _heading_data(self, group: Group, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Role.DisplayRole:
            return group.title
        if role == Role.FontRole:
            return self._heading_font
        if role == Role.AccessibleDescriptionRole:
            return f"group_{group.kind}"
        return None

    def _more_data(self, group: Group, column: int, role: int) -> Any:
        if role == Role.DisplayRole and column == 1:
            return f"Show the other {fmt.count(group.hidden, self._locale)}…"
        if role == Role.ToolTipRole:
            return "Enter or a double click lists them all here"
        if role == Role.FontRole:
            return self._more_font
        if role == Role.ForegroundRole:
            return self._quiet
        if role == Role.AccessibleDescriptionRole and column == 0:
            return f"more_{group.kind}"
        return None

    # -- lookups ---------------------------------------------------------------------------------
    def item_at(self, index: AnyIndex) -> AgendaItem | None:
        if not index.isValid() or index.internalId() == HEADING:
            return None
        group = self.groups[index.internalId() - 1]
        return self.items[group.members[index.row()]] if index.row() < group.shown else None

    def more_row_group(self, index: AnyIndex) -> int | None:
        """The group row whose "more" row ``index`` is; None for any other row."""
        if not index.isValid() or index.internalId() == HEADING:
            return None
        g = index.internalId() - 1
        return g if index.row() >= self.groups[g].shown else None

    def index_of(self, wanted: int) -> QModelIndex:
        """The first column's index of item ``wanted`` (its position in ``items``), its group
        shown whole first when the item is behind the "more" row."""
        for g, group in enumerate(self.groups):
            if group.members and group.members[0] <= wanted <= group.members[-1] and wanted in group.members:
                row = group.members.index(wanted)
                if row >= group.shown:
                    self.show_all(g)
                return self.createIndex(row, 0, g + 1)
        return QModelIndex()
