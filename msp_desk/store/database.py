"""Open a database file safely: create it, upgrade it after a backup, or refuse it untouched.

Opening a current file needs no SQLAlchemy: the checks read the file with the driver, and the
engine is made on first use. So the app can paint its first screen (``quick_read``) before
SQLAlchemy is imported at all.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from msp_desk.errors import DamagedDatabase, NoSuchShop, NotAnMspDatabase, SchemaTooNew, UpgradeFailed
from msp_desk.store import cache, journal, schema, sqlite
from msp_desk.store.faults import damaged, translated

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import ORMExecuteState, UOWTransaction
    from sqlalchemy.orm import Session as OrmSession
    from sqlmodel import Session

    from msp_desk.store.lock import InstanceLock


class Database:
    """An open MSP Desk database: its file, engine and the revision it was found at."""

    def __init__(
        self, path: Path, *, upgraded_from: str | None = None, backup_path: Path | None = None
    ) -> None:
        self.path = path
        self._local = threading.local()  # a rehearsal's connection, per thread
        self.upgraded_from = upgraded_from  # the older revision it was upgraded from, if any
        self.backup_path = backup_path  # the copy taken before that upgrade
        self._instance_lock: InstanceLock | None = None
        self.checked_on_open = False  # whether SQLite's quick check passed when it was opened

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    @cached_property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        return _engine(self.path)

    @cached_property
    def write_engine(self) -> Engine:
        """The same engine for writes: its transactions take the write lock first."""
        return self.engine.execution_options(immediate=True)

    @contextmanager
    def quick_read(self) -> Iterator[sqlite3.Connection]:
        """A plain driver connection for the few small reads the first screen needs (see
        ``store.sqlite.quick_connection``); everything else reads through ``read``."""
        with translated(self.path):
            connection = sqlite.quick_connection(self.path)
            try:
                yield connection
            finally:
                connection.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A Core connection for queries (analytics read with SQL, not ORM objects)."""
        rehearsing = getattr(self._local, "connection", None)
        if rehearsing is not None:  # inside ``rehearsal``: see what it wrote
            yield rehearsing
            return
        with translated(self.path), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A Core connection in a write transaction of its own (the write lock taken first),
        committed if the block succeeds. Only for what is not the user's data (stored
        figures): the user's data is written through ``unit_of_work``."""
        with translated(self.path), self.write_engine.begin() as connection:
            yield connection

    @contextmanager
    def rehearsal(self) -> Iterator[None]:
        """Writes and reads in this block (on this thread) share one transaction that is rolled
        back at the end: a write can be tried, its effect read, and nothing is kept (previews).
        Units of work inside become savepoints of it."""
        if getattr(self._local, "connection", None) is not None:
            raise RuntimeError("rehearsals do not nest")
        with translated(self.path), self.write_engine.connect() as connection:
            transaction = connection.begin()
            self._local.connection = connection
            try:
                yield
            finally:
                self._local.connection = None
                transaction.rollback()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back if it raises.

        It takes the write lock first (a busy file makes it wait, then say so plainly). Before
        it commits, what writes imply is done in the same transaction: written lines and tickets
        get their derived columns, and the data revision is bumped (stored figures of the older
        data are dropped and never served)."""
        from sqlmodel import Session  # lazily: reading needs no ORM, and start-up stays fast

        from msp_desk.store.derived import DERIVED_COLUMNS, fill_derived

        rehearsing = getattr(self._local, "connection", None)
        bind = self.write_engine if rehearsing is None else rehearsing
        with (
            translated(self.path),
            Session(bind, expire_on_commit=False, join_transaction_mode="create_savepoint") as session,
            session.begin(),
        ):
            watch_writes(session)
            yield session
            session.flush()
            written: set[str] = session.info.get("written", set())
            if written & DERIVED_COLUMNS.keys():
                fill_derived(session.connection(), written)
            if written:
                cache.bump_revision(session.connection())  # stored figures never outlive the data

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the database in the new file ``target`` (taken while it is in
        use; whole or not at all: see ``store.backup.make_backup``)."""
        from msp_desk.store.backup import make_backup

        return make_backup(self.path, target)

    def quick_check_problems(self) -> list[str]:
        """What SQLite's quick check finds wrong with the file's pages (empty: sound)."""
        return sqlite.quick_check_problems(self.path)

    def integrity_problems(self) -> list[str]:
        """What the database engine's own check finds wrong with the file (empty: healthy)."""
        return sqlite.integrity_problems(self.path)

    def hold_for_this_window(self) -> None:
        """Claim the file for this app window: a second window on it gets ``AlreadyOpen``.
        Released by ``close`` (or by the system if the app dies)."""
        from msp_desk.store.lock import InstanceLock

        if self._instance_lock is None:
            self._instance_lock = InstanceLock(self.path)
        self._instance_lock.acquire()

    def close(self) -> None:
        if "engine" in self.__dict__:  # made on first use: nothing to dispose otherwise
            self.engine.dispose()
        if self._instance_lock is not None:
            self._instance_lock.release()


def watch_writes(session: Session) -> None:
    """Record in ``session.info["written"]`` the tables it writes, by ORM flush or by an
    INSERT/UPDATE/DELETE statement; clear the derived columns of edited rows."""
    from sqlalchemy import event

    from msp_desk.store.derived import DERIVED_COLUMNS

    def written() -> set[str]:
        found: set[str] = session.info.setdefault("written", set())
        return found

    def flushing(sess: OrmSession, _context: UOWTransaction, _instances: object) -> None:
        for obj in (*sess.new, *sess.dirty, *sess.deleted):
            table = getattr(type(obj), "__tablename__", "")
            written().add(table)
            if obj in sess.dirty:
                for name in DERIVED_COLUMNS.get(table, ()):
                    setattr(obj, name, None)

    def executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            table = getattr(state.statement, "table", None)
            written().add(getattr(table, "name", "?"))

    event.listen(session, "before_flush", flushing)
    event.listen(session, "do_orm_execute", executed)
    journal.watch_session(session, DERIVED_COLUMNS)  # what it wrote, so it can be undone


def record_bulk_write(session: Session, table: str) -> None:
    """Record a write made on ``session``'s connection below SQLAlchemy (a driver-level bulk
    insert, for speed) as ``watch_writes`` records a statement: ``table`` is among the tables
    written (derived columns filled, data revision bumped, pages told) and the journal is
    incomplete (such a write is not undone row by row)."""
    session.info.setdefault("written", set()).add(table)
    session.info["bulk"] = True


def open_database(
    path: Path,
    *,
    create: bool = True,
    backup_dir: Path | None = None,
    extra_version_dirs: tuple[Path, ...] = (),
    today: dt.datetime | None = None,
) -> Database:
    """Open ``path`` as an MSP Desk database, creating (when ``create``) or upgrading it as
    needed; every fault of the file or the disk is a typed error with one plain sentence.

    Refuses (untouched) a missing file when not ``create``, a file that is not an MSP Desk
    database, a damaged one (pointing to the newest good backup), and a file written by a newer
    version. An older file is copied to ``backup_dir`` (named with its revision) before upgrade.
    """
    with translated(path):
        return _open(path, create, backup_dir, extra_version_dirs, today)


def _open(
    path: Path,
    create: bool,
    backup_dir: Path | None,
    extra_version_dirs: tuple[Path, ...],
    today: dt.datetime | None,
) -> Database:
    kind = sqlite.inspect_file(path)
    if not kind.exists and not create:
        raise NoSuchShop(
            f"There is no shop at {path}. Check the name, or create one with: msp-desk --db {path} init"
        )
    known: tuple[str, ...] = schema.KNOWN_REVISIONS
    if extra_version_dirs:
        from msp_desk.store.migrate import script_revisions

        head, revisions = script_revisions(extra_version_dirs)
        known = tuple(reversed(revisions))
    else:
        head = schema.HEAD
    if not kind.exists:
        sqlite.mark_new_file(path)
        db = Database(path)
        from msp_desk.store.migrate import upgrade_to_head

        upgrade_to_head(db.engine, extra_version_dirs)
        db.checked_on_open = True  # made just now
        return db
    if not kind.is_sqlite:
        raise NotAnMspDatabase(
            f"{path} is not an MSP Desk database (not a SQLite file); it was left untouched."
        )
    if not kind.is_ours:
        raise NotAnMspDatabase(
            f"{path} is a SQLite file but not an MSP Desk database; it was left untouched."
        )
    cut = sqlite.truncation(path)
    if cut is not None:
        raise damaged(path, cut)
    checked = path.stat().st_size <= sqlite.QUICK_CHECK_MAX_BYTES
    if checked:  # a big file: the app checks it after opening (off the UI thread), ``check`` fully
        problems = sqlite.quick_check_problems(path)
        if problems:
            raise damage_of(path, problems)
    revision = sqlite.read_only_revision(path)
    if revision is not None and revision not in known:
        raise SchemaTooNew(
            f"{path} was written by a newer MSP Desk (schema {revision}); this version knows up to "
            f"{head}. Update MSP Desk to open it. The file was left untouched."
        )
    if revision == head:
        db = Database(path)  # the common case: no engine, no SQLAlchemy yet
        db.checked_on_open = checked
        return db
    from msp_desk.store.backup import before_upgrade

    folder = backup_dir or path.parent / "backups"
    backup_path = before_upgrade(path, folder, revision, today or dt.datetime.now())  # once per revision
    db = Database(path, upgraded_from=revision, backup_path=backup_path)
    from msp_desk.store.migrate import upgrade_to_head

    try:
        upgrade_to_head(db.engine, extra_version_dirs)  # one transaction: all or nothing
    except Exception as exc:
        db.close()
        raise UpgradeFailed(
            f"{path} could not be upgraded from schema {revision or 'none'} to {head} ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}). The file was left as it was; a copy is at {backup_path}."
        ) from exc
    if revision is not None:
        with db.writing() as conn:
            cache.clear(conn)  # figures stored by the older version are not trusted
    db.checked_on_open = checked
    return db


def damage_of(path: Path, problems: list[str]) -> DamagedDatabase:
    """The error for a file SQLite's check found ``problems`` in."""
    return damaged(path, sqlite.first_problem(problems))


def load_engine_modules() -> None:
    """Import SQLAlchemy, SQLModel and every table, once, in the calling thread.

    Two threads importing them for the first time at once can each meet a module the other has
    half-imported (SQLAlchemy's packages import each other in cycles) and fail with an
    ImportError; the app runs this on its worker pool before any other background work.
    """
    import sqlalchemy  # noqa: F401
    import sqlmodel  # noqa: F401

    import msp_desk.store.tables  # noqa: F401


def _engine(path: Path) -> Engine:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    sqlite.install_pragmas(engine)
    return engine
