"""The shop's backups as a use case: by hand (named, or exactly where asked), once a day, the last
one taken, and a restore that first keeps the file it replaces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shop_files import add_clients, client_names, listing

from msp_desk.errors import StorageProblem
from msp_desk.services.shop.backups import (
    backup,
    backup_folder,
    daily_backup,
    last_backup,
    newest_good_backup,
    restore,
)
from msp_desk.store.database import Database

NOW = dt.datetime(2026, 12, 3, 14, 30, 0)


def test_the_backup_folder_is_beside_the_file(db: Database) -> None:
    assert backup_folder(db.path) == db.path.parent / "backups"


def test_a_backup_by_hand_is_named_manual_with_the_date_and_time(db: Database) -> None:
    assert last_backup(db.path) is None
    made = backup(db, now=NOW)
    assert made == db.path.parent / "backups" / "shop-2026-12-03-143000-manual.sqlite3"
    last = last_backup(db.path)
    assert last is not None and (last.path, last.taken_at, last.reason) == (made, NOW, "manual")


def test_out_writes_exactly_that_file_and_never_overwrites(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb" / "shop copy.sqlite3"
    assert backup(db, out) == out
    first = out.read_bytes()
    with pytest.raises(StorageProblem, match="a file of that name already exists"):
        backup(db, out)
    assert out.read_bytes() == first
    assert listing(out.parent) == ["shop copy.sqlite3"]
    assert last_backup(db.path) is None  # a copy elsewhere is not one of the shop's backups


def test_the_daily_backup_waits_a_day_after_any_backup(db: Database) -> None:
    backup(db, now=NOW)
    assert daily_backup(db, NOW + dt.timedelta(hours=20)) is None
    made = daily_backup(db, NOW + dt.timedelta(days=1))
    assert made is not None and made.name == "shop-2026-12-04-143000-daily.sqlite3"
    last = last_backup(db.path)
    assert last is not None and last.path == made


def test_restore_round_trip_and_its_message(db: Database) -> None:
    saved = backup(db, now=NOW)
    add_clients(db.path, 1, prefix="Typo")
    db.close()
    restored = restore(db.path, saved, NOW + dt.timedelta(hours=1))
    assert client_names(db.path) == []
    previous = restored.previous
    assert previous is not None and client_names(previous) == ["Typo 0000"]
    assert restored.message == (f"Restored {db.path} from {saved}. The file as it was is kept in {previous}.")
    assert newest_good_backup(db.path) == previous  # the before-restore copy
