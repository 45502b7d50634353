"""The rows one unit of work changed, before and after, so the change can be undone and redone.

Recorded from the ORM's flushes (``watch_session``): every row inserted, updated or deleted,
with its column values. A unit of work that also ran a bulk INSERT/UPDATE/DELETE statement is
marked incomplete: its rows are not all known, so it cannot be undone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import ORMExecuteState, UOWTransaction
    from sqlalchemy.orm import Session as OrmSession
    from sqlmodel import Session

# Kept by the database or by mapper events, never restored or compared: the update stamp, and
# columns derived from a row's other fields (see ``store.derived.DERIVED_COLUMNS``).
VOLATILE = frozenset({"updated_at", "name_key"})


@dataclass(frozen=True)
class RowChange:
    """One row of one table: its values before (None: it was inserted) and after (None: deleted)."""

    table: str
    row_id: int
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None

    @property
    def client_id(self) -> int | None:
        """The client the row belongs to (the client row itself, or its ``client_id``)."""
        values = self.after if self.after is not None else self.before
        if self.table == "client":
            return self.row_id
        found = (values or {}).get("client_id")
        return found if isinstance(found, int) else None


@dataclass(frozen=True)
class Journal:
    """The rows a unit of work changed, in the order they were written."""

    rows: tuple[RowChange, ...] = ()
    complete: bool = True  # False: a bulk statement wrote rows that are not listed

    @property
    def client_ids(self) -> frozenset[int]:
        return frozenset(c for c in (row.client_id for row in self.rows) if c is not None)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(row.table for row in self.rows)


def column_values(obj: object) -> dict[str, Any]:
    """Every mapped column of ``obj`` as it is now (attribute values, not expired)."""
    from sqlalchemy import inspect

    state = inspect(obj)
    return {attr.key: getattr(obj, attr.key) for attr in state.mapper.column_attrs}


def _before_values(obj: object) -> dict[str, Any]:
    """The column values ``obj`` had when loaded (its pending changes undone)."""
    from sqlalchemy import inspect

    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        values[attr.key] = history.deleted[0] if history.deleted else getattr(obj, attr.key)
    return values


@cache
def _table_order() -> dict[str, int]:
    """Tables by dependency: parents before the tables that point to them."""
    from msp_desk.store.tables import metadata

    return {table.name: n for n, table in enumerate(metadata.sorted_tables)}


def watch_session(session: Session, derived: Mapping[str, tuple[str, ...]]) -> None:
    """Record in ``session.info["journal"]`` (a list of ``RowChange``) every row the session's
    flushes write; ``session.info["bulk"]`` is set when a bulk statement writes. ``derived``
    names, per table, the columns left out (they are recomputed from the others)."""
    from sqlalchemy import event, inspect

    rows: list[RowChange] = session.info.setdefault("journal", [])
    pending_before: dict[int, dict[str, Any]] = {}

    def keep(table: str, values: dict[str, Any]) -> dict[str, Any]:
        skip = VOLATILE | frozenset(derived.get(table, ()))
        return {k: v for k, v in values.items() if k not in skip}

    def before_flush(sess: OrmSession, _context: UOWTransaction, _instances: object) -> None:
        for obj in (*sess.dirty, *sess.deleted):
            if inspect(obj).persistent:
                pending_before[id(obj)] = _before_values(obj)

    def after_flush(sess: OrmSession, _context: UOWTransaction) -> None:
        order = _table_order()
        written: list[RowChange] = []
        for obj in sess.new:
            table = type(obj).__tablename__
            written.append(RowChange(table, obj.id, None, keep(table, column_values(obj))))
        for obj in sess.dirty:
            before = pending_before.pop(id(obj), None)
            if before is None or not sess.is_modified(obj, include_collections=False):
                continue
            table = type(obj).__tablename__
            old, new = keep(table, before), keep(table, column_values(obj))
            if old != new:
                written.append(RowChange(table, obj.id, old, new))
        deleted = []
        for obj in sess.deleted:
            table = type(obj).__tablename__
            before = pending_before.pop(id(obj), None) or column_values(obj)
            deleted.append(RowChange(table, obj.id, keep(table, before), None))
        # One flush writes parents before children and deletes children first: list them so,
        # and undoing in reverse order never leaves a row pointing at a missing one.
        written.sort(key=lambda row: order.get(row.table, 0))
        deleted.sort(key=lambda row: -order.get(row.table, 0))
        rows.extend(written)
        rows.extend(deleted)

    def executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info["bulk"] = True

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "after_flush", after_flush)
    event.listen(session, "do_orm_execute", executed)


def journal_of(session: Session) -> Journal:
    """What ``session`` has written so far (flushed first)."""
    session.flush()
    return Journal(tuple(session.info.get("journal", ())), complete=not session.info.get("bulk"))


def tables_written(session: Session) -> frozenset[str]:
    """Every table ``session`` has written so far, by ORM flush or by a bulk statement (flushed
    first; see ``store.database.watch_writes``)."""
    session.flush()
    return frozenset(session.info.get("written", ()))


# Not compared: volatile columns, and the creation stamp (written time-zone-aware, read back naive).
_NOT_COMPARED = VOLATILE | {"created_at"}


def _same(obj: object, expected: Mapping[str, Any]) -> bool:
    """Whether ``obj`` still holds the values the journal recorded."""
    now = column_values(obj)
    return all(now.get(key) == value for key, value in expected.items() if key not in _NOT_COMPARED)


def _what(row: RowChange) -> str:
    values = row.before or row.after or {}
    name = values.get("name") or values.get("description") or values.get("title")
    table = row.table.replace("_", " ")
    return f"{table} {name!r}" if name else f"{table} #{row.row_id}"


def replay_backwards(session: Session, journal: Journal) -> None:
    """Put back, in ``session``, what ``journal`` recorded: rows it inserted are deleted, rows it
    updated get their old values, rows it deleted come back with their ids. Raises ``Conflict``
    (and the caller's unit of work rolls back) when a row was changed since or came back."""
    from msp_desk.errors import Conflict
    from msp_desk.store.tables import MODELS

    for row in reversed(journal.rows):
        model = MODELS[row.table]
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
