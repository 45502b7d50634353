"""`check`, `backup` and `export clients` from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from factories import make_client, make_ladder

from msp_desk.__main__ import main
from msp_desk.services.accounts import ledger
from msp_desk.store.database import open_database


@pytest.fixture
def shop_file(db_path: Path) -> Path:
    db = open_database(db_path)
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental", industry="dental", channel="referral")
    ledger.start_client(db, client, ids["Growth"], 8, dt.date(2026, 1, 1), [ids["Backup"]])
    db.close()
    return db_path


def test_check_reports_a_healthy_file(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(shop_file), "check"]) == 0
    assert "is healthy" in capsys.readouterr().out


def test_check_finds_a_won_referral_without_reward(
    shop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(shop_file)
    con.execute(
        "INSERT INTO referral (company, contact_name, contact_email, contact_phone, industry, pain,"
        " received_on, stage, lost_reason, expected_mrr_cents, no_reward, no_reward_reason,"
        " created_at, updated_at) VALUES ('Lee & Co', '', '', '', '', '', '2026-01-05', 'won', '', 0,"
        " 0, '', '2026-01-05', '2026-01-05')"
    )
    con.commit()
    con.close()
    assert main(["--db", str(shop_file), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "problem: referral 1 (Lee & Co): was won but has no reward row and no explicit 'no reward'\n" in err
    )
    assert "1 problem(s)" in err


def test_check_finds_figures_written_around_the_app_and_repair_recomputes_them(
    shop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw UPDATE (another tool, a bad script) changes a line's price but not its stored MRR:
    check says so, and --repair recomputes it, so the KPIs follow the ledger again."""
    con = sqlite3.connect(shop_file)
    con.execute("UPDATE contract_line SET unit_price_cents = unit_price_cents + 1000 WHERE kind = 'tier'")
    con.commit()
    con.close()
    assert main(["--db", str(shop_file), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "problem: contract_line 1 (Ōsaka Dental): its stored months, MRR and cost differ from its own fields\n"
        in err
    )
    assert "`msp-desk check --repair` recomputes what can be recomputed" in err
    assert main(["--db", str(shop_file), "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert out == f"Recomputed the figures of 1 row\nOK: {shop_file} is healthy\n"
    con = sqlite3.connect(shop_file)
    (mrr,) = con.execute("SELECT mrr_cents FROM contract_line WHERE kind = 'tier'").fetchone()
    con.close()
    assert mrr == 8 * (17_500 + 1000)  # 8 Growth seats at the new price


def write_around_the_app(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


BAD_VALUES = (
    "UPDATE contract_line SET unit_price_cents = -500 WHERE kind = 'tier'",
    "UPDATE contract_line SET start_date = 'not-a-date' WHERE kind = 'addon'",
    "UPDATE client SET status = 'bogus'",
)


def test_check_lists_values_written_around_the_app_instead_of_failing(
    shop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_around_the_app(shop_file, *BAD_VALUES)
    assert main(["--db", str(shop_file), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "problem: contract_line 2 (Ōsaka Dental): start_date 'not-a-date' is not a date (YYYY-MM-DD from 1900 on)",
        "problem: client 1 (Ōsaka Dental): status 'bogus' is not one of prospect, onboarding, active, paused, churned",
        "problem: contract_line 1 (Ōsaka Dental): unit_price_cents -500 is negative",
        "problem: contract_line 1 (Ōsaka Dental): its stored months, MRR and cost differ from its own fields",
        "problem: contract_line 2 (Ōsaka Dental): its stored months, MRR and cost differ from its own fields",
        "`msp-desk check --repair` recomputes what can be recomputed",
        f"5 problem(s) found in {shop_file}",
    ]


def test_repair_says_what_it_could_not_fix_and_check_passes_once_it_is_fixed(
    shop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_around_the_app(shop_file, *BAD_VALUES)
    assert main(["--db", str(shop_file), "check", "--repair"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "Recomputed the figures of 2 rows\n"
    fix = "fix it in the app (Clients → Ōsaka Dental) or restore a backup"
    assert captured.err.splitlines() == [
        f"not repaired: contract_line 2 (Ōsaka Dental): start_date 'not-a-date' is not a date (YYYY-MM-DD from 1900 on); {fix}",
        f"not repaired: client 1 (Ōsaka Dental): status 'bogus' is not one of prospect, onboarding, active, paused, churned; {fix}",
        f"not repaired: contract_line 1 (Ōsaka Dental): unit_price_cents -500 is negative; {fix}",
        f"3 problem(s) found in {shop_file}",
    ]
    write_around_the_app(
        shop_file,
        "UPDATE contract_line SET unit_price_cents = 17500 WHERE kind = 'tier'",
        "UPDATE contract_line SET start_date = '2026-01-01' WHERE kind = 'addon'",
        "UPDATE client SET status = 'active'",
    )
    assert main(["--db", str(shop_file), "check", "--repair"]) == 0  # the figures follow the fix
    assert capsys.readouterr().out == f"Recomputed the figures of 2 rows\nOK: {shop_file} is healthy\n"
    assert main(["--db", str(shop_file), "check"]) == 0


def test_backup_writes_a_readable_copy(
    shop_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.sqlite3"
    assert main(["--db", str(shop_file), "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    con = sqlite3.connect(out)
    assert con.execute("SELECT name FROM client").fetchall() == [("Ōsaka Dental",)]
    con.close()
    assert main(["--db", str(shop_file), "backup", "--out", str(out)]) == 1  # never overwrite
    assert "already exists" in capsys.readouterr().err


def test_backup_default_goes_beside_the_database(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(shop_file), "backup"]) == 0
    copies = list((shop_file.parent / "backups").glob("shop-*.sqlite3"))
    assert len(copies) == 1


def test_export_clients_writes_money_as_decimals(shop_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "clients.csv"
    assert (
        main(["--db", str(shop_file), "--today", "2026-03-15", "export", "clients", "--out", str(out)]) == 0
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows == [
        {
            "name": "Ōsaka Dental",
            "status": "active",
            "tier": "Growth",
            "seats": "8",
            "mrr": "1520.00",
            "industry": "dental",
            "channel": "referral",
            "start_date": "2026-01-01",
            "renewal_date": "",
            "term_months": "",
            "employees": "",
            "locations": "1",
            "servers": "0",
            "referred_by": "",
            "acquisition_cost": "",
            "satisfaction": "",
            "churned_on": "",
            "churn_reason": "",
            "notes": "",
            "tags": "",
        }
    ]


def test_refused_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    assert main(["--db", str(notes), "kpi"]) == 1
    assert "not an MSP Desk database" in capsys.readouterr().err
    assert notes.read_text() == "not a database"
