"""Backups of a database file: written whole or not at all, named by when and why, listed,
thinned (7 daily, 4 weekly, 12 monthly) and restored.

A backup is ``<stem>-<YYYY-MM-DD-HHMMSS>-<reason>.sqlite3`` in the ``backups/`` folder beside the
file (``msp-desk-2026-12-03-143000-daily.sqlite3``); the reason is ``daily``, ``manual``,
``before-upgrade-<revision>``, ``before-restore``, or ``damaged`` (the raw bytes of a damaged file
that a restore replaced). Names sort by time. A copy keeps its source's modification time, as
``cp -p`` does: that is how an upgrade that failed knows its copy still holds the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from msp_desk.errors import (
    AlreadyOpen,
    DamagedDatabase,
    MspError,
    NotAnMspDatabase,
    SchemaTooNew,
    StorageProblem,
    os_fault,
)
from msp_desk.paths import backup_dir_for
from msp_desk.private_files import private_dir, replacing
from msp_desk.store import schema, sqlite
from msp_desk.store.lock import InstanceLock

DAILY, MANUAL, BEFORE_RESTORE, DAMAGED = "daily", "manual", "before-restore", "damaged"
BEFORE_UPGRADE = "before-upgrade"  # followed by the schema revision the file was at
SUFFIX = ".sqlite3"
STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(
    r"(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\d-\d{6})"
    r"-(?P<reason>daily|manual|before-restore|damaged|before-upgrade-[A-Za-z0-9_]+)(?:-\d+)?\.sqlite3"
)
SIDE_FILES = ("-wal", "-shm", "-journal")

# Thinning: of the daily copies, the 7 newest, the newest of each of the last 4 calendar weeks and
# of the last 12 months; every other copy (made by hand, before an upgrade or a restore) a year.
KEEP_DAILY, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
KEEP_OTHERS = dt.timedelta(days=365)
PeriodOf = Callable[[dt.datetime], tuple[int, int]]  # a moment's (ISO year, week) or (year, month)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was taken (from its name), why, and its size in bytes."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


# -- writing ---------------------------------------------------------------------------------------
def make_backup(source: Path, target: Path) -> Path:
    """Copy ``source`` into the new file ``target`` (0600; missing folders 0700) and return it.

    The copy is written by SQLite's online backup under a temporary name in ``target``'s folder
    and renamed only once it passes SQLite's quick check, so ``target`` is whole or absent: never
    a partial file nor a ``-journal``. A damaged ``source`` is refused (``DamagedDatabase``); a
    full disk or another storage fault is one plain sentence (``StorageProblem``); an existing
    ``target`` is never overwritten."""
    with told_plainly(f"reading {source}"):
        if not source.is_file():
            raise FileNotFoundError(errno.ENOENT, "No such file", str(source))
        problem = quick_check(source)
    if problem is not None:
        newest = newest_good_backup(source, target.parent)
        hint = f" The newest good backup is {newest}." if newest else ""
        raise DamagedDatabase(
            f"{source} is damaged ({problem}); no backup was taken.{hint}", path=source, backup=newest
        )
    with told_plainly(f"writing the backup {target}"):
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target))
        private_dir(target.parent)
        changed = source.stat().st_mtime_ns
        with replacing(target) as temp:
            _copy_checked(source, temp)
            os.utime(temp, ns=(changed, changed))
            if target.exists():  # made meanwhile by someone else: keep theirs
                raise FileExistsError(errno.EEXIST, "File exists", str(target))
    return target


def _copy_checked(source: Path, temp: Path) -> None:
    """``source`` copied into ``temp`` by SQLite's online backup; the copy must pass the quick
    check. Side files of ``temp`` are removed either way (``replacing`` removes ``temp``)."""
    try:
        sqlite.online_backup(source, temp)
        problem = quick_check(temp)
        if problem is not None:
            raise sqlite3.DatabaseError(f"the copy did not read back whole ({problem})")
    finally:
        _remove_side_files(temp)


@contextmanager
def told_plainly(doing: str) -> Iterator[None]:
    """An OSError or a SQLite error in the block becomes one plain sentence (``StorageProblem``)."""
    try:
        yield
    except OSError as exc:
        raise os_fault(exc, doing) from exc
    except sqlite3.Error as exc:
        raise sqlite_fault(exc, doing) from exc


def take_backup(source: Path, folder: Path, reason: str, now: dt.datetime) -> Path:
    """A backup of ``source`` in ``folder`` named with ``now`` and ``reason`` (see the module)."""
    return make_backup(source, free_name(folder, backup_name(source, now, reason)))


def backup_name(source: Path, now: dt.datetime, reason: str) -> str:
    return f"{source.stem}-{now.strftime(STAMP)}-{reason}{SUFFIX}"


def free_name(folder: Path, name: str) -> Path:
    """``folder / name``, or ``...-2``, ``...-3`` before the suffix when taken (two copies in a second)."""
    base = name.removesuffix(SUFFIX)
    path, n = folder / name, 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{SUFFIX}"
    return path


def sqlite_fault(exc: sqlite3.Error, doing: str) -> StorageProblem:
    """One plain sentence for a SQLite error met while ``doing`` (a full disk is told like ENOSPC)."""
    text = str(exc)
    known = {
        "database or disk is full": (errno.ENOSPC, text),
        "disk I/O error": (errno.EIO, "the disk reported a read or write error"),
        "attempt to write a readonly database": (errno.EROFS, text),
    }
    code, reason = known.get(text, (0, text))
    return os_fault(OSError(code, reason), doing)


def quick_check(path: Path) -> str | None:
    """The first problem SQLite's quick check finds in ``path``; None when it reads back whole.
    Leaves no side file beside ``path``. A file that cannot be read at all raises
    ``sqlite3.OperationalError``."""
    problems = sqlite.quick_check_problems(path)
    return sqlite.first_problem(problems) if problems else None


def _remove_side_files(path: Path) -> None:
    for side in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + side).unlink()


# -- listing and thinning --------------------------------------------------------------------------
def backups_of(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of ``db_path`` (in ``folder``, by default its ``backups/``), newest first."""
    return sorted(
        (info for stem, info in _listed(folder or backup_dir_for(db_path)) if stem == db_path.stem),
        key=lambda info: (info.taken_at, info.path.name),
        reverse=True,
    )


def latest_backup(db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of ``db_path`` (not counting the raw copy of a damaged file)."""
    return next((info for info in backups_of(db_path, folder) if info.reason != DAMAGED), None)


def _listed(folder: Path) -> Iterable[tuple[str, BackupInfo]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no folder yet (or not one we can read): no backups to list
        return
    for entry in entries:
        found = _NAME.fullmatch(entry.name)
        try:
            if found is None or not entry.is_file():
                continue
            taken_at = dt.datetime.strptime(found["stamp"], STAMP)
            info = BackupInfo(Path(entry.path), taken_at, found["reason"], entry.stat().st_size)
        except (OSError, ValueError):  # gone meanwhile, or a date that does not exist
            continue
        yield found["stem"], info


def to_delete(backups: Iterable[BackupInfo], now: dt.datetime) -> list[BackupInfo]:
    """The backups thinning removes (pure: nothing is read or deleted). Kept: the newest copy;
    of the daily ones, the 7 newest and the newest of each of the last 4 calendar weeks and of
    the last 12 months (counting ``now``'s); every other copy younger than a year."""
    newest_first = sorted(backups, key=lambda info: info.taken_at, reverse=True)
    keep = set(newest_first[:1])
    daily = [info for info in newest_first if info.reason == DAILY]
    keep.update(daily[:KEEP_DAILY])
    keep.update(
        _newest_per_period(daily, {_week(now - dt.timedelta(weeks=i)) for i in range(KEEP_WEEKS)}, _week)
    )
    keep.update(_newest_per_period(daily, {_month(now, back) for back in range(KEEP_MONTHS)}, _month))
    keep.update(info for info in newest_first if info.reason != DAILY and now - info.taken_at < KEEP_OTHERS)
    return [info for info in newest_first if info not in keep]


def _newest_per_period(
    newest_first: list[BackupInfo], periods: set[tuple[int, int]], period_of: PeriodOf
) -> list[BackupInfo]:
    seen: set[tuple[int, int]] = set()
    found = []
    for info in newest_first:
        period = period_of(info.taken_at)
        if period in periods and period not in seen:
            seen.add(period)
            found.append(info)
    return found


def _week(moment: dt.datetime) -> tuple[int, int]:
    year, week, _day = moment.isocalendar()
    return year, week


def _month(moment: dt.datetime, back: int = 0) -> tuple[int, int]:
    index = moment.year * 12 + moment.month - 1 - back
    return index // 12, index % 12 + 1


def thin(folder: Path, now: dt.datetime) -> list[Path]:
    """Delete the backups in ``folder`` that thinning does not keep (each file's backups on
    their own; see ``to_delete``), never the newest good one of a file. Returns what went."""
    by_stem: dict[str, list[BackupInfo]] = {}
    for stem, info in _listed(folder):
        by_stem.setdefault(stem, []).append(info)
    deleted: list[Path] = []
    for infos in by_stem.values():
        doomed = to_delete(infos, now)
        if not doomed:
            continue
        good = _first_good(sorted(infos, key=lambda info: info.taken_at, reverse=True))
        for info in doomed:
            if info != good:
                with contextlib.suppress(OSError):  # a copy that cannot go now goes next time
                    info.path.unlink()
                    deleted.append(info.path)
    return deleted


def daily_backup(source: Path, folder: Path, now: dt.datetime) -> Path | None:
    """The day's backup of ``source``, taken when its newest backup is a day old or more (or
    there is none), then the folder thinned; None when a recent one exists."""
    newest = latest_backup(source, folder)
    if newest is not None and now - newest.taken_at < dt.timedelta(days=1):
        return None
    made = take_backup(source, folder, DAILY, now)
    thin(folder, now)
    return made


def before_upgrade(source: Path, folder: Path, revision: str | None, now: dt.datetime) -> Path:
    """The copy of ``source`` taken before upgrading it from ``revision``: one per file and
    revision, so an upgrade that fails at every launch copies once; a new copy when the file
    changed since (its size or modification time differ from the copy's)."""
    reason = f"{BEFORE_UPGRADE}-{revision or 'none'}"
    for info in backups_of(source, folder):
        if info.reason == reason and _still_holds(info.path, source):
            return info.path
    return take_backup(source, folder, reason, now)


def _still_holds(copy: Path, source: Path) -> bool:
    """``copy`` holds ``source`` as it is now: nothing pending in a WAL, same size and time."""
    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    try:
        was, now = copy.stat(), source.stat()
    except OSError:
        return False
    return (was.st_size, was.st_mtime_ns) == (now.st_size, now.st_mtime_ns)


# -- restoring -------------------------------------------------------------------------------------
def check_restorable(backup: Path) -> None:
    """Raise the typed error that keeps ``backup`` from being restored by this MSP Desk: missing,
    not an MSP Desk file, damaged, or written by a newer version."""
    with told_plainly(f"reading {backup}"):
        if not backup.is_file():
            raise FileNotFoundError(errno.ENOENT, "No such file", str(backup))
        kind = sqlite.inspect_file(backup)
        if not kind.is_ours:
            what = "a SQLite file but not" if kind.is_sqlite else "not"
            raise NotAnMspDatabase(f"{backup} is {what} an MSP Desk database; nothing was changed.")
        problem = quick_check(backup)
        if problem is not None:
            raise DamagedDatabase(f"{backup} is damaged ({problem}); nothing was changed.", path=backup)
        revision = sqlite.read_only_revision(backup)
    if revision is not None and revision not in schema.KNOWN_REVISIONS:
        raise SchemaTooNew(
            f"{backup} was written by a newer MSP Desk (schema {revision}); update MSP Desk to "
            "restore it. Nothing was changed."
        )


def newest_good_backup(db_path: Path, folder: Path | None = None) -> Path | None:
    """The newest backup of ``db_path`` (in ``folder``, by default its ``backups/``) this MSP
    Desk can restore: it passes the quick check and is not newer than this version."""
    good = _first_good(backups_of(db_path, folder))
    return good.path if good else None


def _first_good(newest_first: list[BackupInfo]) -> BackupInfo | None:
    for info in newest_first:
        try:
            check_restorable(info.path)
        except MspError:
            continue
        return info
    return None


def restore(db_path: Path, backup: Path, now: dt.datetime, folder: Path | None = None) -> Path | None:
    """Put the MSP Desk backup ``backup`` in place of ``db_path`` and return the copy kept of the
    file it replaced (``before-restore``; the raw bytes of a damaged one, ``damaged``), None when
    there was no file. The backup is checked first (``check_restorable``); the new file comes in
    whole (temporary name, then renamed) with the old file's mode, else 0600. Close every
    connection to ``db_path`` first: a file still open elsewhere is refused (``AlreadyOpen``)."""
    check_restorable(backup)
    folder = folder or backup_dir_for(db_path)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise MspError(f"{backup} is the database itself; choose a backup. Nothing was changed.")
    lock = InstanceLock(db_path)
    lock.acquire()  # no MSP Desk window may have the file open while it is replaced
    try:
        kept = _keep_current(db_path, folder, now)
        with told_plainly(f"restoring {db_path} from {backup}"), replacing(db_path) as temp:
            _copy_checked(backup, temp)
            # the old file's WAL would be replayed into the new one: it was checkpointed into
            # the copy kept above (or copied raw with a damaged file), so it can go
            _remove_side_files(db_path)
    finally:
        lock.release()
    return kept


def _keep_current(db_path: Path, folder: Path, now: dt.datetime) -> Path | None:
    """Back up the file a restore replaces; a damaged one is copied byte for byte (its WAL too)."""
    if not db_path.exists():
        return None
    with told_plainly(f"reading {db_path}"):
        readable = quick_check(db_path) is None
    if readable:
        kept = take_backup(db_path, folder, BEFORE_RESTORE, now)
        if db_path.with_name(db_path.name + "-wal").exists():  # closing ours would have ended it
            raise AlreadyOpen(
                f"{db_path} is open in another program (MSP Desk?); close it, then restore. "
                f"Nothing was changed (a copy of it was kept in {kept})."
            )
        return kept
    kept = free_name(folder, backup_name(db_path, now, DAMAGED))
    with told_plainly(f"keeping a copy of {db_path} in {folder}"):
        private_dir(folder)
        for side in ("", "-wal"):
            original = db_path.with_name(db_path.name + side)
            if original.exists():
                with replacing(kept.with_name(kept.name + side)) as temp:
                    shutil.copyfile(original, temp)
    return kept
