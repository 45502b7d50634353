"""Exporting the roster: cells a spreadsheet would run are neutralised and read back as they were;
the file is private when new, keeps its mode when replaced, and is never left half-written."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client

from msp_desk.__main__ import main
from msp_desk.errors import StorageProblem
from msp_desk.io.columns import field_names
from msp_desk.io.csv_reader import read_rows
from msp_desk.services.exports.clients import export_clients
from msp_desk.store.database import Database

DAY = dt.date(2026, 3, 15)
RISKY_NAMES = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTab"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_formula_names_are_neutralised_and_read_back(db: Database, tmp_path: Path) -> None:
    for name in RISKY_NAMES:
        make_client(db, name, status="active", seats=3)
    out = tmp_path / "clients.csv"
    assert export_clients(db, out, DAY) == len(RISKY_NAMES)
    data = out.read_bytes()
    raw_names = sorted(line.split(",")[0] for line in data.decode().split("\r\n")[1:] if line)
    assert raw_names == sorted(
        ['"\'=HYPERLINK(""x"")"', "'+1", "'-2", "'@SUM(A1)", "'\tTab"]
    )  # every one starts with the quote; the HYPERLINK one is also CSV-quoted for its quotes
    back = [values for _, values in read_rows(data, field_names("clients"))]
    assert sorted(values["name"] for values in back) == sorted(RISKY_NAMES)
    assert {(values["seats"], values["mrr"]) for values in back} == {("3", "0.00")}  # numbers stay numbers


def test_new_export_is_private(db: Database, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "new.csv"
    export_clients(db, out, DAY)
    assert mode(out) == 0o600


def test_replacing_an_export_keeps_its_mode(db: Database, tmp_path: Path, umask_022: None) -> None:
    make_client(db, "Acme", status="active")
    out = tmp_path / "shared.csv"
    out.write_text("old\n")
    os.chmod(out, 0o640)
    export_clients(db, out, DAY)
    assert mode(out) == 0o640
    assert out.read_bytes().startswith(b"\xef\xbb\xbfname,status")  # a BOM: Excel reads it as UTF-8


def test_replacing_a_private_export_keeps_it_private(db: Database, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "private.csv"
    out.write_text("old\n")
    os.chmod(out, 0o600)
    export_clients(db, out, DAY)
    assert mode(out) == 0o600


def half_then_disk_full(self: Path, data: bytes) -> int:
    with self.open("wb") as fh:
        fh.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")  # as write() raises it: no file name


def test_full_disk_leaves_no_partial_file_and_the_old_one_intact(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "clients.csv"
    out.write_text("the old export\n")
    os.chmod(out, 0o640)
    monkeypatch.setattr(Path, "write_bytes", half_then_disk_full)
    code = main(["--db", str(db_path), "--today", DAY.isoformat(), "export", "clients", "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err == f"error: Could not finish writing {out}: the disk is full. Nothing was changed.\n"
    assert [p.name for p in folder.iterdir()] == ["clients.csv"]  # no temporary file left
    assert out.read_text() == "the old export\n"
    assert mode(out) == 0o640


def test_full_disk_is_a_storage_problem(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Path, "write_bytes", half_then_disk_full)
    with pytest.raises(StorageProblem):
        export_clients(db, tmp_path / "clients.csv", DAY)
    assert list(tmp_path.glob("*clients.csv*")) == []
