"""Which of the owner's files to open: ``--db``, ``MSP_DESK_DB`` or the default file (the demo
shops are opened by ``msp_desk.demo``, never here)."""

from __future__ import annotations

from msp_desk.store.database import Database


def open_shop(db_arg: str | None) -> Database:
    """Open (creating or upgrading as needed) the shop file the user chose."""
    from msp_desk.paths import backup_dir_for, resolve_db_path
    from msp_desk.store.database import open_database

    path = resolve_db_path(db_arg)
    return open_database(path, backup_dir=backup_dir_for(path))
