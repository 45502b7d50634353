"""Where files live: platformdirs locations, ``--db`` / ``MSP_DESK_DB`` overrides, demo files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "msp-desk"
DB_ENV = "MSP_DESK_DB"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (icons, fonts): beside the package in a checkout, inside
    the bundle when frozen by PyInstaller (which unpacks data under ``sys._MEIPASS``)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The per-user data folder (not created here: no import-time or lookup side effects)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "msp-desk.sqlite3"


def demo_db_path(kind: str) -> Path:
    """The demo shop's own file, never the user's real one (kind: ``msp`` or ``va``)."""
    name = "demo-msp.sqlite3" if kind == "msp" else "demo-va.sqlite3"
    return data_dir() / "demo" / name


def resolve_db_path(cli_value: str | None, environ: dict[str, str] | None = None) -> Path:
    """``--db`` wins over ``MSP_DESK_DB``, which wins over the default file."""
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser()
    if env.get(DB_ENV):
        return Path(env[DB_ENV]).expanduser()
    return default_db_path()


def backup_dir_for(db_path: Path) -> Path:
    """Backups live in a ``backups/`` folder beside the database file."""
    return db_path.parent / "backups"
