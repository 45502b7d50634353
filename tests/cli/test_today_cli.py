"""``msp-desk today [--json]``: the agenda Today shows, on the demo shop and on a shop of one's own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.__main__ import main
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.editing import create_client
from msp_desk.services.today.items import GROUPS
from msp_desk.store.database import open_database

EVERY_KIND = [kind for kind, _heading in GROUPS]


@pytest.mark.parametrize("today", ["2026-11-23", "2027-03-10"])  # the demo is built around its day
def test_the_demo_s_agenda_lists_items_of_every_kind(
    today: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--demo", "--today", today, "today", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert all(set(item) == {"kind", "due", "client", "title", "overdue"} for item in items)
    kinds = [item["kind"] for item in items]
    assert sorted(set(kinds), key=EVERY_KIND.index) == EVERY_KIND
    assert kinds == sorted(kinds, key=EVERY_KIND.index)  # grouped, in the agenda's order
    for item in items:
        due = dt.date.fromisoformat(item["due"])
        assert item["overdue"] is (due < dt.date.fromisoformat(today))
    assert any(item["overdue"] for item in items)
    asks = [item for item in items if item["kind"] == "ask"]
    assert all(item["client"] and item["title"].startswith(f"Ask {item['client']}") for item in asks)


def test_today_prints_the_agenda_grouped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shop.sqlite3"
    assert main(["--db", str(path), "init", "--name", "Harbor Point IT"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "--today", "2026-03-02", "today"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Today, Mar 2, 2026 — Harbor Point IT\n")
    assert "Nothing due." in out
    db = open_database(path)
    try:
        create_client(db, "Harbor Dental", status="onboarding", today=dt.date(2026, 2, 20))
        make_client(db, "Kestrel Insurance", status="active", renewal_date=dt.date(2026, 4, 30))
    finally:
        db.close()
    assert main(["--db", str(path), "--today", "2026-03-02", "today"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "",
        "QBRs to prepare or hold (1)",  # scheduled as the app does: no start date to count from, so now
        "     Mar 2, 2026  QBR with Kestrel Insurance",
        "",
        "Renewals in the next 60 days (1)",
        "    Apr 30, 2026  Kestrel Insurance renews",
        "",
        "Onboarding steps (2)",
        "    Feb 22, 2026  Kickoff meeting: goals, contacts and access  OVERDUE",
        "     Mar 6, 2026  Document the network, accounts and vendors",
    ]
    assert main(["--db", str(path), "--today", "2026-03-02", "today", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[1] == {
        "kind": "renewal",
        "due": "2026-04-30",
        "client": "Kestrel Insurance",
        "title": "Kestrel Insurance renews",
        "overdue": False,
    }


def test_today_schedules_an_active_clients_qbr_and_check_in_as_the_app_does(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = db_path
    db = open_database(path)
    try:
        ids = make_ladder(db)
        client = make_client(db, "Łódź Logistics")
        ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 5))
    finally:
        db.close()
    capsys.readouterr()
    assert main(["--db", str(path), "--today", "2026-04-01", "today", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(item["kind"], item["due"], item["client"]) for item in items if item["kind"] == "qbr"] == [
        ("qbr", "2026-04-05", "Łódź Logistics")  # 5 January + Core's 90 days
    ]
    db = open_database(path)  # the check-in call is scheduled too: Core's next beat, beyond this week
    try:
        with db.read() as conn:
            found = conn.execute(sa.text("SELECT due_on FROM task WHERE kind = 'check_in' AND done = 0"))
            assert [str(due) for (due,) in found] == ["2026-05-05"]
    finally:
        db.close()
