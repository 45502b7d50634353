"""Undo (and redo) a write: put back the rows its journal recorded, in one transaction.

Undoing replays the journal backwards (``store.journal.replay_backwards``): rows it inserted are
deleted, rows it updated get their old values, rows it deleted come back with their ids. The undo
is itself a recorded write, so redoing it is undoing the undo. A row changed since (by another
write) is not overwritten: the whole undo is refused with ``Conflict`` and nothing changes.
"""

from __future__ import annotations

from msp_desk.errors import Conflict
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.journal import Journal, replay_backwards


def revert(db: Database, journal: Journal, label: str) -> Changes:
    """Put back what ``journal`` recorded; returns the revert's own ``Changes`` (its journal
    reverts the revert). ``label`` names the change for the status bar ("Undone: ...")."""
    if not journal.complete:
        raise Conflict(f"{label} wrote rows in bulk: it cannot be undone")
    with db.unit_of_work() as session:
        replay_backwards(session, journal)
        return recorded(session, Changes(label, journal.client_ids, journal.tables))
