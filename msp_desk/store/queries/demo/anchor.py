"""The anchor a demo file is marked with (the month and generator that built it), read with the
driver alone: opening a current demo imports neither SQLAlchemy nor the demo builder."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from msp_desk.errors import NotAnMspDatabase

if TYPE_CHECKING:
    from msp_desk.store.database import Database


def demo_anchor_of(db: Database) -> str | None:
    """The demo anchor of the shop settings; None when the file has no settings row or no anchor.
    A file that cannot be read so (damaged, or foreign) raises NotAnMspDatabase."""
    try:
        with db.quick_read() as conn:
            row = conn.execute("SELECT demo_anchor FROM shop_settings ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error as exc:
        raise NotAnMspDatabase(
            f"{db.path} could not be read as a demo shop ({exc}); it was left untouched."
        ) from exc
    return None if row is None else row[0]
