"""The columns a user chose for a table: shown or hidden, order, widths and sort, kept by key.

State is saved in QSettings by column key (not by position, as ``QHeaderView.saveState`` does),
so a column added or moved in a later version does not scramble what the user chose.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QWidget

_ORDERS = {"asc": Qt.SortOrder.AscendingOrder, "desc": Qt.SortOrder.DescendingOrder}


def _strings(value: object) -> list[str]:
    """``value`` if it is a list of strings (as saved), else nothing."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return []


class ColumnChooser(QObject):
    """Show/hide, move and resize ``table``'s columns (``keys``, by logical index), remembered
    under ``settings_key``; the columns in ``fixed`` are always shown, those in ``default_hidden``
    start hidden (until the user shows them).

    The header's right-click menu and ``menu()`` (for a button) list the columns. Widths set by
    code inside ``resizing_by_code()`` are not taken for the user's choice; a width the user
    dragged is (``user_width``)."""

    changed = Signal()  # a column shown or hidden, or every column reset

    def __init__(
        self,
        table: QTableView,
        keys: Sequence[str],
        settings: QSettings,
        settings_key: str,
        fixed: Sequence[str] = (),
        default_sort: tuple[str, Qt.SortOrder] | None = None,
        default_hidden: Sequence[str] = (),
    ) -> None:
        super().__init__(table)
        self._table = table
        self._keys = tuple(keys)
        self._settings = settings
        self._settings_key = settings_key
        self._fixed = frozenset(fixed)
        self._default_sort = default_sort
        self._default_hidden = frozenset(default_hidden) - self._fixed
        self._widths: dict[str, int] = {}  # widths the user chose
        self._by_code = 0
        self._restoring = False
        header = self.header
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._context_menu)
        header.sectionResized.connect(self._resized)
        header.sectionMoved.connect(self._save)
        header.sortIndicatorChanged.connect(self._save)

    @property
    def header(self) -> QHeaderView:
        return self._table.horizontalHeader()

    # -- reading ---------------------------------------------------------------------------
    def is_shown(self, key: str) -> bool:
        return not self.header.isSectionHidden(self._keys.index(key))

    def shown_keys(self) -> list[str]:
        """The columns shown, left to right as the user arranged them."""
        header = self.header
        logical = [header.logicalIndex(visual) for visual in range(header.count())]
        return [self._keys[n] for n in logical if not header.isSectionHidden(n)]

    def user_width(self, key: str) -> int | None:
        """The width the user dragged ``key`` to, if they did."""
        return self._widths.get(key)

    @contextmanager
    def resizing_by_code(self) -> Iterator[None]:
        """Widths set inside are the page's fitting, not the user's choice."""
        self._by_code += 1
        try:
            yield
        finally:
            self._by_code -= 1

    # -- changing ----------------------------------------------------------------------------
    def set_shown(self, key: str, shown: bool) -> None:
        if key in self._fixed and not shown:
            return
        with self.resizing_by_code():
            self.header.setSectionHidden(self._keys.index(key), not shown)
        self._save()
        self.changed.emit()

    def reset(self) -> None:
        """Every column in its default place and visibility, fitted to content, default sort."""
        header = self.header
        with self.resizing_by_code():
            for logical, key in enumerate(self._keys):
                header.setSectionHidden(logical, key in self._default_hidden)
                header.moveSection(header.visualIndex(logical), logical)
        self._widths.clear()
        if self._default_sort is not None:
            key, order = self._default_sort
            self._table.sortByColumn(self._keys.index(key), order)
        self._save()
        self.changed.emit()

    def menu(self, parent: QWidget | None = None) -> QMenu:
        """A new menu of the columns (see ``fill_menu``)."""
        menu = QMenu(parent)
        menu.setObjectName("column_menu")
        self.fill_menu(menu)
        return menu

    def fill_menu(self, menu: QMenu) -> None:
        """(Re)fill ``menu``: a checkable action a column (``column_<key>``; the fixed ones greyed
        out), then "Reset columns". Titles are read from the model, as the header shows them."""
        menu.clear()
        model = self._table.model()
        for logical, key in enumerate(self._keys):
            title = model.headerData(logical, Qt.Orientation.Horizontal) if model else key
            action = QAction(str(title), menu)
            action.setObjectName(f"column_{key}")
            action.setCheckable(True)
            action.setChecked(self.is_shown(key))
            action.setEnabled(key not in self._fixed)
            action.toggled.connect(lambda on, k=key: self.set_shown(k, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = QAction("Reset columns", menu)
        reset.setObjectName("column_reset")
        reset.setToolTip("Show every column in its first place and width, sorted by client")
        reset.triggered.connect(self.reset)
        menu.addAction(reset)

    # -- kept between runs -----------------------------------------------------------------
    def restore(self) -> None:
        """Apply what was saved (unknown keys are ignored; columns the saved state does not know,
        such as ones added since, get their defaults). Nothing is saved until the user changes
        something, so a user who never did gets the defaults of the version they run."""
        state = self._load()
        self._restoring = True  # the moves and the sort below are not the user's doing
        try:
            self._apply(state)
        finally:
            self._restoring = False

    def _apply(self, state: dict[str, Any]) -> None:
        header = self.header
        with self.resizing_by_code():
            order = [k for k in dict.fromkeys(_strings(state.get("order"))) if k in self._keys]
            for visual, key in enumerate(order):
                header.moveSection(header.visualIndex(self._keys.index(key)), visual)
            known = set(_strings(state.get("order")))
            hidden = set(_strings(state.get("hidden"))) | (self._default_hidden - known)
            for logical, key in enumerate(self._keys):
                header.setSectionHidden(logical, key in hidden and key not in self._fixed)
            widths = state.get("widths", {})
            if isinstance(widths, dict):
                self._widths = {
                    k: int(w) for k, w in widths.items() if k in self._keys and isinstance(w, int) and w > 0
                }
            for key, width in self._widths.items():
                header.resizeSection(self._keys.index(key), width)
        sort = state.get("sort")
        if isinstance(sort, list) and len(sort) == 2 and sort[0] in self._keys and sort[1] in _ORDERS:
            self._table.sortByColumn(self._keys.index(sort[0]), _ORDERS[sort[1]])
        elif self._default_sort is not None:
            key, direction = self._default_sort
            self._table.sortByColumn(self._keys.index(key), direction)

    def _load(self) -> dict[str, Any]:
        raw = self._settings.value(self._settings_key)
        try:
            state = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:  # hand-edited or damaged: start from the defaults
            return {}
        return state if isinstance(state, dict) else {}

    def _save(self, *_args: object) -> None:
        if self._restoring:
            return
        header = self.header
        logical = [header.logicalIndex(visual) for visual in range(header.count())]
        section = header.sortIndicatorSection()
        state: dict[str, Any] = {
            "order": [self._keys[n] for n in logical],
            "hidden": [k for n, k in enumerate(self._keys) if header.isSectionHidden(n)],
            "widths": self._widths,
        }
        if 0 <= section < len(self._keys):
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            state["sort"] = [self._keys[section], "asc" if ascending else "desc"]
        self._settings.setValue(self._settings_key, json.dumps(state))

    def _resized(self, logical: int, _old: int, new: int) -> None:
        if self._by_code or new <= 0 or not 0 <= logical < len(self._keys):
            return
        self._widths[self._keys[logical]] = new
        self._save()

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.menu(self._table)
        menu.exec(self.header.viewport().mapToGlobal(pos))
        menu.deleteLater()
