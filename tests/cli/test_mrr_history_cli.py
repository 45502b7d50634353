"""`import mrr-history` then `kpi --json`: the CSV's MRR comes back for every month; bad files change nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from msp_desk.__main__ import main

HISTORY = """client,month,mrr
Acme Dental,2025-01,1000.00
Acme Dental,2025-02,1000.00
Zoë Müller Design,2025-02,800.00
Acme Dental,2025-03,1500.00
Zoë Müller Design,2025-03,0
Acme Dental,2025-04,1200
Zoë Müller Design,2025-04,900
"""
# month -> (mrr, new, expansion, contraction, churn, reactivation), worked by hand
EXPECTED = {
    "2025-01": (100_000, None, None, None, None, None),
    "2025-02": (180_000, 80_000, 0, 0, 0, 0),
    "2025-03": (150_000, 0, 50_000, 0, 80_000, 0),
    "2025-04": (210_000, 0, 0, 30_000, 0, 90_000),
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_round_trips_through_kpi_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "history.csv"
    csv_file.write_text(HISTORY, encoding="utf-8")
    db = str(tmp_path / "new.sqlite3")
    assert run(capsys, "--db", db, "init")[0] == 0
    code, out, err = run(capsys, "--db", db, "import", "mrr-history", str(csv_file))
    assert (code, err) == (0, "")
    assert "2 clients" in out
    for month, (mrr, new, expansion, contraction, churn, reactivation) in EXPECTED.items():
        code, out, _ = run(capsys, "--db", db, "kpi", "--json", "--month", month)
        data = json.loads(out)
        assert code == 0
        assert data["month"] == month
        assert (
            data["mrr"],
            data["new"],
            data["expansion"],
            data["contraction"],
            data["churn"],
            data["reactivation"],
        ) == (mrr, new, expansion, contraction, churn, reactivation)
        assert data["arr"] == 12 * mrr
        assert data["nrr_12m"] is None  # under 12 months of history
        assert data["mttr_hours"] is None and data["sla_compliance"] is None and data["fcr"] is None
        assert data["gross_margin"] is None  # imported MRR carries no costs
    march = json.loads(run(capsys, "--db", db, "kpi", "--json", "--month", "2025-03")[1])
    assert march["net_mrr_churn_rate"] == pytest.approx((80_000 - 50_000) / 180_000)
    assert march["gross_mrr_churn_rate"] == pytest.approx(80_000 / 180_000)
    assert march["logo_churn_rate"] == pytest.approx(0.5)
    first = json.loads(run(capsys, "--db", db, "kpi", "--json", "--month", "2025-01")[1])
    assert first["net_mrr_churn_rate"] is None and first["logo_churn_rate"] is None


def test_env_variable_selects_the_file(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "history.csv"
    csv_file.write_text(HISTORY, encoding="utf-8")
    monkeypatch.setenv("MSP_DESK_DB", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "init")[0] == 0
    assert run(capsys, "import", "mrr-history", str(csv_file))[0] == 0
    assert (tmp_path / "env.sqlite3").exists()
    assert json.loads(run(capsys, "kpi", "--json", "--month", "2025-04")[1])["mrr"] == 210_000


BAD_FILES = {
    "bad money": (b"client,month,mrr\nAcme,2025-01,12x.00\n", "row 2, column mrr:"),
    "bad month": (b"client,month,mrr\nAcme,2025-01,10.00\nAcme,2025-13,10.00\n", "row 3, column month:"),
    "duplicate client-month": (
        b"client,month,mrr\nAcme,2025-01,10.00\nacme,2025-01,12.00\n",
        "row 3, column month: acme already has",
    ),
    "empty name": (b"client,month,mrr\n ,2025-01,10.00\n", "row 2, column client: the client name is empty"),
    "name too long": (
        ("client,month,mrr\nAcme,2025-01,10.00\n" + "X" * 201 + ",2025-01,1.00\n").encode(),
        "row 3, column client: is longer than 200 characters",
    ),
    "wrong header": (
        b"customer,month,amount\nAcme,2025-01,10.00\n",
        "row 1, column header: expected client,month,mrr",
    ),
    "not utf-8": (  # UTF-8 (the \xc3\xab) with a stray Windows-1252 byte: broken, not cp1252
        b"client,month,mrr\nZo\xc3\xab,2025-01,10.00\nCaf\xe9 Lyon,2025-01,10.00\n",
        "row 3, column client: not UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_malformed_csv_exits_1_and_leaves_the_file_unchanged(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HISTORY, encoding="utf-8")
    db = tmp_path / "shop.sqlite3"
    assert run(capsys, "--db", str(db), "init")[0] == 0
    assert run(capsys, "--db", str(db), "import", "mrr-history", str(good))[0] == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "bad.csv"
    content, message = BAD_FILES[case]
    bad.write_bytes(content)
    code, out, err = run(capsys, "--db", str(db), "import", "mrr-history", str(bad))
    assert code == 1
    assert message in err
    assert "nothing was changed" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_an_import_into_a_missing_shop_creates_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.csv"
    good.write_text(HISTORY, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "new.sqlite3"), "import", "mrr-history", str(good))
    assert code == 1 and "There is no shop at" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.csv"]


def test_history_clashing_with_existing_lines_is_refused_whole(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.csv"
    good.write_text(HISTORY, encoding="utf-8")
    db = tmp_path / "shop.sqlite3"
    run(capsys, "--db", str(db), "init")
    run(capsys, "--db", str(db), "import", "mrr-history", str(good))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    again = tmp_path / "again.csv"
    again.write_text("client,month,mrr\nNew Co,2025-01,5.00\nACME DENTAL,2025-04,9.00\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "import", "mrr-history", str(again))
    assert code == 1 and "row 3, column client: Acme Dental already has contract lines" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert (
        json.loads(run(capsys, "--db", str(db), "kpi", "--json", "--month", "2025-01")[1])["mrr"] == 100_000
    )


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed `msp-desk` command: 0 ok, 1 user error on stderr, 2 usage."""
    exe = Path(sys.executable).with_name("msp-desk")
    env = {**os.environ, "MSP_DESK_DB": str(tmp_path / "cli.sqlite3")}
    no_shop = subprocess.run([exe, "kpi", "--json"], capture_output=True, text=True, env=env)
    assert no_shop.returncode == 1 and "There is no shop at" in no_shop.stderr
    assert subprocess.run([exe, "init"], capture_output=True, env=env).returncode == 0
    ok = subprocess.run([exe, "kpi", "--json"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and json.loads(ok.stdout)["mrr"] == 0
    missing = subprocess.run(
        [exe, "import", "mrr-history", str(tmp_path / "nope.csv")], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    usage = subprocess.run([exe, "kpi", "--month", "March"], capture_output=True, text=True, env=env)
    assert usage.returncode == 2 and "not a month like 2026-03" in usage.stderr
