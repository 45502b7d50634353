"""Everything SQLite-only: the file header checks, PRAGMAs, application id, online backup, the
driver connection for the first screen's reads, and the few SQL expressions SQLite spells its
own way. SQLAlchemy is imported only where it is used, so opening a file needs none of it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Connection
    from sqlalchemy.engine import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x4D535044  # "MSPD": marks a file as an MSP Desk database


@dataclass(frozen=True)
class FileKind:
    """What a path holds, read from its header without opening it for writing."""

    exists: bool
    is_sqlite: bool
    is_ours: bool


def inspect_file(path: Path) -> FileKind:
    """Classify ``path`` by its first 100 bytes; never writes, never creates side files."""
    if not path.exists() or path.stat().st_size == 0:
        return FileKind(exists=False, is_sqlite=False, is_ours=False)
    with path.open("rb") as fh:
        header = fh.read(100)
    is_sqlite = header[:16] == SQLITE_MAGIC and len(header) == 100
    app_id = int.from_bytes(header[68:72], "big") if is_sqlite else 0
    return FileKind(exists=True, is_sqlite=is_sqlite, is_ours=app_id == APPLICATION_ID)


def read_only_revision(path: Path) -> str | None:
    """The Alembic revision stored in ``path``, read through a read-only connection."""
    con = _read_only(path)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return found[0] if found else None
    finally:
        con.close()


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no -wal/-shm files behind when none were there.

    A WAL file with no -wal file beside it has nothing pending, so it can be read as immutable
    (no side files); otherwise read normally so pending WAL content is seen.
    """
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return sqlite3.connect(f"{uri}?mode=ro", uri=True)


def mark_new_file(path: Path) -> None:
    """Create an empty database file that carries our application id (before WAL is on),
    private to its owner (0600 in a 0700 folder; its -wal and -shm files take the same mode)."""
    import os

    from msp_desk.private_files import PRIVATE_FILE, private_dir

    private_dir(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)  # whatever the umask
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.commit()
    finally:
        con.close()


CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
)
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer's lock before saying so


def install_pragmas(engine: Engine) -> None:
    """WAL, foreign keys, synchronous=NORMAL and the busy timeout on every connection of
    ``engine``, and real transactions: the driver opens none before DDL (an ALTER TABLE would
    commit on its own, so a failed migration could leave half its changes), so SQLAlchemy's own
    BEGIN is sent instead, for every transaction, DDL included.

    A connection made with the execution option ``immediate=True`` (``Database``'s writes)
    begins with ``BEGIN IMMEDIATE``: it takes the write lock first, so another writer makes it
    wait (the busy timeout) instead of failing at once when a read upgrades to a write."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN of the driver's: ours below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        for pragma in CONNECTION_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def quick_connection(path: Path) -> sqlite3.Connection:
    """A driver connection to an open MSP Desk file, for small reads before SQLAlchemy is
    loaded (the app's first screen). It sees committed data, WAL included; it never writes."""
    con = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )  # never creates
    con.execute("PRAGMA query_only = ON")
    return con


def online_backup(source: Path, target: Path) -> None:
    """Copy the live database ``source`` into the file ``target`` with SQLite's online backup API:
    one consistent state, WAL content included, while others read and write.

    ``source`` is opened like any client, so a WAL it starts is ended on close and no side file
    is left beside it; a write-protected file is read read-only. Copy into a temporary name and
    check it before giving it a real one (``store.backup.make_backup``): a failure here leaves
    ``target`` partial. Missing folders of ``target`` are made private (0700)."""
    from msp_desk.private_files import private_dir

    private_dir(target.parent)
    src = _backup_source(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _backup_source(source: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(
            f"{source.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )  # never creates
    except sqlite3.OperationalError:
        return _read_only(source)
    try:
        con.execute("PRAGMA query_only = ON")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file for real
    except sqlite3.OperationalError:  # write-protected (file or folder): read it as it is
        con.close()
        return _read_only(source)
    return con


QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024  # a file this small is quick-checked on every open


def truncation(path: Path) -> str | None:
    """Why the file is shorter than its own header says (cut off by a failed copy or a full
    disk), or None. Reads the header only. Judged only when no WAL content is pending, since the
    header then describes the file on disk."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        return "the file is cut short" if header[:16] == SQLITE_MAGIC[: len(header[:16])] else None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96] and pages > 0
    size = path.stat().st_size
    if header_valid and size < pages * page_size:
        return f"the file is cut short: {size:,} bytes of the {pages * page_size:,} it should have"
    return None


def quick_check_problems(path: Path) -> list[str]:
    """What SQLite's quick check finds wrong with the file's pages (empty = sound); a file too
    damaged to be read at all gives the driver's own message."""
    try:
        con = _read_only(path)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check") if r[0] != "ok"]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):  # locked, unreadable, full: not damage
            raise
        return [str(exc)]


def first_problem(problems: list[str]) -> str:
    """The first thing SQLite's check reported, as one short line (its reports can run over
    several lines under a ``*** in database main ***`` heading)."""
    lines = [
        line for problem in problems for line in problem.splitlines() if line and not line.startswith("***")
    ]
    return (lines[0] if lines else "; ".join(problems) or "no answer")[:200]


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's own integrity and foreign-key checks report (empty = healthy)."""
    con = _read_only(path)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent}")
        return problems
    finally:
        con.close()


# -- SQL expressions SQLite spells its own way (``store.queries.kpis`` picks them by dialect) --------
# SQLite keeps dates and datetimes as ISO text: "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS[.ffffff]".
_HAS_UNIXEPOCH = sqlite3.sqlite_version_info >= (3, 38, 0)


def epoch_microseconds(moment: ColumnElement[Any]) -> ColumnElement[int]:
    """Microseconds since 1970 of an ISO datetime, exact (SQLite's own date functions keep
    milliseconds only): whole seconds from the first 19 characters, plus the fraction."""
    import sqlalchemy as sa

    whole = sa.func.substr(moment, 1, 19)
    seconds: sa.ColumnElement[int]
    if _HAS_UNIXEPOCH:
        seconds = sa.func.unixepoch(whole)
    else:  # SQLite < 3.38: strftime is slower but as exact
        seconds = sa.cast(sa.func.strftime("%s", whole), sa.Integer)
    fraction = sa.func.round(sa.cast(sa.func.substr(moment, 20), sa.Float) * 1_000_000)
    return seconds * 1_000_000 + sa.cast(fraction, sa.Integer)


def month_index(moment: ColumnElement[Any]) -> ColumnElement[int]:
    """``Month.index`` (year * 12 + month - 1) of an ISO date or datetime."""
    import sqlalchemy as sa

    year = sa.cast(sa.func.substr(moment, 1, 4), sa.Integer)
    month = sa.cast(sa.func.substr(moment, 6, 2), sa.Integer)
    return year * 12 + month - 1


def day_of(moment: ColumnElement[Any]) -> ColumnElement[Any]:
    """The date part of an ISO datetime, comparable with a date column."""
    import sqlalchemy as sa

    return sa.func.substr(moment, 1, 10)


def next_day(day: ColumnElement[Any]) -> ColumnElement[Any]:
    """The day after an ISO date."""
    import sqlalchemy as sa

    return sa.func.date(day, "+1 day")
