"""The agenda as a tree model: one heading row per group (with its count), its items under it;
overdue items in the error role, snoozed ones saying from when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from msp_desk import formatting as fmt
from msp_desk.services.today.items import GROUPS, AgendaItem
from msp_desk.ui import theme

COLUMNS = ("Due", "What", "Client", "Owner")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # an item row's position in ``AgendaModel.items``

AnyIndex = QModelIndex | QPersistentModelIndex


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


class AgendaModel(QStandardItemModel):
    """``set_items(items, today, locale)`` fills it; ``item_at(index)`` is the item of a row (None
    on a group heading)."""

    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.items: list[AgendaItem] = []

    def set_items(self, items: Sequence[AgendaItem], today: dt.date, locale: str) -> None:
        self.removeRows(0, self.rowCount())
        self.items = list(items)
        late = theme.color("error")
        heading_font = QFont()
        heading_font.setBold(True)
        for kind, heading in GROUPS:
            members = [(n, item) for n, item in enumerate(self.items) if item.kind == kind]
            if not members:
                continue
            overdue = sum(item.overdue for _n, item in members)
            title = f"{heading} ({fmt.count(len(members), locale)}"
            title += f", {fmt.count(overdue, locale)} overdue)" if overdue else ")"
            group = QStandardItem(title)
            group.setFont(heading_font)
            group.setEditable(False)
            group.setData(f"group_{kind}", Qt.ItemDataRole.AccessibleDescriptionRole)
            blanks = [QStandardItem() for _ in COLUMNS[1:]]
            for blank in blanks:
                blank.setEditable(False)
            self.appendRow([group, *blanks])
            for n, item in members:
                cells = [
                    QStandardItem(due_text(item, today, locale)),
                    QStandardItem(item.title),
                    QStandardItem(item.client or ""),
                    QStandardItem(item.owner),
                ]
                tip = "Overdue" if item.overdue else ""
                if item.snoozed_from is not None:
                    snoozed = f"Snoozed from {fmt.date_text(item.snoozed_from, locale)}"
                    tip = f"{tip} · {snoozed}" if tip else snoozed
                if item.task_id is None:
                    tip = f"{tip} · " if tip else ""
                    tip += "Worked out from your data: open it to act on it"
                for cell in cells:
                    cell.setEditable(False)
                    cell.setData(n, ITEM_ROLE)
                    if tip:
                        cell.setToolTip(tip)
                    if item.overdue:
                        cell.setForeground(late)
                group.appendRow(cells)

    def item_at(self, index: AnyIndex) -> AgendaItem | None:
        if not index.isValid():
            return None
        n = self.index(index.row(), 0, index.parent()).data(ITEM_ROLE)
        return self.items[n] if isinstance(n, int) else None

    def index_of(self, wanted: int) -> QModelIndex:
        """The first column's index of item ``wanted`` (its position in ``items``)."""
        for row in range(self.rowCount()):
            group = self.item(row, 0)
            for child in range(group.rowCount()):
                if group.child(child, 0).data(ITEM_ROLE) == wanted:
                    return group.child(child, 0).index()
        return QModelIndex()
