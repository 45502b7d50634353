"""Where the details of an unexpected error go: a private log file in the user's log folder, so
the owner sees one plain sentence and the traceback is kept for whoever fixes it."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

LOG_NAME = "msp-desk.log"
KEEP_BYTES = 1_000_000  # the log is cut to its newest half when it grows past this


def log_dir() -> Path:
    from platformdirs import user_log_dir

    from msp_desk.paths import APP_NAME

    return Path(user_log_dir(APP_NAME, appauthor=False))


def record(exc: BaseException, folder: Path | None = None) -> Path | None:
    """Append ``exc`` with its traceback to the log; the log's path, or None if it could not be
    written (a full or read-only disk must not turn one error into two)."""
    from msp_desk.private_files import make_private, private_dir

    path = (folder or log_dir()) / LOG_NAME
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        private_dir(path.parent)
        if path.exists() and path.stat().st_size > KEEP_BYTES:
            kept = path.read_bytes()[-KEEP_BYTES // 2 :]
            path.write_bytes(kept)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {stamp}\n{text}\n")
        make_private(path)
    except OSError:
        return None
    return path
