"""``msp-desk report qbr CLIENT --out F.pdf`` and ``report qbr --due DAYS --out-dir DIR``: the files
written, one line each and a summary, and the exit codes (0 done, 1 a user's error, 2 usage)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from qbr_shops import AT, BELOW, NEW, small_shop

from msp_desk.__main__ import main

TODAY = ["--today", "2026-11-23"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    small_shop(path).db.close()
    return path


def run(shop: Path, *args: str) -> int:
    return main(["--db", str(shop), *TODAY, "report", "qbr", *args])


def test_one_client_s_packet(shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "packet.pdf"
    assert run(shop, "łódź logistics", "--out", str(out)) == 0
    assert capsys.readouterr().out == f"Wrote {out}: QBR packet for {AT}\n  with the referral page\n"
    assert AT in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert out.stat().st_mode & 0o777 == 0o600

    assert run(shop, BELOW, "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert "no referral page: Readiness 60 of 100, below the ask threshold of 70" in said


def test_the_batch_prints_a_line_per_file_and_a_summary(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "packets"
    assert run(shop, "--due", "14", "--out-dir", str(folder)) == 0
    assert capsys.readouterr().out == "No client has a QBR due in the next 14 days: no packet written.\n"
    assert not folder.exists()
    assert run(shop, "--due", "69", "--out-dir", str(folder)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # a line per file and the summary
    assert lines[0].startswith(
        f"{folder / f'QBR {NEW} 2026-11-23.pdf'}  {NEW}, QBR Jan 30, 2027: no referral page ("
    )
    assert (
        lines[2] == f"{folder / f'QBR {AT} 2026-11-23.pdf'}  {AT}, QBR Jan 31, 2027: with the referral page"
    )
    assert lines[-1] == f"3 QBR packets written to {folder} (1 with the referral page)"
    assert len(list(folder.iterdir())) == 3


def test_a_user_s_mistakes_exit_1_and_usage_exits_2(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packet.pdf"
    assert run(shop, "Nobody Inc", "--out", str(out)) == 1
    assert capsys.readouterr().err == "error: There is no client named Nobody Inc\n"
    assert not out.exists()
    assert run(shop, AT, "--out", str(tmp_path / "missing" / "folder" / "x.pdf")) == 0  # folders made
    (tmp_path / "taken").mkdir()
    assert run(shop, AT, "--out", str(tmp_path / "taken")) == 1
    assert capsys.readouterr().err.startswith("error: Could not finish saving the PDF")
    assert run(shop, AT) == 2
    assert run(shop, "--due", "14") == 2
    assert run(shop, AT, "--out", str(out), "--due", "3", "--out-dir", str(tmp_path)) == 2
    assert "report qbr" in capsys.readouterr().err
    missing = tmp_path / "nothing.sqlite3"
    assert main(["--db", str(missing), "report", "qbr", AT, "--out", str(out)]) == 1
    assert "There is no shop" in capsys.readouterr().err
