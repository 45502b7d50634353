"""What a write changed, so the UI refreshes only the pages concerned, confirms it, and can undo it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from msp_desk.store.journal import Journal, journal_of, tables_written

if TYPE_CHECKING:
    from sqlmodel import Session

LADDER_TABLES = frozenset({"tier", "addon", "response_target", "price_change"})
SETTINGS_TABLES = frozenset({"shop_settings"})


@dataclass(frozen=True)
class Changes:
    """The records a service call touched, a one-line confirmation for the status bar, and the
    rows it wrote.

    ``tables``: every table the write changed (by the ORM or by a bulk statement), so a page
    refreshes only when a table it shows changed; ``clients``: the clients whose rows it wrote
    (empty when unknown: a page concerned by its tables then reloads them all); ``journal``: the
    rows, which undo and redo replay (None if not recorded)."""

    message: str
    clients: frozenset[int] = field(default_factory=frozenset)
    tables: frozenset[str] = field(default_factory=frozenset)
    journal: Journal | None = None

    @property
    def undoable(self) -> bool:
        return self.journal is not None and self.journal.complete and bool(self.journal.rows)

    def touches(self, tables: Iterable[str]) -> bool:
        """Whether the write changed any of ``tables``."""
        return not self.tables.isdisjoint(tables)

    def inserted(self, table: str) -> tuple[int, ...]:
        """Ids of the rows of ``table`` the write inserted (from its journal)."""
        rows = self.journal.rows if self.journal is not None else ()
        return tuple(row.row_id for row in rows if row.table == table and row.before is None)

    def updated(self, table: str) -> tuple[int, ...]:
        """Ids of the rows of ``table`` the write changed in place (from its journal)."""
        rows = self.journal.rows if self.journal is not None else ()
        return tuple(row.row_id for row in rows if row.table == table and None not in (row.before, row.after))

    @property
    def ladder(self) -> bool:
        """The ladder itself changed (tiers, add-ons, response targets, list prices)."""
        return self.touches(LADDER_TABLES)

    @property
    def settings(self) -> bool:
        return self.touches(SETTINGS_TABLES)


def recorded(session: Session, changes: Changes) -> Changes:
    """``changes`` with the rows and tables ``session`` wrote (call it last in the unit of work)."""
    written = journal_of(session)
    return replace(
        changes,
        journal=written,
        clients=changes.clients | written.client_ids,
        tables=changes.tables | written.tables | tables_written(session),
    )
