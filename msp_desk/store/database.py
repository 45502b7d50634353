"""Open a database file safely: create it, upgrade it after a backup, or refuse it untouched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from sqlmodel import Session

from msp_desk.errors import NotAnMspDatabase, SchemaTooNew
from msp_desk.store import cache, schema, sqlite


@dataclass
class Database:
    """An open MSP Desk database: its file, engine and the revision it was found at."""

    path: Path
    engine: Engine
    upgraded_from: str | None = None  # the older revision it was upgraded from, if any
    backup_path: Path | None = None  # the copy taken before that upgrade

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A Core connection for queries (analytics read with SQL, not ORM objects)."""
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back if it raises."""
        from sqlmodel import Session  # lazily: reading needs no ORM, and start-up stays fast

        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            watch_writes(session)
            yield session
            session.flush()
            if session.info.get("wrote"):
                cache.clear(session.connection())  # derived figures never outlive the data

    def close(self) -> None:
        self.engine.dispose()


def watch_writes(session: Session) -> None:
    """Mark ``session.info["wrote"]`` when it flushes ORM changes or runs an INSERT/UPDATE/DELETE."""
    from sqlalchemy import event

    def flushed(sess, _context) -> None:  # type: ignore[no-untyped-def]
        sess.info["wrote"] = True

    def executed(state) -> None:  # type: ignore[no-untyped-def]
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info["wrote"] = True

    event.listen(session, "after_flush", flushed)
    event.listen(session, "do_orm_execute", executed)


def open_database(
    path: Path,
    *,
    backup_dir: Path | None = None,
    extra_version_dirs: tuple[Path, ...] = (),
    today: dt.datetime | None = None,
) -> Database:
    """Open ``path`` as an MSP Desk database, creating or upgrading it as needed.

    Refuses (untouched) a file that is not an MSP Desk database, and a file written by a newer
    version. An older file is copied to ``backup_dir`` (named with its revision) before upgrade.
    """
    kind = sqlite.inspect_file(path)
    known = schema.KNOWN_REVISIONS
    if extra_version_dirs:
        from msp_desk.store.migrate import script_revisions

        head, revisions = script_revisions(extra_version_dirs)
        known = tuple(reversed(revisions))
    else:
        head = schema.HEAD
    if not kind.exists:
        sqlite.mark_new_file(path)
        engine = _engine(path)
        from msp_desk.store.migrate import upgrade_to_head

        upgrade_to_head(engine, extra_version_dirs)
        return Database(path, engine)
    if not kind.is_sqlite:
        raise NotAnMspDatabase(
            f"{path} is not an MSP Desk database (not a SQLite file); it was left untouched."
        )
    if not kind.is_ours:
        raise NotAnMspDatabase(
            f"{path} is a SQLite file but not an MSP Desk database; it was left untouched."
        )
    revision = sqlite.read_only_revision(path)
    if revision is not None and revision not in known:
        raise SchemaTooNew(
            f"{path} was written by a newer MSP Desk (schema {revision}); this version knows up to "
            f"{head}. Update MSP Desk to open it. The file was left untouched."
        )
    backup_path = None
    engine = _engine(path)
    if revision != head:
        stamp = (today or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or path.parent / "backups"
        backup_path = folder / f"{path.stem}-schema-{revision or 'none'}-{stamp}.sqlite3"
        sqlite.online_backup(path, backup_path)
        from msp_desk.store.migrate import upgrade_to_head

        upgrade_to_head(engine, extra_version_dirs)
    return Database(
        path, engine, upgraded_from=revision if revision != head else None, backup_path=backup_path
    )


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    sqlite.install_pragmas(engine)
    return engine
