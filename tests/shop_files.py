"""Shop files for the backup tests: one with enough rows to span many pages, damaged on purpose
(bytes overwritten in the middle of a page, or cut short), and what a folder holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

PAGE = 4096


def add_clients(path: Path, count: int, prefix: str = "Client") -> None:
    """``count`` clients with long notes (about a page each), written around the app."""
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO client (name, name_key, status, seats, locations, servers, churn_reason, notes,"
        " industry, created_at, updated_at) VALUES (?, ?, 'active', 5, 1, 0, '', ?, '', '2026-01-01',"
        " '2026-01-01')",
        [(f"{prefix} {i:04}", f"{prefix.lower()} {i:04}", "n" * 3000) for i in range(count)],
    )
    con.commit()
    con.close()


def client_names(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)  # its WAL ends on close
    try:
        return [row[0] for row in con.execute("SELECT name FROM client ORDER BY name")]
    finally:
        con.close()


def checkpointed(path: Path) -> Path:
    """``path`` with its WAL folded in and gone, so its bytes are the whole database."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def corrupt_middle(path: Path) -> None:
    """Overwrite the second half of the client table's first page (where its cells are) with a
    pattern: SQLite's quick check finds it, while the header, the schema and the revision still
    read, so the file still looks like an MSP Desk file of the current schema."""
    con = sqlite3.connect(checkpointed(path))
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * PAGE + PAGE // 2)
        fh.write(b"\xa5" * (PAGE // 2))


def truncate_half(path: Path) -> None:
    size = checkpointed(path).stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 2)


def listing(folder: Path) -> list[str]:
    """Every name in ``folder`` (hidden temporary files included), sorted; [] when it is absent."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
