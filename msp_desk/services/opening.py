"""Which database to open: a demo's own file, ``--db``, ``MSP_DESK_DB`` or the default file."""

from __future__ import annotations

import datetime as dt

from msp_desk.store.database import Database


def open_shop(db_arg: str | None, demo_kind: str | None, today: dt.date) -> Database:
    """Open (creating or upgrading as needed) the shop the user chose; demos never touch real data."""
    if demo_kind is not None:
        from msp_desk.services.demo import open_demo

        return open_demo(demo_kind, today)
    from msp_desk.paths import backup_dir_for, resolve_db_path
    from msp_desk.store.database import open_database

    path = resolve_db_path(db_arg)
    return open_database(path, backup_dir=backup_dir_for(path))
