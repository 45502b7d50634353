"""What every page and panel is built with: one ``PageContext`` instead of five arguments."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from msp_desk.private_files import PRIVATE_FILE, make_private, private_dir
from msp_desk.store.database import Database
from msp_desk.ui.edits import Edits
from msp_desk.ui.tasks import SyncRunner, TaskRunner

ORGANIZATION = "MSP Desk"
SETTINGS_APP = "msp-desk"


def window_settings() -> QSettings:
    """Where window state (never shop data) is kept: a file private to its owner (0600 in a
    0700 folder; Qt keeps the mode of the file it replaces when it saves)."""
    settings = QSettings(ORGANIZATION, SETTINGS_APP)
    if settings.format() == QSettings.Format.NativeFormat and sys.platform != "win32":
        make_settings_file_private(Path(settings.fileName()))
    return settings


def make_settings_file_private(path: Path) -> None:
    """Create the settings file (and its own folder) private before Qt first writes it; a
    read-only home is not an error here (window state is then simply not kept)."""
    with contextlib.suppress(OSError):
        private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
        make_private(path)


@dataclass(frozen=True)
class PageContext:
    """The shop's database, the day it is, the GUI's writes (``Edits``: the undo stack and the
    announcements of what changed), the background task runner and the window-state settings."""

    db: Database
    today: dt.date
    edits: Edits
    runner: TaskRunner = field(default_factory=SyncRunner)
    settings: QSettings = field(default_factory=window_settings)

    @classmethod
    def open(
        cls,
        db: Database,
        today: dt.date,
        *,
        runner: TaskRunner | None = None,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> PageContext:
        """A context with its own ``Edits`` (owned by ``parent``, e.g. the main window)."""
        return cls(
            db,
            today,
            Edits(db, parent),
            runner if runner is not None else SyncRunner(),
            settings if settings is not None else window_settings(),
        )
