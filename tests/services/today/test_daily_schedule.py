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


def test_a_day_found_scheduled_is_skipped_until_a_write_lands(db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 2, 1))
    assert any(changes.tables for changes in daily_schedule(db, TODAY))  # wrote the call and the QBR
    assert not any(changes.tables for changes in daily_schedule(db, TODAY))  # nothing left: marked
    import msp_desk.services.today.schedule as schedule

    def not_again(db: Database, today: dt.date) -> None:
        raise AssertionError("the day was scheduled already")

    monkeypatch.setattr(schedule, "schedule_qbrs", not_again)
    monkeypatch.setattr(schedule, "schedule_check_ins", not_again)
    assert daily_schedule(db, TODAY) == []  # the same day, no write since: skipped
    other = make_client(db, "Harbor Dental")  # a write forgets the mark
    ledger.start_client(db, other, ids["Core"], 5, dt.date(2026, 3, 1))
    monkeypatch.undo()
    daily_schedule(db, TODAY)
    assert ("check_in", "Harbor Dental") in {(kind, name) for kind, name in client_tasks(db)}
    assert not any(changes.tables for changes in daily_schedule(db, TODAY + dt.timedelta(days=1)))


def client_tasks(db: Database) -> list[tuple[str, str]]:
    with db.read() as conn:
        found = conn.execute(
            sa.text("SELECT t.kind, c.name FROM task t JOIN client c ON c.id = t.client_id WHERE t.done = 0")
        )
        return [(kind, name) for kind, name in found]
