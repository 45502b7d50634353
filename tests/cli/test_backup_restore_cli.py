"""`msp-desk backup` and `msp-desk restore F` from the command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from shop_files import add_clients, client_names, corrupt_middle, listing

from msp_desk.__main__ import main


@pytest.fixture
def shop(db_path: Path) -> Path:
    add_clients(db_path, 60)
    return db_path


def one_copy(folder: Path) -> Path:
    (name,) = listing(folder)
    return folder / name


def test_backup_goes_to_the_backups_folder_private_and_named_manual(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chmod(shop, 0o600)
    assert main(["--db", str(shop), "backup"]) == 0
    copy = one_copy(shop.parent / "backups")
    assert copy.name.startswith("shop-") and copy.name.endswith("-manual.sqlite3")
    assert capsys.readouterr().out == f"Backup written to {copy}\n"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700


def test_backup_of_a_corrupted_file_is_refused_in_one_line(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt_middle(shop)
    assert main(["--db", str(shop), "backup"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and "is damaged" in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert listing(shop.parent / "backups") == []


def test_restore_puts_the_backup_back_and_keeps_the_file_it_replaced(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(shop), "backup"]) == 0
    saved = one_copy(shop.parent / "backups")
    add_clients(shop, 1, prefix="After")
    capsys.readouterr()
    assert main(["--db", str(shop), "restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Restored {shop} from {saved}. The file as it was is kept in ")
    kept = Path(
        out.strip()
        .removeprefix(f"Restored {shop} from {saved}. The file as it was is kept in ")
        .removesuffix(".")
    )
    assert kept.name.endswith("-before-restore.sqlite3")
    assert "After 0000" in client_names(kept) and "After 0000" not in client_names(shop)
    assert len(client_names(shop)) == 60


@pytest.mark.parametrize("bad", ["not-a-backup.txt", "missing.sqlite3"])
def test_restore_of_something_that_is_no_backup_changes_nothing(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    path = tmp_path / bad
    if bad.endswith(".txt"):
        path.write_text("client,mrr\n")
    before = shop.read_bytes()
    assert main(["--db", str(shop), "restore", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "nothing was changed" in err.lower()
    assert shop.read_bytes() == before
    assert listing(shop.parent / "backups") == []
