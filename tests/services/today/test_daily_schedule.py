"""The day's scheduling the app runs at start-up and ``msp-desk today`` before it prints: each
active client's next check-in call and next QBR, once, so a new shop's Today fills as its
clients start."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.services.accounts import ledger
from msp_desk.services.today.schedule import daily_schedule
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 14)


def open_tasks(db: Database) -> list[tuple[str, str]]:
    with db.read() as conn:
        found = conn.execute(sa.text("SELECT kind, due_on FROM task WHERE done = 0 ORDER BY kind"))
        return [(kind, str(due)) for kind, due in found]


def test_the_days_schedule_gives_an_active_client_its_next_call_and_qbr_once(db: Database) -> None:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 2, 1))
    make_client(db, "Prospect Co")  # not active: nothing scheduled
    first = daily_schedule(db, TODAY)
    tasks = open_tasks(db)
    assert [kind for kind, _due in tasks] == ["check_in", "qbr"]
    assert ("qbr", "2026-05-02") in tasks  # 1 February + Core's 90 days
    assert all(changes.clients == {client} or not changes.clients for changes in first)
    daily_schedule(db, TODAY)  # the next start the same day: nothing twice
    assert open_tasks(db) == tasks
