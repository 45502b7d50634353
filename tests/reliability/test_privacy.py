"""Private by default: whatever the umask, the database and its side files, the lock, the demo
shops, the window settings and the error log are created 0600 in 0700 folders."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.store.database import open_database
from msp_desk.store.lock import lock_path
from tests.factories import make_client


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_shop_its_side_files_and_its_lock_are_private(tmp_path: Path) -> None:
    path = tmp_path / "books" / "2026" / "shop.sqlite3"
    assert main(["--db", str(path), "init"]) == 0
    db = open_database(path, create=False)
    db.hold_for_this_window()
    make_client(db, "Zoë Müller Design")  # a write: the -wal and -shm files exist now
    found = {p.name: mode(p) for p in path.parent.iterdir()}
    db.close()
    assert found == {
        "shop.sqlite3": 0o600,
        "shop.sqlite3-wal": 0o600,
        "shop.sqlite3-shm": 0o600,
        "shop.sqlite3.lock": 0o600,
    }
    assert (mode(tmp_path / "books"), mode(tmp_path / "books" / "2026")) == (0o700, 0o700)
    assert not lock_path(path).exists()


def test_the_demo_shop_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    from msp_desk import paths
    from msp_desk.demo import shops
    from tests.factories import make_ladder

    monkeypatch.setattr(
        shops, "build_demo", lambda db, kind, today: make_ladder(db)
    )  # the files, not the rows
    shops.open_demo("msp", dt.date(2026, 12, 3)).close()
    demo = paths.demo_db_path("msp")
    assert mode(demo) == 0o600
    assert (mode(demo.parent), mode(demo.parent.parent)) == (0o700, 0o700)


def test_window_settings_and_the_error_log_are_private(qapp: object, tmp_path: Path) -> None:
    from msp_desk.crash_log import record
    from msp_desk.ui.context import window_settings

    settings = window_settings()
    settings.setValue("main_window/geometry", b"x")
    settings.sync()
    config = Path(settings.fileName())
    assert (mode(config), mode(config.parent)) == (0o600, 0o700)

    try:
        raise KeyError("boom")
    except KeyError as exc:
        log = record(exc, tmp_path / "logs")
    assert log is not None and "KeyError: 'boom'" in log.read_text()
    assert (mode(log), mode(log.parent)) == (0o600, 0o700)
