"""Every edit the GUI makes: run the service write, put it on the undo stack, announce it.

Pages and dialogs call ``Edits.apply(lambda: some_service(db, ...))``. A user error raised by the
write (``ValidationError`` ...) propagates to the caller, which shows it beside the field;
nothing was saved. A successful write is pushed on the ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z)
and announced with ``changed`` so the pages concerned refresh. Undo and redo replay the write's
journal (``services.undo.revert``); if the rows changed since, the undo is refused, explained
with ``failed``, and dropped from the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.store.database import Database

UNDO_LIMIT = 200  # edits kept for undo in one session


class Edits(QObject):
    """The GUI's writes, undo stack and change announcements for one database."""

    changed = Signal(object)  # Changes: after a write, an undo or a redo
    failed = Signal(str)  # why an undo or redo could not be done

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stack = QUndoStack(self)
        self.stack.setObjectName("undo_stack")
        self.stack.setUndoLimit(UNDO_LIMIT)

    def apply(self, write: Callable[[], Changes]) -> Changes:
        """Run ``write`` (a service call returning ``Changes``); undoable from then on."""
        return self.adopt(write())

    def adopt(self, changes: Changes) -> Changes:
        """A write already made (e.g. by the app itself, not a click): undoable and announced like
        any other, if it changed something."""
        if changes.undoable:
            self.stack.push(_ServiceCommand(self, changes))
        self.changed.emit(changes)
        return changes


class _ServiceCommand(QUndoCommand):
    """One service write on the undo stack; undo/redo revert the last journal recorded."""

    def __init__(self, edits: Edits, changes: Changes) -> None:
        super().__init__(changes.message)
        self._edits = edits
        self._journal = changes.journal
        self._done = True  # pushed after the write ran: the first redo() has nothing to do

    def redo(self) -> None:
        if self._done:
            return
        self._replay(f"Redone: {self.text()}")
        self._done = True

    def undo(self) -> None:
        self._replay(f"Undone: {self.text()}")
        self._done = False

    def _replay(self, label: str) -> None:
        from msp_desk.services.undo import revert

        assert self._journal is not None
        try:
            changes = revert(self._edits.db, self._journal, label)
        except MspError as exc:
            self.setObsolete(True)  # the stack drops it: it can be neither undone nor redone
            self._edits.failed.emit(str(exc))
            return
        self._journal = changes.journal
        self._edits.changed.emit(changes)
