"""One app at a time on a database file: an operating-system lock on a ``.lock`` file beside it.

The lock belongs to the process: when the app exits or is killed, the system releases it, so a
stale lock never keeps the owner out (no pid guessing). The file holds who has it, for the
message the second window shows. Private (0600) like the database.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from pathlib import Path

from msp_desk.errors import AlreadyOpen, os_fault
from msp_desk.private_files import private_dir


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """The lock of one database file, held from ``acquire`` until ``release``."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise ``AlreadyOpen`` naming who has it (``StorageProblem`` when
        the folder cannot be written)."""
        if self._fd is not None:
            return
        for _attempt in range(3):  # the holder may remove the file between our open and lock
            try:
                private_dir(self.path.parent)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise os_fault(exc, f"creating the lock file {self.path}") from exc
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise AlreadyOpen(
                    f"{self.db_path} is already open in another MSP Desk window{holder}. "
                    "Switch to that window, or close it and try again."
                )
            if _same_file(fd, self.path):
                self._fd = fd
                _write_holder(fd)
                return
            _unlock(fd)
            os.close(fd)
        raise AlreadyOpen(f"{self.db_path} is being opened by another MSP Desk window; try again.")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            self.path.unlink()  # before unlocking: a waiter that opened it re-checks the inode
        _unlock(fd)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _write_holder(fd: int) -> None:
    text = f"{os.getpid()} {socket.gethostname()}\n".encode()
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0) if hasattr(os, "pwrite") else os.write(fd, text)


def _read_holder(fd: int) -> str:
    try:
        found = os.pread(fd, 200, 0) if hasattr(os, "pread") else b""
        pid, host = found.decode("utf-8", "replace").split()
    except (OSError, ValueError):
        return ""
    return f" (process {pid} on {host})" if host != socket.gethostname() else f" (process {pid})"


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
