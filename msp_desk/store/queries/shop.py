"""The shop settings row: its profile read with the driver alone (the first screen's read), one
of its columns read through SQLAlchemy, and the row itself for editing."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

    from msp_desk.domain.shop import ShopSettings
    from msp_desk.store.database import Database

PROFILE_COLUMNS = ("name", "kind", "currency", "locale", "benchmarks_json")


def profile_row(conn: sqlite3.Connection) -> tuple[str, str, str, str, str] | None:
    """(name, kind, currency, locale, benchmarks_json) of the settings row; None without one."""
    row: tuple[str, str, str, str, str] | None = conn.execute(
        f"SELECT {', '.join(PROFILE_COLUMNS)} FROM shop_settings ORDER BY id LIMIT 1"  # noqa: S608 - constants
    ).fetchone()
    return row


def read_profile(db: Database) -> tuple[str, str, str, str, str] | None:
    """``profile_row`` of ``db``, read through a driver connection of its own (no SQLAlchemy)."""
    with db.quick_read() as conn:
        return profile_row(conn)


def settings_value(conn: Connection | Session, column: str) -> Any:
    """One column of the settings row (in the caller's connection or unit of work, so a write
    in progress is seen); None when the shop has no settings row yet."""
    import sqlalchemy as sa

    from msp_desk.store.tables import SHOP_SETTINGS

    query = sa.select(SHOP_SETTINGS.c[column]).order_by(SHOP_SETTINGS.c.id).limit(1)
    return conn.execute(query).scalar()


def settings_row(session: Session) -> ShopSettings | None:
    """The settings row as an ORM object to edit in ``session``; None when there is none yet."""
    from sqlmodel import col, select

    from msp_desk.domain.shop import ShopSettings

    return session.exec(select(ShopSettings).order_by(col(ShopSettings.id))).first()
