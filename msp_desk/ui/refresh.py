"""Refresh a view only when a write concerns it.

After a write, an undo or a redo (``Edits.changed``), a view re-reads its data only if the write
changed a table it shows (``Changes.tables``; a view may judge more finely, e.g. by client). A
view its window is not showing (another page or tab is) waits and re-reads once, when shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from msp_desk.services.changes import Changes
from msp_desk.ui.edits import Edits

Reload = Callable[[Changes], None]


class ChangeFollower(QObject):
    """Calls ``reload(changes)`` for the writes that concern ``view``: those that touch one of
    ``tables``, or (``concerned`` given) those it says yes to. Lives as long as ``view``."""

    def __init__(
        self,
        view: QWidget,
        edits: Edits,
        tables: Iterable[str],
        reload: Reload,
        *,
        concerned: Callable[[Changes], bool] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self.tables = frozenset(tables)
        self._reload = reload
        self._concerned = concerned
        self.waiting: Changes | None = None  # writes that came while the view was not shown
        self.reloads = 0  # how many times a write made the view re-read (for tests and profiling)
        edits.changed.connect(self._changed)
        view.installEventFilter(self)

    def concerns(self, changes: Changes) -> bool:
        if self._concerned is not None:
            return self._concerned(changes)
        return changes.touches(self.tables)

    def _changed(self, changes: Changes) -> None:
        if not self.concerns(changes):
            return
        if self._view.window().isVisible() and not self._view.isVisible():
            self.waiting = changes if self.waiting is None else _merged(self.waiting, changes)
            return
        self._run(changes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self._view and event.type() == QEvent.Type.Show and self.waiting is not None:
            waiting, self.waiting = self.waiting, None
            self._run(waiting)
        return False

    def _run(self, changes: Changes) -> None:
        self.reloads += 1
        self._reload(changes)


def _merged(first: Changes, then: Changes) -> Changes:
    """Two writes as one for a reload: what either touched (no journal: not one write's rows)."""
    return replace(
        then,
        clients=first.clients | then.clients,
        tables=first.tables | then.tables,
        journal=None,
    )
