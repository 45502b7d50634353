"""Files only the owner can read: folders made 0700 and files 0600 whatever the umask, a file
replaced atomically (written beside it, then renamed) keeping the mode it had, nothing partial
left behind on failure."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700; an existing folder is left as it is."""
    missing: list[Path] = []
    here = folder
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            made.mkdir(mode=PRIVATE_DIR)
        os.chmod(made, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    return folder


def make_private(path: Path) -> None:
    """Mode 0600 on a file we created (no-op where the platform has no such modes)."""
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE)


def mode_for(target: Path) -> int:
    """The mode a replacement of ``target`` gets: the one it has, else 0600."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return PRIVATE_FILE


@contextmanager
def replacing(target: Path, suffix: str = ".part") -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; on success it is synced and renamed over
    ``target`` (keeping ``target``'s mode, else 0600); on any failure it is removed and
    ``target`` is untouched. An OSError names ``target``, never the temporary file."""
    temp: Path | None = None
    try:
        private_dir(target.parent)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
        os.close(fd)
        temp = Path(name)
        os.chmod(temp, mode_for(target))
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except BaseException as exc:
        if temp is not None:
            for leftover in (temp, temp.with_name(temp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        if isinstance(exc, OSError) and Path(str(exc.filename)).name.startswith(f".{target.name}."):
            exc.filename = str(target)  # the owner never heard of the temporary file
        raise


def write_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` all at once (see ``replacing``)."""
    with replacing(target) as temp:
        temp.write_bytes(data)


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
