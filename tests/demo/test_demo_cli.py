"""`--demo` / `--demo-va` combine with the commands and never touch the user's own file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msp_desk.__main__ import main

# Undefined rather than unknown when nothing contracted or churned in the month.
MAY_BE_NULL = {"quick_ratio"}


@pytest.mark.parametrize("flag", ["--demo", "--demo-va"])
def test_demo_kpis_of_the_last_full_month_all_have_values(
    flag: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.sqlite3"
    monkeypatch.setenv("MSP_DESK_DB", str(real))
    assert main([flag, "--today", "2026-11-23", "kpi", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == "2026-10"
    assert [key for key, value in data.items() if value is None and key not in MAY_BE_NULL] == []
    assert data["new"] > 0 and data["mrr"] > 0
    assert all(data["mttr_hours"][p] is not None for p in ("P1", "P2", "P3", "P4", "all"))
    assert not real.exists()  # the demo lives in its own file


def test_demo_check_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--today", "2026-11-23", "check"]) == 0
    out = tmp_path / "clients.csv"
    assert main(["--demo", "--today", "2026-11-23", "export", "clients", "--out", str(out)]) == 0
    assert "Ōsaka Dental" in out.read_text(encoding="utf-8")
