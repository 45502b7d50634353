"""Every table of the demo MSP exported as CSV and as XLSX: one row per record, the header the
import's field names, and values checked by hand against the demo's ledger."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from msp_desk.demo.shops import build_demo
from msp_desk.io.columns import EXPORT_KINDS, field_names
from msp_desk.io.csv_reader import read_rows
from msp_desk.services.exports.tables import export_table
from msp_desk.store.database import Database, open_database

TODAY = dt.date(2026, 11, 23)
TABLES = {  # kind: the rows it exports
    "clients": "SELECT count(*) FROM client",
    "contacts": "SELECT count(*) FROM contact",
    "tickets": "SELECT count(*) FROM ticket",
    "contract-lines": "SELECT count(*) FROM contract_line",
    "referrals": "SELECT count(*) FROM referral",
    "rewards": "SELECT count(*) FROM reward",
    "ladder": "SELECT (SELECT count(*) FROM tier) + (SELECT count(*) FROM addon) + (SELECT count(*) FROM price_change)",
    "spend": "SELECT count(*) FROM marketing_spend",
    "revenue": "SELECT count(*) FROM project_revenue",
}


@pytest.fixture(scope="module")
def msp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("msp") / "msp.sqlite3")
    build_demo(db, "msp", TODAY)
    yield db
    db.close()


@pytest.fixture(scope="module")
def exported(msp: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each kind exported once in each format."""
    folder = tmp_path_factory.mktemp("exports")
    files = {}
    for kind in EXPORT_KINDS:
        for fmt in ("csv", "xlsx"):
            out = folder / f"{kind}.{fmt}"
            with msp.read() as conn:
                expected = conn.execute(sa.text(TABLES[kind])).scalar_one()
            assert export_table(msp, kind, out, TODAY) == expected > 0
            files[kind, fmt] = out
    return files


def csv_records(path: Path, kind: str) -> list[dict[str, str]]:
    return [values for _, values in read_rows(path.read_bytes(), field_names(kind))]


def xlsx_records(path: Path, kind: str) -> list[dict[str, object]]:
    ws = load_workbook(path)[kind]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == field_names(kind)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_every_kind_has_one_row_per_record_and_the_field_names_as_header(
    msp: Database, exported: dict[tuple[str, str], Path], kind: str
) -> None:
    with msp.read() as conn:
        count = conn.execute(sa.text(TABLES[kind])).scalar_one()
    header = next(csv.reader(io.StringIO(exported[kind, "csv"].read_text("utf-8-sig"))))
    assert tuple(header) == field_names(kind)
    assert len(csv_records(exported[kind, "csv"], kind)) == count
    assert len(xlsx_records(exported[kind, "xlsx"], kind)) == count


def by(records: list[dict], field: str, value: object) -> dict:
    (found,) = [r for r in records if r[field] == value]
    return found


def test_a_client_in_both_formats(exported: dict[tuple[str, str], Path]) -> None:
    """Apex: Starter, 13 seats, 1,625.00 a month with its add-ons, acquired for 741.25."""
    row = by(csv_records(exported["clients", "csv"], "clients"), "name", "Apex Mechanical Contractors")
    assert (row["status"], row["tier"], row["seats"], row["mrr"]) == ("active", "Starter", "13", "1625.00")
    assert (row["start_date"], row["renewal_date"], row["acquisition_cost"]) == (
        "2023-12-01",
        "2026-12-01",
        "741.25",
    )
    cell = by(xlsx_records(exported["clients", "xlsx"], "clients"), "name", "Apex Mechanical Contractors")
    assert (cell["tier"], cell["seats"], cell["mrr"], cell["acquisition_cost"]) == (
        "Starter",
        13,
        1625,
        741.25,
    )
    assert cell["start_date"] == dt.datetime(2023, 12, 1)


def test_a_ticket_in_both_formats(exported: dict[tuple[str, str], Path]) -> None:
    row = by(csv_records(exported["tickets", "csv"], "tickets"), "external_id", "T-10002")
    assert row == {
        "external_id": "T-10002",
        "client": "Summit Ridge Realty",
        "subject": "Install Adobe Acrobat",
        "priority": "P4",
        "opened_at": "2023-11-03 09:41:00",
        "first_response_at": "2023-11-03 15:54:00",
        "resolved_at": "2023-11-03 16:31:00",
        "fcr": "yes",
        "sla_met": "",
        "response_target_min": "480",
        "resolution_target_min": "5760",
        "source": "email",
    }
    cell = by(xlsx_records(exported["tickets", "xlsx"], "tickets"), "external_id", "T-10002")
    assert (cell["opened_at"], cell["fcr"], cell["sla_met"]) == (dt.datetime(2023, 11, 3, 9, 41), "yes", None)


def test_rewards_revenue_spend_and_ladder_values(exported: dict[tuple[str, str], Path]) -> None:
    reward = csv_records(exported["rewards", "csv"], "rewards")[0]
    assert (reward["referrer_type"], reward["referrer"], reward["referral"], reward["amount"]) == (
        "partner",
        "Aiko Tanaka",
        "Thornbury Legal",
        "500.00",
    )
    revenue = csv_records(exported["revenue", "csv"], "revenue")[0]
    assert revenue == {
        "date": "2023-11-14",
        "client": "Novak Precision Tooling",
        "kind": "project",
        "description": "Firewall replacement",
        "amount": "3689.26",
        "direct_cost": "1969.43",
    }
    cell = xlsx_records(exported["revenue", "xlsx"], "revenue")[0]
    assert [round(Decimal(str(cell[k])) * 100) for k in ("amount", "direct_cost")] == [368926, 196943]
    spend = csv_records(exported["spend", "csv"], "spend")[0]
    assert (spend["month"], spend["channel"], spend["amount"]) == ("2023-11", "marketing", "2800.00")
    starter = csv_records(exported["ladder", "csv"], "ladder")[0]
    assert (starter["type"], starter["name"], starter["rank"], starter["price"], starter["cost"]) == (
        "tier",
        "Starter",
        "1",
        "95.00",
        "52.00",
    )
    assert (starter["p1_first_response_min"], starter["p1_resolution_min"], starter["p4_resolution_min"]) == (
        "60",
        "480",
        "7200",
    )
    assert starter["inclusions"].splitlines()[0] == "24x7 remote monitoring and alerting"  # lines kept
    kinds = [r["type"] for r in csv_records(exported["ladder", "csv"], "ladder")]
    assert kinds == ["tier"] * 4 + ["addon"] * (len(kinds) - 4)


def test_contract_lines_and_referrals_name_what_their_ids_stand_for(
    exported: dict[tuple[str, str], Path],
) -> None:
    lines = [
        r
        for r in csv_records(exported["contract-lines", "csv"], "contract-lines")
        if r["client"] == "Apex Mechanical Contractors"
    ]
    assert (lines[0]["kind"], lines[0]["item"], lines[0]["quantity"], lines[0]["unit_price"]) == (
        "tier",
        "Starter",
        "10",
        "95.00",
    )
    assert (lines[0]["start_date"], lines[0]["end_date"], lines[0]["change"]) == (
        "2023-12-01",
        "2024-12-31",
        "start",
    )
    referral = by(
        csv_records(exported["referrals", "csv"], "referrals"), "company", "Crofton Medical Billing"
    )
    assert (referral["referrer_type"], referral["referrer"], referral["stage"], referral["client"]) == (
        "partner",
        "Dana Whitfield",
        "won",
        "Crofton Medical Billing",
    )
    assert (referral["expected_mrr"], referral["no_reward"]) == ("810.00", "yes")
