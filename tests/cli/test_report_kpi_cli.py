"""``msp-desk report kpi [--month YYYY-MM] --out F.pdf``: the owner's KPI report written to a
file; a bad month or a bad folder is one plain sentence, never a traceback."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from msp_desk.__main__ import main
from msp_desk.services.clients.book import create_active_client
from msp_desk.services.ladder.items import ladder_items
from msp_desk.store.database import open_database

TODAY = "2026-11-20"


def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "shop.sqlite3"
    assert main(["--db", str(path), "init", "--name", "Harbor Point IT"]) == 0
    db = open_database(path)
    try:
        tier = ladder_items(db, dt.date(2026, 11, 20)).tiers[0].id
        create_active_client(
            db,
            name="Zoë Müller Design",
            tier_id=tier,
            seats=8,
            start=dt.date(2026, 6, 1),
            today=dt.date(2026, 11, 20),
        )
    finally:
        db.close()
    capsys.readouterr()
    return path


def test_the_report_is_written_for_the_last_full_month(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shop(tmp_path, capsys)
    out = tmp_path / "reports" / "kpi.pdf"  # a folder that does not exist yet is made
    assert main(["--db", str(path), "--today", TODAY, "report", "kpi", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote the KPI report for October 2026 to {out}\n"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Harbor Point IT" in text and "Monthly KPI report: October 2026" in text
    assert "MRR movements in October 2026" in text and "Page 1 of" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_month_can_be_chosen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = shop(tmp_path, capsys)
    out = tmp_path / "july.pdf"
    assert (
        main(["--db", str(path), "--today", TODAY, "report", "kpi", "--month", "2026-07", "--out", str(out)])
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Monthly KPI report: July 2026" in text


def test_a_bad_month_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = shop(tmp_path, capsys)
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(path), "report", "kpi", "--month", "2026-13", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
    assert "'2026-13' is not a month like 2026-03" in capsys.readouterr().err
    assert (
        main(["--db", str(path), "--today", TODAY, "report", "kpi", "--month", "2027-02", "--out", "x.pdf"])
        == 1
    )
    assert capsys.readouterr().err == "error: month: February 2027 has not begun yet\n"
    assert not (tmp_path / "x.pdf").exists()


def test_a_bad_folder_is_one_plain_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = shop(tmp_path, capsys)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "kpi.pdf"
    assert main(["--db", str(path), "--today", TODAY, "report", "kpi", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: Could not finish saving the PDF ({target}): a part of the path is not a folder. "
        "Nothing was changed.\n"
    )
    assert main(["--db", str(path), "--today", TODAY, "report", "kpi", "--out", str(tmp_path)]) == 1
    assert "it is a folder, not a file" in capsys.readouterr().err


def test_without_a_shop_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(["--db", str(missing), "report", "kpi", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "There is no shop" in capsys.readouterr().err
    assert not missing.exists()
