"""The derived cache (figures kept to open fast) and the data revision that keeps it honest.

Every unit of work that writes bumps the data revision in its own transaction. A figure is
stored with the revision its data was read at, only if that revision is still current when it is
stored, and it is served only while that revision is current: a figure computed in the
background while a write lands is never served. ``stored`` reads with the driver alone, so the
app's first screen can show stored figures before SQLAlchemy is imported.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from msp_desk.store.database import Database


@dataclass(frozen=True)
class Stored:
    """What ``stored`` found: the data revision at the time of reading, and the entries (JSON
    values by key) computed from that revision."""

    revision: int
    entries: dict[str, Any] = field(default_factory=dict)


def current_revision_quick(conn: sqlite3.Connection) -> int:
    """The data revision, read through a driver connection."""
    row = conn.execute("SELECT revision FROM data_revision WHERE id = 1").fetchone()
    return 0 if row is None else int(row[0])


def read_quick(conn: sqlite3.Connection, keys: Iterable[str], version: str) -> Stored:
    """The entries of ``keys`` made by code of ``version`` from the current data revision,
    read in one driver transaction (so the revision and the entries agree)."""
    wanted = list(keys)
    conn.execute("BEGIN")
    try:
        revision = current_revision_quick(conn)
        if not wanted:
            return Stored(revision)
        marks = ", ".join("?" * len(wanted))
        rows = conn.execute(
            "SELECT key, payload FROM derived_cache"  # noqa: S608 - marks only
            f" WHERE version = ? AND revision = ? AND key IN ({marks})",
            (version, revision, *wanted),
        )
        return Stored(revision, {key: json.loads(payload) for key, payload in rows})
    finally:
        conn.execute("COMMIT")


def bump_revision(conn: Connection) -> None:
    """Count one more write (called in the writing transaction) and forget every stored
    figure: none of them describes the new data."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DATA_REVISION, DERIVED_CACHE

    now = dt.datetime.now(dt.UTC)
    done = conn.execute(
        sa.update(DATA_REVISION)
        .where(DATA_REVISION.c.id == 1)
        .values(revision=DATA_REVISION.c.revision + 1, updated_at=now)
    )
    if done.rowcount == 0:  # a file whose row went missing: start counting again, above 0
        conn.execute(sa.insert(DATA_REVISION).values(id=1, revision=1, created_at=now, updated_at=now))
    conn.execute(sa.delete(DERIVED_CACHE))


def current_revision(conn: Connection) -> int:
    import sqlalchemy as sa

    from msp_desk.store.tables import DATA_REVISION

    found = conn.execute(sa.select(DATA_REVISION.c.revision).where(DATA_REVISION.c.id == 1)).scalar()
    return 0 if found is None else int(found)


def write_if_current(conn: Connection, key: str, version: str, value: Any, revision: int) -> bool:
    """Store ``value`` (JSON-able) under ``key`` if ``revision`` is still the data revision
    (in the caller's write transaction); False when the data changed meanwhile (not stored)."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    if current_revision(conn) != revision:
        return False
    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.delete(_CACHE).where(_CACHE.c.key == key))
    conn.execute(
        sa.insert(_CACHE).values(
            key=key,
            version=version,
            payload=json.dumps(value),
            revision=revision,
            created_at=now,
            updated_at=now,
        )
    )
    return True


def clear(conn: Connection) -> None:
    """Forget every stored figure."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    conn.execute(sa.delete(_CACHE))


def stale_entries(conn: Connection) -> list[str]:
    """Keys of stored figures not computed from the current data revision (``check``)."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    query = sa.select(_CACHE.c.key).where(_CACHE.c.revision != current_revision(conn)).order_by(_CACHE.c.key)
    return [str(key) for key in conn.execute(query).scalars()]


def stored(db: Database, keys: Iterable[str], version: str) -> Stored:
    """The entries of ``keys`` stored by code of ``version`` from the current data revision
    (absent or stale keys left out), and that revision: computing a missing entry starts from
    it and hands it to ``keep``."""
    with db.quick_read() as conn:
        return read_quick(conn, keys, version)


def keep(db: Database, key: str, version: str, value: Any, revision: int) -> bool:
    """Store ``value`` computed from data ``revision`` under ``key``, unless a write landed
    since (then nothing is stored: False)."""
    with db.writing() as conn:
        return write_if_current(conn, key, version, value, revision)
