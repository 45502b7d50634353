"""The disk refusing is one plain sentence and changes nothing: a full disk during an import or
an export, a read-only file or folder (run as an unprivileged user where one exists)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.store import sqlite

UNPRIVILEGED = 65534  # "nobody" on Debian and most Linux systems


def big_history(clients: int = 300, months: int = 24) -> str:
    rows = ["client,month,mrr"]
    for c in range(clients):
        for m in range(months):
            rows.append(f"Client {c:03d} Dental,{2024 + m // 12}-{m % 12 + 1:02d},{100 + c}.00")
    return "\n".join(rows) + "\n"


def files_in(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_a_full_disk_during_an_import_changes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's ``max_page_count`` makes the file unable to grow: the disk is full to it."""
    history = tmp_path / "history.csv"
    history.write_text(big_history(), encoding="utf-8")
    pages = db_path.stat().st_size // 4096
    monkeypatch.setattr(
        sqlite, "CONNECTION_PRAGMAS", (*sqlite.CONNECTION_PRAGMAS, f"PRAGMA max_page_count = {pages + 2}")
    )
    before = files_in(db_path.parent)

    assert main(["--db", str(db_path), "import", "mrr-history", str(history)]) == 1

    assert capsys.readouterr().err == (
        f"error: The disk holding {db_path} is full. Nothing was changed; free some space and try again.\n"
    )
    after = files_in(db_path.parent)
    assert after[db_path.name] == before[db_path.name]
    assert not [name for name in after if name.endswith("-journal")]


@contextlib.contextmanager
def small_tmpfs(size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (root only); skipped, saying why, where it cannot be mounted."""
    folder = Path(tempfile.mkdtemp(prefix="msp-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        folder.rmdir()
        reason = f"a small tmpfs cannot be mounted here ({done.stderr.decode().strip() or 'not root'})"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs is Linux")
def test_a_really_full_disk_during_import_and_export_leaves_no_partial_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_tmpfs("4m") as disk:
        shop = disk / "shop.sqlite3"
        shutil.copyfile(db_path, shop)
        history = tmp_path / "history.csv"
        history.write_text(big_history(), encoding="utf-8")
        assert main(["--db", str(shop), "import", "mrr-history", str(history)]) == 0  # room for it
        capsys.readouterr()
        fill(disk, leave=8 * 1024)
        before = files_in(disk)

        assert (
            main(["--db", str(shop), "import", "mrr-history", str(tmp_path / "more.csv")]) == 1
        )  # no such file
        (tmp_path / "more.csv").write_text(big_history(200, 24).replace("Client", "Other"), encoding="utf-8")
        capsys.readouterr()
        assert main(["--db", str(shop), "import", "mrr-history", str(tmp_path / "more.csv")]) == 1
        assert "is full" in capsys.readouterr().err
        assert main(["--db", str(shop), "export", "clients", "--out", str(disk / "clients.csv")]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is full" in err and "Traceback" not in err

        after = files_in(disk)
        assert after.get(shop.name) == before[shop.name]
        assert set(after) <= set(before) | {"shop.sqlite3-wal", "shop.sqlite3-shm"}


def as_unprivileged(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    command = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups"]
    return subprocess.run(
        [*command, sys.executable, "-m", "msp_desk", *argv], capture_output=True, text=True, env=env, cwd="/"
    )


@pytest.fixture
def unprivileged_home() -> Iterator[Path]:
    """A world-traversable folder to run as "nobody" in; skipped, saying why, where that is
    impossible (not root, no setpriv, or the interpreter not reachable by that user)."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        reason = "read-only tests need root to run a child as an unprivileged user (and setpriv)"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="msp-ro-"))
    os.chmod(folder, 0o755)
    home = folder / "home"
    home.mkdir()
    os.chown(home, UNPRIVILEGED, UNPRIVILEGED)
    probe = as_unprivileged(["--version"], home)
    if probe.returncode != 0:
        shutil.rmtree(folder)
        reason = f"the unprivileged user cannot run this Python ({probe.stderr.strip()[-200:]})"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    yield folder
    shutil.rmtree(folder)


def test_a_read_only_file_is_a_plain_message(unprivileged_home: Path, db_path: Path, tmp_path: Path) -> None:
    """The folder is the user's, the file is not writable by them."""
    shop_dir = unprivileged_home / "shop"
    shop_dir.mkdir()
    os.chown(shop_dir, UNPRIVILEGED, UNPRIVILEGED)
    shop = shop_dir / "shop.sqlite3"
    shutil.copyfile(db_path, shop)
    with closing(sqlite3.connect(shop)) as con, con:  # a stored figure --repair must drop: a write
        con.execute(
            "INSERT INTO derived_cache (created_at, updated_at, key, version, payload, revision)"
            " VALUES ('2026-01-01 00:00:00', '2026-01-01 00:00:00', 'kpis', '1', '{}', -1)"
        )
    os.chmod(shop, 0o644)  # root's file: readable, not writable by "nobody"
    history = unprivileged_home / "history.csv"
    history.write_text(big_history(3, 2), encoding="utf-8")
    os.chmod(history, 0o644)
    before = hashlib.sha256(shop.read_bytes()).hexdigest()
    home = unprivileged_home / "home"

    for argv in (["import", "mrr-history", str(history)], ["check", "--repair"]):
        done = as_unprivileged(["--db", str(shop), *argv], home)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert (
            f"{shop} cannot be written: the file or its folder is read-only. Nothing was changed."
            in done.stderr
        )
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == before


def test_a_read_only_folder_is_a_plain_message(unprivileged_home: Path, db_path: Path) -> None:
    """The file is the user's, its folder is not writable (SQLite must write beside the file)."""
    shop_dir = unprivileged_home / "shop"
    shop_dir.mkdir()
    shop = shop_dir / "shop.sqlite3"
    shutil.copyfile(db_path, shop)
    os.chown(shop, UNPRIVILEGED, UNPRIVILEGED)
    before = hashlib.sha256(shop.read_bytes()).hexdigest()
    home = unprivileged_home / "home"

    for argv in (["kpi"], ["check"], ["backup"], ["export", "clients", "--out", str(shop_dir / "c.csv")]):
        done = as_unprivileged(["--db", str(shop), *argv], home)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("error: "), done.stderr
    assert sorted(p.name for p in shop_dir.iterdir()) == ["shop.sqlite3"]
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == before
