"""What any export writes on the owner's own shop: names in any script and formula-looking names
come back as they were (text in XLSX, neutralised in CSV), money to the cent, tags and referrers
by name; the XLSX file is private and never left half-written."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from openpyxl import load_workbook

from msp_desk.__main__ import main
from msp_desk.domain.contracts import MarketingSpend, ProjectRevenue
from msp_desk.errors import StorageProblem, ValidationError
from msp_desk.io.columns import field_names
from msp_desk.io.csv_reader import read_rows
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.editing import add_contact, set_tags
from msp_desk.services.exports.tables import export_table
from msp_desk.services.ladder.prices import change_list_price
from msp_desk.services.referrals.pipeline import add_referral
from msp_desk.store.database import Database

DAY = dt.date(2026, 3, 15)
NAMES = ["Zoë Müller", "Ōsaka Dental", '=HYPERLINK("http://evil","x")', "+1 Plumbing", "@risk", "#N/A"]
AMOUNTS = [1, 99, 100, 123_456_789, 5, 1_000_000_01]  # cents


@pytest.fixture
def shop(db: Database) -> Database:
    ids = make_ladder(db)
    for name in NAMES:
        client = make_client(db, name, industry="dental", channel="referral")
        ledger.start_client(db, client, ids["Core"], 7, dt.date(2026, 1, 1), [ids["Backup"]])
        add_contact(db, client, name, role="Owner", decision_maker=True)
    with db.unit_of_work() as session:
        for n, cents in enumerate(AMOUNTS):
            session.add(MarketingSpend(month=f"2026-0{n + 1}", channel="marketing", amount_cents=cents))
            session.add(
                ProjectRevenue(day=dt.date(2026, 1, n + 1), amount_cents=cents, cost_cents=cents // 2)
            )
    return db


def csv_column(path: Path, kind: str, field: str) -> list[str]:
    return [values[field] for _, values in read_rows(path.read_bytes(), field_names(kind))]


def xlsx_cells(path: Path, kind: str, field: str) -> list:
    ws = load_workbook(path)[kind]
    at = field_names(kind).index(field)
    return [row[at] for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("kind", ["clients", "contacts"])
def test_names_come_back_as_they_were(shop: Database, tmp_path: Path, kind: str) -> None:
    csv_out, xlsx_out = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert export_table(shop, kind, csv_out, DAY) == export_table(shop, kind, xlsx_out, DAY) == len(NAMES)
    assert sorted(csv_column(csv_out, kind, "name")) == sorted(NAMES)
    cells = xlsx_cells(xlsx_out, kind, "name")
    assert sorted(c.value for c in cells) == sorted(NAMES)
    assert {c.data_type for c in cells} == {"s"}  # never a formula, never an error value
    raw = csv_out.read_text("utf-8-sig")
    assert "\n=HYPERLINK" not in raw and "\n+1" not in raw and "\n@risk" not in raw  # neutralised
    assert "\"'=HYPERLINK" in raw and "\n'+1 Plumbing," in raw


def test_money_round_trips_to_the_cent(shop: Database, tmp_path: Path) -> None:
    for kind, fields in (("spend", ("amount",)), ("revenue", ("amount", "direct_cost"))):
        export_table(shop, kind, tmp_path / f"{kind}.csv", DAY)
        export_table(shop, kind, tmp_path / f"{kind}.xlsx", DAY)
        for field in fields:
            expected = AMOUNTS if field == "amount" else [c // 2 for c in AMOUNTS]
            texts = csv_column(tmp_path / f"{kind}.csv", kind, field)
            assert [round(Decimal(t) * 100) for t in texts] == expected
            assert texts[3] == ("1234567.89" if field == "amount" else "617283.94")
            cells = xlsx_cells(tmp_path / f"{kind}.xlsx", kind, field)
            assert [round(Decimal(str(c.value)) * 100) for c in cells] == expected
            assert {c.number_format for c in cells} == {"#,##0.00"}


def test_clients_carry_tags_referrer_and_mrr(shop: Database, tmp_path: Path) -> None:
    referrer = make_client(shop, "Lee & Co")
    add_referral(shop, "Newco", dt.date(2026, 2, 1), referrer_client_id=referrer)
    newco = make_client(shop, "Newco", referred_by_referral_id=1, acquisition_cost_cents=25_050)  # the first
    set_tags(shop, newco, ["vip", "north"])
    out = tmp_path / "clients.csv"
    export_table(shop, "clients", out, DAY)
    rows = {values["name"]: values for _, values in read_rows(out.read_bytes(), field_names("clients"))}
    assert (rows["Newco"]["referred_by"], rows["Newco"]["tags"], rows["Newco"]["acquisition_cost"]) == (
        "Lee & Co",
        "north; vip",
        "250.50",
    )
    # Core 135.00 + Backup 15.00 a seat, 7 seats
    assert (rows["Zoë Müller"]["tier"], rows["Zoë Müller"]["mrr"]) == ("Core", "1050.00")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_xlsx_is_private_and_replaced_keeping_its_mode(shop: Database, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.xlsx"
        export_table(shop, "tickets", new, DAY)
        assert mode(new) == 0o600
        shared = tmp_path / "shared.xlsx"
        shared.write_bytes(b"old")
        os.chmod(shared, 0o640)
        export_table(shop, "ladder", shared, DAY)
        assert mode(shared) == 0o640
        assert load_workbook(shared).sheetnames == ["ladder"]
    finally:
        os.umask(old)


def half_then_disk_full(self: Path, data: bytes) -> int:
    with self.open("wb") as fh:
        fh.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_leaves_no_partial_xlsx(
    shop: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "contract-lines.xlsx"
    out.write_bytes(b"the old export")
    monkeypatch.setattr(Path, "write_bytes", half_then_disk_full)
    with pytest.raises(StorageProblem, match="the disk is full"):
        export_table(shop, "contract-lines", out, DAY)
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite3" and "shop" not in p.name] == [
        "contract-lines.xlsx"
    ]
    assert out.read_bytes() == b"the old export"


def test_another_suffix_is_refused_before_anything_is_written(shop: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"must end in \.csv or \.xlsx"):
        export_table(shop, "spend", tmp_path / "spend.ods", DAY)
    assert not (tmp_path / "spend.ods").exists()


def test_cli_exports_a_kind_and_refuses_another_suffix(
    shop: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shop.close()
    out = tmp_path / "Spend.XLSX"
    assert main(["--db", str(db_path), "export", "spend", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {len(AMOUNTS)} spend rows to {out}\n"
    assert load_workbook(out).sheetnames == ["spend"]
    assert main(["--db", str(db_path), "export", "revenue", "--out", str(tmp_path / "r.txt")]) == 2
    assert capsys.readouterr().err == (
        "error: --out r.txt must end in .csv or .xlsx (the format is taken from it)\n"
    )
    assert not (tmp_path / "r.txt").exists()


def test_ladder_rows_tiers_addons_and_price_changes(db: Database, tmp_path: Path) -> None:
    ids = make_ladder(db)
    change_list_price(db, "tier", ids["Core"], 14_000, 7_000, dt.date(2026, 4, 1), existing=True)
    change_list_price(db, "addon", ids["Backup"], 1_600, 650, dt.date(2026, 5, 1))
    out = tmp_path / "ladder.csv"
    assert export_table(db, "ladder", out, DAY) == 4 + 3 + 2
    rows = [values for _, values in read_rows(out.read_bytes(), field_names("ladder"))]
    assert [(r["type"], r["name"]) for r in rows] == [
        ("tier", "Starter"),
        ("tier", "Core"),
        ("tier", "Growth"),
        ("tier", "Premium"),
        ("addon", "Backup"),
        ("addon", "Endpoint security"),
        ("addon", "vCIO sessions"),
        ("tier_price", "Core"),
        ("addon_price", "Backup"),
    ]
    core, core_change, backup_change = rows[1], rows[7], rows[8]
    assert (
        core["price"],
        core["p1_first_response_min"],
        core["p1_resolution_min"],
        core["p2_resolution_min"],
    ) == (
        "140.00",
        "30",
        "240",
        "",
    )
    assert (core_change["effective_date"], core_change["price"], core_change["old_price"]) == (
        "2026-04-01",
        "140.00",
        "135.00",
    )
    assert (core_change["existing_clients"], backup_change["existing_clients"]) == ("yes", "no")
    assert (backup_change["cost"], backup_change["old_cost"], backup_change["rank"]) == ("6.50", "6.00", "")
