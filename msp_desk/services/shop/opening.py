"""Which of the owner's files to open (``--db``, ``MSP_DESK_DB`` or the default file) and
making a new shop: only the app's first run and ``msp-desk init`` create a file (the demo shops
are opened by ``msp_desk.demo``, never here)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from msp_desk.errors import Conflict, MspError
from msp_desk.store.database import Database


def shop_path(db_arg: str | None) -> Path:
    """The file the user chose: ``--db`` wins over ``MSP_DESK_DB``, then the default file."""
    from msp_desk.paths import resolve_db_path

    return resolve_db_path(db_arg)


def open_shop(db_arg: str | None, *, create: bool = False) -> Database:
    """Open (upgrading as needed) the shop file the user chose; a missing file is created only
    when ``create`` (the app's first run), else ``NoSuchShop`` says so."""
    from msp_desk.paths import backup_dir_for
    from msp_desk.store.database import open_database

    path = shop_path(db_arg)
    return open_database(path, create=create, backup_dir=backup_dir_for(path))


def create_shop(
    path: Path,
    *,
    kind: str = "msp",
    name: str | None = None,
    locale: str | None = None,
    currency: str | None = None,
    employees: int | None = None,
) -> Database:
    """A new shop file at ``path`` with its settings and its kind's default ladder and scripts.

    Everything is checked before the file is made; a file already there is refused untouched;
    if making it fails half-way, the new file is removed (nothing is left behind)."""
    from msp_desk.services.ladder.defaults import install_default_ladder
    from msp_desk.services.shop.settings import check_settings, save_settings
    from msp_desk.store.database import open_database
    from msp_desk.store.sqlite import inspect_file

    values: dict[str, object] = {"kind": kind}
    for field, value in (
        ("name", name),
        ("locale", locale),
        ("currency", currency),
        ("employees", employees),
    ):
        if value is not None:
            values[field] = value
    check_settings(**values)
    if inspect_file(path).exists:
        raise Conflict(f"A shop already exists at {path}; it was left untouched.")
    db = open_database(path, create=True)
    try:
        save_settings(db, **values)
        install_default_ladder(db, kind)
    except (MspError, OSError):
        db.close()
        remove_new_file(path)
        raise
    return db


def remove_new_file(path: Path) -> None:
    """Delete a database file we just made, with its side files."""
    for side in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + side).unlink()
