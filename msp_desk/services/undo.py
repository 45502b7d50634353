"""Undo (and redo) a write: put back the rows its journal recorded, in one transaction.

Undoing replays the journal backwards: rows it inserted are deleted, rows it updated get their
old values, rows it deleted come back with their ids. The undo is itself a recorded write, so
redoing it is undoing the undo. A row changed since (by another write) is not overwritten:
the whole undo is refused with ``Conflict`` and nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from msp_desk.errors import Conflict
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.journal import VOLATILE, Journal, RowChange, column_values


@cache
def _models() -> dict[str, type]:
    """Each table's ORM class, by table name."""
    from sqlmodel import SQLModel

    import msp_desk.domain.tables  # noqa: F401 - every table registered

    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in SQLModel._sa_registry.mappers  # type: ignore[attr-defined]
    }


# Not compared: volatile columns, and the creation stamp (written time-zone-aware, read back naive).
_NOT_COMPARED = VOLATILE | {"created_at"}


def _same(obj: object, expected: Mapping[str, Any]) -> bool:
    """Whether ``obj`` still holds the values the journal recorded."""
    now = column_values(obj)
    return all(now.get(key) == value for key, value in expected.items() if key not in _NOT_COMPARED)


def _what(row: RowChange) -> str:
    values = row.before or row.after or {}
    name = values.get("name") or values.get("description") or values.get("title")
    return (
        f"{row.table.replace('_', ' ')} {name!r}" if name else f"{row.table.replace('_', ' ')} #{row.row_id}"
    )


def revert(db: Database, journal: Journal, label: str) -> Changes:
    """Put back what ``journal`` recorded; returns the revert's own ``Changes`` (its journal
    reverts the revert). ``label`` names the change for the status bar ("Undone: ...")."""
    if not journal.complete:
        raise Conflict(f"{label} wrote rows in bulk: it cannot be undone")
    models = _models()
    with db.unit_of_work() as session:
        for row in reversed(journal.rows):
            model = models[row.table]
            obj = session.get(model, row.row_id)
            if row.after is None:  # it deleted the row: bring it back, unless it came back since
                if obj is not None:
                    raise Conflict(f"{_what(row)} exists again; undo is not possible")
                values = {k: v for k, v in (row.before or {}).items() if k not in VOLATILE}
                session.add(model(**values))
            elif obj is None or not _same(obj, row.after):
                raise Conflict(f"{_what(row)} was changed since; undo is not possible")
            elif row.before is None:  # it inserted the row
                session.delete(obj)
            else:
                for key, value in row.before.items():
                    if key not in VOLATILE and key != "id":
                        setattr(obj, key, value)
            session.flush()  # one row at a time, in order: no row points at a missing one
        tables = {row.table for row in journal.rows}
        return recorded(
            session,
            Changes(
                label,
                journal.client_ids,
                ladder=bool(tables & LADDER_TABLES),
                settings="shop_settings" in tables,
            ),
        )


LADDER_TABLES = frozenset({"tier", "addon", "response_target", "price_change"})
