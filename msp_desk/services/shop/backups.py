"""Backups of the shop's file: by hand (``msp-desk backup``), once a day on open, the last one
taken, and a restore (``msp-desk restore F``) that first backs up the file it replaces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from msp_desk.paths import backup_dir_for
from msp_desk.store import backup as backups
from msp_desk.store.backup import BackupInfo
from msp_desk.store.database import Database


def backup_folder(db_path: Path) -> Path:
    """Where the backups of ``db_path`` go (made when the first one is written)."""
    return backup_dir_for(db_path)


def backup(db: Database, out: Path | None = None, now: dt.datetime | None = None) -> Path:
    """A backup taken by hand: exactly ``out`` when given (never overwritten), else a ``manual``
    copy in the backup folder named with the date and time. Returns the file written."""
    if out is not None:
        return db.backup_to(out)
    return backups.take_backup(db.path, backup_folder(db.path), backups.MANUAL, now or dt.datetime.now())


def daily_backup(db: Database, now: dt.datetime | None = None) -> Path | None:
    """The day's automatic backup, when the newest is a day old or more (then old ones are
    thinned: 7 daily, 4 weekly, 12 monthly); None when a recent one exists."""
    return backups.daily_backup(db.path, backup_folder(db.path), now or dt.datetime.now())


def last_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` (path, when it was taken, why, size), if any."""
    return backups.latest_backup(db_path, backup_folder(db_path))


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes SQLite's quick check (to offer a restore)."""
    return backups.newest_good_backup(db_path, backup_folder(db_path))


@dataclass(frozen=True)
class Restored:
    """What a restore did: the file restored, from which backup, and the copy kept of the file
    it replaced (None when there was none)."""

    db_path: Path
    backup: Path
    previous: Path | None

    @property
    def message(self) -> str:
        kept = f" The file as it was is kept in {self.previous}." if self.previous else ""
        return f"Restored {self.db_path} from {self.backup}.{kept}"


def restore(db_path: Path, backup_path: Path, now: dt.datetime | None = None) -> Restored:
    """Replace the shop file ``db_path`` with ``backup_path`` (a good MSP Desk backup, not newer
    than this version), after backing up the current file. Close the database first."""
    previous = backups.restore(db_path, backup_path, now or dt.datetime.now(), backup_folder(db_path))
    return Restored(db_path, backup_path, previous)
