"""What the spend and the revenue panels share: a heading with Add, Edit, Delete and Import
buttons over a table (model/view), or, while there is nothing yet, an empty state whose buttons
fill it. Every write goes through ``Edits`` (undoable); the panel re-reads itself after the
writes that concern it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from msp_desk.services.changes import Changes
from msp_desk.services.shop.settings import ShopProfile, shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.empty_state import EmptyState
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.common.tables import RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.theme import palette

Row = TypeVar("Row")


class RecordsPanel(QWidget, Generic[Row]):
    """One kind of record (``key``: "spend" or "revenue") in a table, with its buttons.

    A subclass says how rows are read (``load``), shown (``cells``), opened in a dialog
    (``dialog``) and deleted (``delete_write``). ``import_requested(kind)``: the user asked to
    import a file of this kind (the window opens the import)."""

    import_requested = Signal(str)
    SHOWS: frozenset[str] = frozenset()

    def __init__(
        self,
        ctx: PageContext,
        *,
        key: str,
        heading: str,
        noun: str,
        titles: Sequence[str],
        right: Sequence[int],
        empty: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{key}_panel")
        self.ctx, self.key = ctx, key
        self.rows: list[Row] = []
        self.profile: ShopProfile = shop_profile(ctx.db)
        self.dialog: FormDialog | None = None  # the last dialog opened (tests drive it)
        title = QLabel(heading)
        title.setObjectName(f"{key}_heading")
        title.setStyleSheet(theme.text_style("text", palette.FONT_SECTION, bold=True))
        buttons = QHBoxLayout()
        buttons.addWidget(title)
        buttons.addSpacing(12)
        self.add_button = self._button(f"Add {noun}…", f"{key}_add", self.add, buttons)
        self.edit_button = self._button("Edit…", f"{key}_edit", self.edit, buttons)
        self.delete_button = self._button("Delete", f"{key}_delete", self.delete, buttons)
        self.import_button = self._button(
            f"Import {noun}…", f"{key}_import", lambda: self.import_requested.emit(key), buttons
        )
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName(f"{key}_status")
        self.status.setStyleSheet(theme.label_style("quiet"))
        buttons.addWidget(self.status)
        self.model = RowsModel(titles, right=right, parent=self)
        self.view = table_view(f"{key}_table", self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self.empty = EmptyState(f"{key}_empty", *empty)
        self.empty.add_action(f"Add {noun}…", f"{key}_empty_add", self.add)
        self.empty.add_action(
            f"Import {noun}…", f"{key}_empty_import", lambda: self.import_requested.emit(key)
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        holder = QWidget()
        holder_column = QVBoxLayout(holder)
        holder_column.setContentsMargins(0, 0, 0, 0)
        holder_column.addWidget(self.empty)
        holder_column.addStretch(1)
        self.stack.addWidget(holder)
        self.below = QVBoxLayout()  # under the table: what a subclass adds
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 8)
        column.setSpacing(8)
        column.addLayout(buttons)
        column.addWidget(self.stack, 1)
        column.addLayout(self.below)
        self.follower = ChangeFollower(self, ctx.edits, self.SHOWS, self._changed)

    def _button(self, text: str, name: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # -- what a subclass says ------------------------------------------------------------------
    def load(self) -> list[Row]:  # pragma: no cover - each panel has its own
        raise NotImplementedError

    def row_id(self, row: Row) -> int:  # pragma: no cover
        raise NotImplementedError

    def cells(self, row: Row) -> tuple[str, ...]:  # pragma: no cover
        raise NotImplementedError

    def dialog_for(self, row: Row | None) -> FormDialog:  # pragma: no cover
        raise NotImplementedError

    def delete_write(self, row: Row) -> Changes:  # pragma: no cover
        raise NotImplementedError

    def warning(self, row: Row) -> str:
        """Why ``row`` wants attention (shown in the warning colour, the reason as its tooltip); "" if not."""
        return ""

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected()
        self.profile = shop_profile(self.ctx.db)
        self.rows = self.load()
        ids = [self.row_id(row) for row in self.rows]
        warnings = [self.warning(row) for row in self.rows]
        colors = [theme.color("warning") if why else None for why in warnings]
        self.model.set_rows([self.cells(row) for row in self.rows], ids, colors, warnings)
        self.stack.setCurrentIndex(0 if self.rows else 1)
        for button in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            button.setVisible(bool(self.rows))  # while empty, the empty state has Add and Import
        if chosen is not None and self.row_id(chosen) in ids:
            self.view.selectRow(ids.index(self.row_id(chosen)))
        self._enable()

    def _changed(self, changes: Changes) -> None:
        self.refresh()
        self.status.setText(changes.message)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def selected(self) -> Row | None:
        rows = self.view.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select_id(self, row_id: int) -> None:
        self.view.selectRow([self.row_id(row) for row in self.rows].index(row_id))

    def _enable(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- writing -------------------------------------------------------------------------------
    def _open(self, dialog: FormDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def add(self) -> None:
        self._open(self.dialog_for(None))

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(self.dialog_for(row))

    def delete(self) -> None:
        """Delete the chosen row at once: Undo (Ctrl+Z) puts it back."""
        row = self.selected()
        if row is not None:
            changes = self.ctx.edits.apply(lambda: self.delete_write(row))
            self.status.setText(f"{changes.message} — Ctrl+Z puts it back")
