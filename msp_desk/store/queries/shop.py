"""The shop settings row's profile columns, read with the driver alone (the first screen's read)."""

from __future__ import annotations

import sqlite3

PROFILE_COLUMNS = ("name", "kind", "currency", "locale", "benchmarks_json")


def profile_row(conn: sqlite3.Connection) -> tuple[str, str, str, str, str] | None:
    """(name, kind, currency, locale, benchmarks_json) of the settings row; None without one."""
    return conn.execute(
        f"SELECT {', '.join(PROFILE_COLUMNS)} FROM shop_settings ORDER BY id LIMIT 1"  # noqa: S608 - constants
    ).fetchone()
