"""`msp-desk import spend|revenue`: a dry run says what it would add and writes nothing, the
import feeds CAC, and the kinds are offered by the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msp_desk.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_spend_and_revenue_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shop = str(tmp_path / "new.sqlite3")
    assert run(capsys, "--db", shop, "init")[0] == 0
    spend = tmp_path / "spend.csv"
    spend.write_text("month,channel,amount,note\n2026-01,marketing,900,Ads\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", shop, "import", "spend", str(spend), "--dry-run")
    assert (code, out.splitlines()) == (
        0,
        ["Would add 1 spend row: 2026-01 marketing", "Dry run: nothing was written"],
    )
    assert run(capsys, "--db", shop, "export", "spend", "--out", str(tmp_path / "out.csv"))[0] == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig") == "month,channel,amount,note\n"
    assert (
        run(capsys, "--db", shop, "import", "spend", str(spend))[1]
        == "Added 1 spend row: 2026-01 marketing\n"
    )
    revenue = tmp_path / "revenue.csv"
    revenue.write_text("month,kind,amount,direct_cost\n2026-01,hardware,500,400\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", shop, "import", "revenue", str(revenue))
    assert (code, out, err) == (0, "Added 1 revenue row: 2026-01-01 hardware\n", "")
    data = json.loads(run(capsys, "--db", shop, "kpi", "--json", "--month", "2026-01")[1])
    assert data["recurring_share"] == 0.0  # $500 one-off, no recurring revenue yet
    code, _, err = run(capsys, "--db", shop, "import", "spend", str(tmp_path / "missing.csv"))
    assert code != 0 and "missing.csv" in err
