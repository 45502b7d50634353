"""Only `init` (and the app's first run) makes a shop: any other command on a missing file says
so, exits 1 and creates nothing, not even the folders of a mistyped path."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import open_database


@pytest.mark.parametrize(
    "command",
    [["check"], ["kpi"], ["backup"], ["export", "clients", "--out", "x.csv"], ["check", "--repair"]],
)
def test_a_command_on_a_missing_file_creates_nothing(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo" / "shpo.sqlite3"
    assert main(["--db", str(typo), *command]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"error: There is no shop at {typo}. Check the name, or create one with: msp-desk --db {typo} init\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_init_makes_a_private_shop_with_its_settings_and_ladder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "books" / "shop.sqlite3"
        argv = ["--db", str(path), "init", "--kind", "va", "--name", "Zoë's Assistants", "--locale", "de_DE"]
        assert main([*argv, "--currency", "EUR", "--employees", "4"]) == 0
    finally:
        os.umask(old)
    assert capsys.readouterr().out == f"Created a new shop at {path}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    db = open_database(path, create=False)
    try:
        shop = get_settings(db)
        assert (shop.kind, shop.name, shop.locale, shop.currency, shop.employees) == (
            "va",
            "Zoë's Assistants",
            "de_DE",
            "EUR",
            4,
        )
        assert len(ladder_items(db, dt.date(2026, 12, 1)).tiers) == 4
    finally:
        db.close()


def test_init_refuses_an_existing_shop_and_bad_settings_make_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shop.sqlite3"
    assert main(["--db", str(path), "init", "--currency", "DOLLARS"]) == 1
    assert "currency" in capsys.readouterr().err
    assert not path.exists()
    assert main(["--db", str(path), "init", "--locale", "xx_NOPE"]) == 1
    assert "is not a known locale" in capsys.readouterr().err
    assert not path.exists()
    assert main(["--db", str(path), "init"]) == 0
    before = path.read_bytes()
    assert main(["--db", str(path), "init", "--name", "Other"]) == 1
    assert capsys.readouterr().err.endswith(f"A shop already exists at {path}; it was left untouched.\n")
    assert path.read_bytes() == before
