"""What a write changed, so the UI refreshes only the pages concerned, confirms it, and can undo it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from msp_desk.store.journal import Journal, journal_of

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Changes:
    """The records a service call touched, a one-line confirmation for the status bar, and the
    rows it wrote (``journal``: what undo and redo replay; None if not recorded)."""

    message: str
    clients: frozenset[int] = field(default_factory=frozenset)
    lines_started: tuple[int, ...] = ()
    lines_ended: tuple[int, ...] = ()
    ladder: bool = False
    settings: bool = False
    journal: Journal | None = None

    @property
    def undoable(self) -> bool:
        return self.journal is not None and self.journal.complete and bool(self.journal.rows)


def recorded(session: Session, changes: Changes) -> Changes:
    """``changes`` with the rows ``session`` wrote (call it last in the unit of work)."""
    written = journal_of(session)
    return replace(changes, journal=written, clients=changes.clients | written.client_ids)
