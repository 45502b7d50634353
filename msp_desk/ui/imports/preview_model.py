"""The import preview's table: the file's rows as the import will read them (any number: a model,
not a widget per cell), each cell or row with a problem in the theme's warning colours, its
reasons in a tooltip."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from msp_desk.services.imports.preview import ImportPreview
from msp_desk.ui import theme
from msp_desk.ui.common.tables import LEFT, RIGHT
from msp_desk.ui.common.words import word

AnyIndex = QModelIndex | QPersistentModelIndex
MARK = "⚠"  # beside the row number of a row with a problem (not colour alone)


class PreviewModel(QAbstractTableModel):
    """Column 0 is the file's row number; then one column per field read."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._rows: list[tuple[int, tuple[str, ...]]] = []
        self._cells: dict[tuple[int, int], list[str]] = {}  # (model row, column) -> reasons
        self._whole_rows: dict[int, list[str]] = {}  # model row -> reasons of the row as a whole
        self._row_reasons: dict[int, list[str]] = {}  # model row -> every reason in it
        self.position: dict[int, int] = {}  # file row number -> model row
        self._warning = theme.color("warning")
        self._surface = theme.color("warning_surface")

    def show(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self._titles = ["Row"] + [_title(said, column) for said, column in preview.titles]
        self._rows = preview.rows
        self.position = {number: index for index, (number, _cells) in enumerate(preview.rows)}
        cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        whole: dict[int, list[str]] = defaultdict(list)
        every: dict[int, list[str]] = defaultdict(list)
        for problem in preview.problems:
            row = self.position.get(problem.row) if problem.row is not None else None
            if row is None:
                continue  # the whole file's (the header's): shown in the list only
            every[row].append(problem.message)
            if problem.column is None:
                whole[row].append(problem.message)
            else:
                cells[(row, problem.column + 1)].append(problem.message)
        self._cells, self._whole_rows, self._row_reasons = dict(cells), dict(whole), dict(every)
        self.endResetModel()

    def marked(self, row: int) -> bool:
        """Whether model row ``row`` has a problem."""
        return row in self._row_reasons

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt name
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            number, cells = self._rows[row]
            if column == 0:
                return f"{MARK} {number}" if row in self._row_reasons else str(number)
            return cells[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column == 0 else LEFT)
        if row not in self._row_reasons:
            return None
        if column == 0:
            reasons = self._row_reasons[row]
        else:
            reasons = self._cells.get((row, column), []) + self._whole_rows.get(row, [])
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._surface if reasons else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._warning if reasons else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(reasons) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int((RIGHT if section == 0 else LEFT) | Qt.AlignmentFlag.AlignVCenter)
        return None


def _title(said: str, column: str) -> str:
    """A field's header: its name, and under it the file's column when that is called otherwise."""
    name = word(said)
    same = said.replace("_", " ").casefold() == column.replace("_", " ").casefold()
    return name if same else f"{name}\n{column}"
