"""Keeping the file safe: backups (``msp-desk backup``; the health check is ``services.shop.health``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msp_desk.paths import backup_dir_for
from msp_desk.store.database import Database


def backup(db: Database, out: Path | None = None, now: dt.datetime | None = None) -> Path:
    """A consistent copy of the open database; default name carries date and time."""
    if out is None:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        out = backup_dir_for(db.path) / f"{db.path.stem}-{stamp}.sqlite3"
    if out.exists():
        raise FileExistsError(f"{out} already exists; choose another name")
    db.backup_to(out)
    return out
