"""A damaged shop file is a message, not a crash: every command and the app say what is wrong,
point to the newest good backup, change nothing, and the app offers to restore it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.services.accounts import ledger
from msp_desk.store.database import open_database
from tests.factories import make_client, make_ladder
from tests.reliability.damage import corrupt, truncate

HISTORY = "client,month,mrr\nNew Co,2025-01,100.00\n"
COMMANDS: dict[str, list[str]] = {
    "kpi": ["kpi", "--month", "2026-03"],
    "kpi --json": ["kpi", "--json"],
    "check": ["check"],
    "check --repair": ["check", "--repair"],
    "backup": ["backup"],
    "export": ["export", "clients", "--out", "{tmp}/clients.csv"],
    "import": ["import", "mrr-history", "{tmp}/history.csv"],
}
DAMAGES: dict[str, Callable[[Path], None]] = {"truncated": truncate, "corrupted": corrupt}


@pytest.fixture
def shop_file(db_path: Path) -> Path:
    db = open_database(db_path)
    ids = make_ladder(db)
    for n in range(40):  # enough rows to fill several pages
        client = make_client(db, f"Client {n:02d} Dental")
        ledger.start_client(db, client, ids["Core"], 10 + n, dt.date(2026, 1, 1))
    db.close()
    return db_path


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_says_the_file_is_damaged_and_changes_nothing(
    damage: str, command: str, shop_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(shop_file), "backup"]) == 0
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    good = capsys.readouterr().out.removeprefix("Backup written to ").strip()
    DAMAGES[damage](shop_file)
    before = digest(tmp_path)
    argv = [part.format(tmp=tmp_path) for part in COMMANDS[command]]

    assert main(["--db", str(shop_file), *argv]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {shop_file} is damaged (")
    assert (
        f"The newest good backup is {good}; restore it with: msp-desk --db {shop_file} restore {good}" in err
    )
    assert "Traceback" not in err
    assert digest(tmp_path) == before  # nothing written, nothing left behind


def test_a_damaged_file_with_no_backup_says_so(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truncate(shop_file)
    assert main(["--db", str(shop_file), "kpi"]) == 1
    assert capsys.readouterr().err.endswith("No good backup was found beside it.\n")


def test_a_big_file_cut_short_is_caught_before_it_is_read(
    shop_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files too big to quick-check on every open are still checked for being cut short."""
    monkeypatch.setattr("msp_desk.store.sqlite.QUICK_CHECK_MAX_BYTES", 0)
    truncate(shop_file)
    assert main(["--db", str(shop_file), "kpi"]) == 1
    assert "is damaged (the file is cut short:" in capsys.readouterr().err


def test_the_app_explains_the_damage_and_restores_the_newest_good_backup(
    shop_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from msp_desk.ui import app

    assert main(["--db", str(shop_file), "backup"]) == 0
    good = capsys.readouterr().out.removeprefix("Backup written to ").strip()
    corrupt(shop_file)
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:  # the owner reads the message and clicks Restore
        shown.append(box.informativeText())
        box.findChild(QPushButton, "restore_backup").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    opened: list[int] = []

    def run_gui(db: object, **_kw: object) -> int:
        from msp_desk.domain.values import Month
        from msp_desk.services.kpis.snapshots import kpis_for_month

        opened.append(kpis_for_month(db, Month(2026, 3)).active_clients)  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    assert main(["--db", str(shop_file)]) == 0
    assert len(shown) == 1 and shown[0].startswith(f"{shop_file} is damaged (")
    assert "The newest good backup was taken " in shown[0] and Path(good).name in shown[0]
    assert "msp-desk" not in shown[0]  # the app offers a button, not a command
    assert opened == [40]  # the restored shop, every client there
    kept = [p.name for p in (shop_file.parent / "backups").iterdir()]
    assert any(name.endswith("-damaged.sqlite3") for name in kept)  # the damaged file is kept too


def test_the_app_says_why_when_there_is_no_backup(
    shop_file: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from msp_desk.ui import app

    truncate(shop_file)
    before = shop_file.read_bytes()
    shown: list[tuple[str, object]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.informativeText(), box.findChild(QPushButton, "restore_backup")))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(app, "run_gui", lambda *a, **k: pytest.fail("a damaged file was opened"))
    assert main(["--db", str(shop_file)]) == 1
    assert shown == [(shown[0][0], None)] and shown[0][0].endswith("No good backup was found beside it.")
    assert shop_file.read_bytes() == before
