"""The roster's column widths: each shown column fitted to its content (the rows on screen and
the model's widest texts), spare room to the client names, a shortfall shared by the text
columns down to their floors; widths the user chose are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from msp_desk.ui.clients.roster_filter import RosterFilterProxy
from msp_desk.ui.clients.roster_model import COLUMN_KEYS, RosterModel
from msp_desk.ui.common.column_chooser import ColumnChooser

SHRINK_FLOORS = {"name": 170, "industry": 100}  # px these columns may shrink to when room is short
MAX_FITTED_WIDTH = 320  # px: a column fitted to its content is no wider (the user may widen it)


class RosterWidths:
    """``RosterWidths(table, proxy, model, columns)``: ``fit`` measures, ``spread`` shares the
    viewport's width out again (after a resize) without measuring."""

    def __init__(
        self, table: QTableView, proxy: RosterFilterProxy, model: RosterModel, columns: ColumnChooser
    ) -> None:
        self.table, self.proxy, self.model, self.columns = table, proxy, model, columns
        self._content: dict[int, int] = {}  # shown column -> the width its content wants

    def fit(self) -> None:
        """Every shown column fits its content (unless the user chose its width); the client
        name column takes the room left over."""
        header = self.table.horizontalHeader()
        self._content = {
            c: min(max(self._content_width(c), header.sectionSizeHint(c)) + 4, MAX_FITTED_WIDTH)
            for c in range(self.model.columnCount())
            if not header.isSectionHidden(c) and self.columns.user_width(COLUMN_KEYS[c]) is None
        }
        self.spread()

    def _content_width(self, column: int) -> int:
        """Width of the widest cell: the rows on screen as the view measures them (precision 0:
        only those), and the model's few widest candidates among all rows, with the same padding."""
        measured = self.table.sizeHintForColumn(column)
        widest = self.model.widest_texts(column)
        if not widest:
            return measured
        metrics = self.table.fontMetrics()
        top = max(self.table.rowAt(0), 0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        bottom = self.proxy.rowCount() - 1 if bottom < 0 else bottom
        on_screen = [str(self.proxy.index(r, column).data() or "") for r in range(top, bottom + 1)]
        padding = measured - max(map(metrics.horizontalAdvance, on_screen)) if on_screen else 20
        return max(measured, max(map(metrics.horizontalAdvance, widest)) + padding)

    def spread(self) -> None:
        """Spare room goes to the names; a shortfall is taken from the text columns, in proportion
        to what each has above its floor, so no single column is squeezed to nothing. Widths the
        user chose are kept as they are."""
        chosen: dict[int, int] = {}  # shown columns the user sized (since they were fitted, too)
        for c, key in enumerate(COLUMN_KEYS):
            width = self.columns.user_width(key)
            if width is not None and self.columns.is_shown(key):
                chosen[c] = width
        widths = {c: w for c, w in self._content.items() if c not in chosen}
        if not widths:
            return
        name = COLUMN_KEYS.index("name")
        spare = self.table.viewport().width() - sum(widths.values()) - sum(chosen.values())
        if spare >= 0:
            if name in widths:
                widths[name] += spare
        else:
            floors = {COLUMN_KEYS.index(key): floor for key, floor in SHRINK_FLOORS.items()}
            room = {c: max(widths[c] - floor, 0) for c, floor in floors.items() if c in widths}
            total = sum(room.values())
            for c, available in room.items():
                if total:
                    widths[c] -= min(available, -spare * available // total + 1)
        with self.columns.resizing_by_code():
            for column, width in widths.items():
                self.table.setColumnWidth(column, width)
