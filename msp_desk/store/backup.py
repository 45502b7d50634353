"""Backups of a database file (being rewritten on branch wt-backup; merged over this)."""

from __future__ import annotations

from pathlib import Path

from msp_desk.store import sqlite


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest copy in the ``backups`` folder beside ``db_path`` that is a sound MSP Desk file."""
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return None
    found = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in found:
        if sqlite.inspect_file(path).is_ours and not sqlite.quick_check_problems(path):
            return path
    return None
