"""`msp-desk import clients|contacts|tickets`: summaries on stdout, every problem on stderr with
"nothing was changed", dry runs that leave the file as it was, and KPIs from imported tickets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from tests.io.workbooks import with_parts, workbook

SAMPLES = Path(__file__).parents[1] / "io" / "samples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "shop.sqlite3")
    assert run(capsys, "--db", path, "init")[0] == 0
    return path


def test_a_servicenow_event_log_gives_hand_worked_mttr_sla_and_fcr(
    shop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            capsys,
            "--db",
            shop,
            "import",
            "clients",
            str(SAMPLES / "itflow_clients.csv"),
            "--preset",
            "itflow",
        )[0]
        == 0
    )
    log = str(SAMPLES / "servicenow_incident_log.csv")
    code, out, err = run(
        capsys, "--db", shop, "import", "tickets", log, "--preset", "servicenow", "--client", "Ōsaka Dental"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Read 7 rows: 3 tickets (each one's last state)",
        "Added 3 tickets: INC0000047, INC0000045, INC0000050",
    ]
    # February 2016: INC0000047, P1, opened 29/2 04:40, resolved 08:40 = 4 h, made_sla false
    feb = json.loads(run(capsys, "--db", shop, "kpi", "--json", "--month", "2016-02")[1])
    assert (feb["mttr_hours"]["P1"], feb["mttr_hours"]["all"], feb["sla_compliance"], feb["fcr"]) == (
        4.0,
        4.0,
        0.0,
        None,
    )
    # March 2016: INC0000045, P3, opened 29/2 01:16, resolved 1/3 09:52 = 32 h 36 min = 32.6 h, made
    mar = json.loads(run(capsys, "--db", shop, "kpi", "--json", "--month", "2016-03")[1])
    assert (mar["mttr_hours"]["P3"], mar["mttr_hours"]["all"], mar["sla_compliance"], mar["fcr"]) == (
        32.6,
        32.6,
        1.0,
        None,
    )


def test_fcr_comes_from_the_file_when_it_carries_it(
    shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", shop, "import", "clients", str(SAMPLES / "itflow_clients.csv"), "--preset", "itflow")
    own = tmp_path / "tickets.csv"
    own.write_text(
        "external_id,client,subject,opened_at,resolved_at,priority,fcr,sla_met\n"
        "A-1,Acme Law,Reset password,2025-03-04 09:00,2025-03-04 09:30,P4,yes,true\n"
        "A-2,Acme Law,New laptop,2025-03-05 09:00,2025-03-06 10:30,P3,no,false\n"
        "A-3,Ōsaka Dental,VPN,2025-03-10 08:00,2025-03-10 09:00,P2,,true\n",
        encoding="utf-8",
    )
    assert run(capsys, "--db", shop, "import", "tickets", str(own))[0] == 0
    data = json.loads(run(capsys, "--db", shop, "kpi", "--json", "--month", "2025-03")[1])
    # MTTR: 0.5 h (P4), 25.5 h (P3), 1 h (P2); all = 27 / 3 = 9 h. SLA 2 of 3; FCR 1 of the 2 known
    assert data["mttr_hours"] == {"P1": None, "P2": 1.0, "P3": 25.5, "P4": 0.5, "all": 9.0}
    assert (data["sla_compliance"], data["fcr"]) == (pytest.approx(2 / 3), 0.5)


def test_problems_go_to_stderr_and_nothing_is_changed(
    shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,seats,start_date\nAcme Law,twelve,2025-01-01\nÅsa AB,3,4/3/2025\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", shop, "import", "clients", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: row 2, column seats: “twelve” is not a whole number like 1,200",
        "error: row 3, column start_date: '4/3/2025' could be 4 March 2025 or 3 April 2025; say which "
        "with --dates dmy (day first) or --dates mdy (month first)",
        "2 errors; nothing was changed",
    ]
    assert (
        run(capsys, "--db", shop, "import", "clients", str(bad), "--dates", "dmy", "--map", "seats=name")[0]
        == 1
    )
    code, out, _ = run(
        capsys,
        "--db",
        shop,
        "import",
        "clients",
        str(SAMPLES / "itflow_clients.csv"),
        "--preset",
        "itflow",
        "--dry-run",
    )
    assert out.splitlines()[0] == "Would add 2 clients: Ōsaka Dental, Acme Law"  # nothing came in before


def test_a_dry_run_leaves_the_file_byte_identical(shop: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(
        capsys,
        "--db",
        shop,
        "import",
        "clients",
        str(SAMPLES / "autotask_organizations_semicolon.csv"),
        "--preset",
        "autotask",
    )
    before = Path(shop).read_bytes()
    code, out, err = run(
        capsys,
        "--db",
        shop,
        "import",
        "tickets",
        str(SAMPLES / "autotask_tickets.csv"),
        "--preset",
        "autotask",
        "--dry-run",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Would add 2 tickets: T20250505.0001, T20250506.0002",
        "Dry run: nothing was written",
    ]
    assert Path(shop).read_bytes() == before
    assert run(
        capsys,
        "--db",
        shop,
        "import",
        "tickets",
        str(SAMPLES / "autotask_tickets.csv"),
        "--preset",
        "autotask",
    )[1].startswith("Added 2")
    assert (
        run(
            capsys,
            "--db",
            shop,
            "import",
            "tickets",
            str(SAMPLES / "autotask_tickets.csv"),
            "--preset",
            "autotask",
        )[1]
        == "Unchanged: 2 tickets\n"
    )


def test_an_xlsx_sheet_imports_like_its_csv(
    shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    book = tmp_path / "clients.xlsx"
    book.write_bytes(
        workbook(
            {
                "Read me": [("This workbook holds the client list",)],
                "Clients": [
                    ("name", "industry", "seats", "start_date"),
                    ("Ōsaka Dental", "Healthcare", 12, dt.datetime(2024, 4, 1)),
                    ("Zoë Müller Design", "Design", 3.0, dt.datetime(2025, 1, 15)),
                ],
            }
        )
    )
    code, out, err = run(capsys, "--db", shop, "import", "clients", str(book), "--sheet", "Clients")
    assert (code, err, out) == (0, "", "Added 2 clients: Ōsaka Dental, Zoë Müller Design\n")
    assert (
        run(capsys, "--db", shop, "import", "clients", str(book), "--sheet", "Clients")[1]
        == "Unchanged: 2 clients\n"
    )


def test_a_hostile_workbook_is_refused(shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    macro = tmp_path / "clients.xlsx"
    macro.write_bytes(
        with_parts(workbook({"Clients": [("name",), ("Acme",)]}), {"xl/vbaProject.bin": b"VBA"})
    )
    code, out, err = run(capsys, "--db", shop, "import", "clients", str(macro))
    assert (code, out) == (1, "")
    assert err == (
        "error: row 1: this workbook cannot be imported: it contains macros; save it as a plain .xlsx "
        "workbook; nothing was changed\n"
    )


def test_a_missing_column_says_how_to_map_it(shop: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--db", shop, "import", "clients", str(SAMPLES / "halopsa_tickets.csv"), "--preset", "halopsa"
    )
    assert code == 1
    assert err == (
        "error: row 1: the HaloPSA preset does not read clients; map one with --map name=COLUMN; "
        "nothing was changed\n"
    )
    code, out, _ = run(
        capsys,
        "--db",
        shop,
        "import",
        "clients",
        str(SAMPLES / "halopsa_tickets.csv"),
        "--preset",
        "halopsa",
        "--map",
        "name=client_name",
    )
    assert (code, out) == (
        0,
        "Read 2 rows: 1 client (rows of one client taken as one)\nAdded 1 client: Ōsaka Dental\n",
    )


def test_an_mrr_history_dry_run_writes_nothing(
    shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "history.csv"
    history.write_text(
        "client,month,mrr\nŌsaka Dental,2025-01,1000.00\nŌsaka Dental,2025-02,1200.00\n", encoding="utf-8"
    )
    before = Path(shop).read_bytes()
    code, out, err = run(capsys, "--db", shop, "import", "mrr-history", str(history), "--dry-run")
    assert (code, err) == (0, "")
    assert out == "Would import 2 rows: 1 clients, 2 contract lines; dry run: nothing was written\n"
    assert Path(shop).read_bytes() == before
    assert (
        run(capsys, "--db", shop, "import", "mrr-history", str(history))[1]
        == "Imported 2 rows: 1 clients, 2 contract lines\n"
    )
