"""A backup on a full disk: one plain sentence, and no file left behind but those already there.

The disk fills three ways: the copy step raising what SQLite or the OS say on a full disk
(always), SQLite's own page limit on the copy (always: a real SQLITE_FULL with its partial file
and -journal), and a real 64 KiB tmpfs (when run as root and mounting is allowed)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from shop_files import add_clients, client_names, listing

from msp_desk.__main__ import main
from msp_desk.errors import StorageProblem
from msp_desk.services.shop.backups import backup
from msp_desk.store import sqlite as store_sqlite
from msp_desk.store.database import open_database


@pytest.fixture
def shop(db_path: Path) -> Path:
    add_clients(db_path, 200)  # about 900 KB: more than the small disk holds
    return db_path


@pytest.fixture
def folder_with_a_file(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "already-here.txt").write_text("kept")
    return folder


def assert_one_plain_sentence(message: str, target: Path) -> None:
    assert message == f"Could not finish writing the backup {target}: the disk is full. Nothing was changed."


def half_written_then(error: BaseException):  # type: ignore[no-untyped-def]
    """A copy step that writes part of the copy and a -journal, then fails with ``error``."""

    def copy(source: Path, target: Path) -> None:
        target.write_bytes(source.read_bytes()[:8192])
        target.with_name(target.name + "-journal").write_bytes(b"\0" * 512)
        raise error

    return copy


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database or disk is full"), OSError(errno.ENOSPC, "No space left on device")],
    ids=["sqlite-full", "enospc"],
)
def test_a_copy_failing_for_a_full_disk_leaves_nothing(  # type: ignore[no-untyped-def]
    shop: Path, folder_with_a_file: Path, monkeypatch: pytest.MonkeyPatch, error
) -> None:
    monkeypatch.setattr(store_sqlite, "online_backup", half_written_then(error))
    target = folder_with_a_file / "copy.sqlite3"
    db = open_database(shop)
    with pytest.raises(StorageProblem) as caught:
        backup(db, target)
    db.close()
    assert_one_plain_sentence(str(caught.value), target)
    assert listing(folder_with_a_file) == ["already-here.txt"]


def test_sqlite_running_out_of_pages_mid_copy_leaves_nothing(
    shop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy may grow to 20 pages only (SQLite's max_page_count): SQLITE_FULL half-way."""
    real_connect = sqlite3.connect

    def small_copy(database, *args, **kwargs):  # type: ignore[no-untyped-def]
        con = real_connect(database, *args, **kwargs)
        if str(database).endswith(".part"):
            con.execute("PRAGMA max_page_count = 20")
        return con

    monkeypatch.setattr(sqlite3, "connect", small_copy)
    folder = shop.parent / "backups"
    assert main(["--db", str(shop), "backup"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Could not finish writing the backup ") and err.count("\n") == 1
    assert err.endswith(": the disk is full. Nothing was changed.\n")
    assert listing(folder) == []
    assert listing(shop.parent) == ["backups", "shop.sqlite3"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs holding one small file; skipped (with the reason) where it cannot be made."""
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs root to mount a small tmpfs; the simulated ones ran")
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"could not mount a small tmpfs ({made.stderr.strip()}); the simulated full disks ran")
    try:
        (mount_point / "already-here.txt").write_text("kept")
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_a_backup_onto_a_really_full_disk_leaves_nothing(
    shop: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = small_disk / "copy.sqlite3"
    assert main(["--db", str(shop), "backup", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert_one_plain_sentence(err.removeprefix("error: ").removesuffix("\n"), target)
    assert listing(small_disk) == ["already-here.txt"]
    assert len(client_names(shop)) == 200  # the shop itself is untouched
