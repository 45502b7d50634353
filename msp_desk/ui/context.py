"""What every page and panel is built with: one ``PageContext`` instead of five arguments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSettings

from msp_desk.store.database import Database
from msp_desk.ui.edits import Edits
from msp_desk.ui.tasks import SyncRunner, TaskRunner

ORGANIZATION = "MSP Desk"
SETTINGS_APP = "msp-desk"


def window_settings() -> QSettings:
    """Where window state (never shop data) is kept."""
    return QSettings(ORGANIZATION, SETTINGS_APP)


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
