"""What the database engine's errors mean to the owner: a locked, full, read-only or damaged
file becomes one plain sentence (a typed ``MspError``); nothing was changed, since the
transaction that met it is rolled back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from msp_desk.errors import DamagedDatabase, DatabaseBusy, MspError, StorageProblem, os_fault

DAMAGED = ("database disk image is malformed", "file is not a database", "file is encrypted")
BUSY = ("database is locked", "database table is locked", "database schema is locked")
FULL = ("database or disk is full", "disk quota")
READ_ONLY = ("attempt to write a readonly database", "readonly database")
NEARLY_FULL_BYTES = 1024 * 1024  # an "unable to open" with less room than this is a full disk
UNREADABLE = ("unable to open database file", "disk i/o error", "authorization denied")


def plain_error(exc: BaseException, path: Path) -> MspError | None:
    """The typed error ``exc`` (a driver or SQLAlchemy database error, or an OSError) stands
    for, or None when it is not a fault of the file or the disk (then it is a bug)."""
    if isinstance(exc, MspError):
        return exc
    if isinstance(exc, OSError):
        return os_fault(exc, f"using {path}")
    original = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if not isinstance(exc, sqlite3.Error) and not isinstance(original, sqlite3.Error):
        return None
    text = str(original if original is not None else exc).lower()
    if any(s in text for s in BUSY):
        return DatabaseBusy(
            f"{path} is busy: another program (or another MSP Desk) kept it locked for too long. "
            "Nothing was changed; try again in a moment."
        )
    if any(s in text for s in FULL) or (any(s in text for s in UNREADABLE) and _disk_full(path)):
        return StorageProblem(
            f"The disk holding {path} is full. Nothing was changed; free some space and try again."
        )
    if any(s in text for s in READ_ONLY):
        return StorageProblem(
            f"{path} cannot be written: the file or its folder is read-only. Nothing was changed."
        )
    if any(s in text for s in DAMAGED):
        return damaged(path, text)
    if any(s in text for s in UNREADABLE):
        if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
            return StorageProblem(
                f"{path} cannot be used: its folder is read-only (MSP Desk writes its working files"
                " beside the database). Nothing was changed."
            )
        return StorageProblem(
            f"{path} cannot be opened (the disk reported an error: {text}). Nothing was changed."
        )
    return None


def _disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has (next to) no room left."""
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def damaged(path: Path, detail: str) -> DamagedDatabase:
    """The message for a damaged file, pointing to the newest good backup when there is one."""
    from msp_desk.store.backup import newest_good_backup

    backup = newest_good_backup(path)
    advice = (
        f" The newest good backup is {backup}; restore it with: msp-desk --db {path} restore {backup}"
        if backup is not None
        else " No good backup was found beside it."
    )
    return DamagedDatabase(f"{path} is damaged ({detail}).{advice}", path=path, backup=backup, detail=detail)


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Run a block of database work; a fault of the file or the disk leaves it as a typed
    error with one plain sentence (anything else, a bug, passes through unchanged)."""
    try:
        yield
    except Exception as exc:
        plain = plain_error(exc, path)
        if plain is None or plain is exc:
            raise
        raise plain from exc
