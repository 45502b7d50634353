"""Read and write the derived cache (Core, no ORM), and empty it when data changes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.store.core_tables import DERIVED_CACHE as _CACHE


def read(conn: Connection, key: str, version: str) -> Any | None:
    """The JSON value stored under ``key`` by code of ``version``; None when absent or older."""
    row = conn.execute(
        sa.select(_CACHE.c.payload).where(_CACHE.c.key == key, _CACHE.c.version == version)
    ).first()
    return None if row is None else json.loads(row[0])


def write(conn: Connection, key: str, version: str, value: Any) -> None:
    """Store ``value`` (JSON-able) under ``key``, replacing what was there."""
    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.delete(_CACHE).where(_CACHE.c.key == key))
    conn.execute(
        sa.insert(_CACHE).values(
            key=key, version=version, payload=json.dumps(value), created_at=now, updated_at=now
        )
    )


def clear(conn: Connection) -> None:
    """Forget every derived figure (called in the same transaction as any write)."""
    conn.execute(sa.delete(_CACHE))
