"""Read and write the derived cache (Core, no ORM), and empty it when data changes.

``read_quick`` reads entries with the driver alone, so the app's first screen can show stored
figures before SQLAlchemy is imported.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from msp_desk.store.database import Database


def read(conn: Connection, key: str, version: str) -> Any | None:
    """The JSON value stored under ``key`` by code of ``version``; None when absent or older."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    row = conn.execute(
        sa.select(_CACHE.c.payload).where(_CACHE.c.key == key, _CACHE.c.version == version)
    ).first()
    return None if row is None else json.loads(row[0])


def read_quick(conn: sqlite3.Connection, keys: Iterable[str], version: str) -> dict[str, object]:
    """The JSON values stored under ``keys`` by code of ``version`` (absent keys left out),
    read through a driver connection (``Database.quick_read``)."""
    wanted = list(keys)
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT key, payload FROM derived_cache WHERE version = ? AND key IN ({marks})",  # noqa: S608 - marks only
        (version, *wanted),
    )
    return {key: json.loads(payload) for key, payload in rows}


def write(conn: Connection, key: str, version: str, value: Any) -> None:
    """Store ``value`` (JSON-able) under ``key``, replacing what was there."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.delete(_CACHE).where(_CACHE.c.key == key))
    conn.execute(
        sa.insert(_CACHE).values(
            key=key, version=version, payload=json.dumps(value), created_at=now, updated_at=now
        )
    )


def clear(conn: Connection) -> None:
    """Forget every derived figure (called in the same transaction as any write)."""
    import sqlalchemy as sa

    from msp_desk.store.tables import DERIVED_CACHE as _CACHE

    conn.execute(sa.delete(_CACHE))


def stored(db: Database, keys: Iterable[str], version: str) -> dict[str, Any]:
    """The entries of ``keys`` stored by code of ``version`` in ``db`` (absent keys left out),
    read with the driver alone (``read_quick``): no SQLAlchemy needed before the first paint."""
    with db.quick_read() as conn:
        return read_quick(conn, keys, version)


def keep(db: Database, key: str, version: str, value: Any) -> None:
    """Store ``value`` (JSON-able) under ``key`` in ``db``, in a transaction of its own."""
    with db.engine.begin() as conn:
        write(conn, key, version, value)
