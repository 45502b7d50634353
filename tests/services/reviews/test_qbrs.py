"""QBRs: scheduled as one open task per active client, recorded in one unit of work, prepared
from the data with the KPI engine's own figures."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.reviews import RoadmapItem
from msp_desk.errors import ValidationErrors
from msp_desk.kpi.service_desk import (
    fcr_rate,
    fcr_rate_from_stats,
    mttr_hours_by_priority,
    mttr_hours_from_stats,
    sla_compliance,
    sla_compliance_from_stats,
    summarize_tickets,
)
from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.signals import account_signals
from msp_desk.services.kpis.facts import load_tickets
from msp_desk.services.reviews.preparation import prepare_qbr
from msp_desk.services.reviews.qbrs import QbrRecord, client_qbrs, record_qbr, schedule_qbrs
from msp_desk.services.tickets.editing import add_ticket, resolve_ticket
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 14)
START = dt.date(2025, 11, 30)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


@pytest.fixture
def client(db: Database) -> int:
    ids = make_ladder(db)
    cid = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, cid, ids["Core"], 10, START)
    make_client(db, "Prospect Co")  # not active: no QBR scheduled
    return cid


def test_scheduling_keeps_one_open_task_due_90_days_after_the_start(db: Database, client: int) -> None:
    schedule_qbrs(db, TODAY)
    assert rows(db, "SELECT client_id, kind, due_on, done FROM task") == [(client, "qbr", "2026-02-28", 0)]
    again = schedule_qbrs(db, TODAY)  # nothing to move: nothing written
    assert "0 tasks" in again.message
    assert rows(db, "SELECT count(*) FROM task") == [(1,)]


def test_recording_closes_the_task_opens_the_next_and_feeds_readiness(db: Database, client: int) -> None:
    schedule_qbrs(db, TODAY)
    before = account_signals(db, TODAY)[client].readiness
    assert [f.met for f in before.factors if f.code == "qbr"] == [None]
    changes = record_qbr(
        db,
        client,
        QbrRecord(
            day=dt.date(2026, 3, 2),
            outcome="positive",
            satisfaction=9,
            changes=("hires",),
            changes_text="two",
        ),
        TODAY,
    )
    assert {"qbr_meeting", "task", "client"} <= changes.tables and changes.clients == {client}
    assert rows(db, "SELECT due_on, done, done_on FROM task ORDER BY id") == [
        ("2026-02-28", 1, "2026-03-02"),
        ("2026-05-31", 0, None),  # 2 March + 90 days
    ]
    assert rows(db, "SELECT satisfaction, business_changes, next_qbr_on FROM qbr_meeting") == [
        (9, "Hires: two", "2026-05-31")
    ]
    assert rows(db, f"SELECT satisfaction FROM client WHERE id = {client}") == [(9,)]
    after = account_signals(db, TODAY)[client].readiness
    assert [f.points for f in after.factors if f.code == "qbr"] == [20]
    assert client_qbrs(db, client).next_due == dt.date(2026, 5, 31)
    # the next date the meeting set wins over the cadence when scheduling again
    schedule_qbrs(db, TODAY)
    assert rows(db, "SELECT count(*) FROM task WHERE done = 0") == [(1,)]


def test_every_problem_of_a_record_at_once(db: Database, client: int) -> None:
    with pytest.raises(ValidationErrors) as caught:
        record_qbr(
            db,
            client,
            QbrRecord(day=dt.date(2026, 3, 20), satisfaction=11, next_qbr_on=dt.date(2026, 3, 1)),
            TODAY,
        )
    assert {e.field for e in caught.value.errors} == {"satisfaction", "next_qbr_on", "day"}
    assert rows(db, "SELECT count(*) FROM qbr_meeting") == [(0,)]


def test_preparation_equals_the_kpi_engine_for_the_client_and_quarter(db: Database, client: int) -> None:
    other = make_client(db, "Other")
    for cid, opened, hours, fcr in (
        (client, dt.datetime(2026, 1, 5, 9), 4, True),
        (client, dt.datetime(2026, 2, 10, 9), 10, False),
        (client, dt.datetime(2025, 11, 20, 9), 2, True),  # the quarter before
        (other, dt.datetime(2026, 2, 1, 9), 50, False),  # another client's: not counted
    ):
        add_ticket(db, cid, opened_at=opened, subject="printer")
        (tid,) = rows(db, "SELECT max(id) FROM ticket")[0]
        resolve_ticket(db, tid, opened + dt.timedelta(hours=hours), fcr)
    with db.unit_of_work() as session:
        session.add(
            RoadmapItem(client_id=client, title="MFA everywhere", status="done", done_on=dt.date(2026, 2, 1))
        )
        session.add(RoadmapItem(client_id=client, title="Old", status="done", done_on=dt.date(2025, 10, 1)))
    prep = prepare_qbr(db, client, TODAY)
    assert prep.first == dt.date(2025, 12, 15)
    assert [t for _d, t, _c in prep.roadmap_done] == ["MFA everywhere"]
    assert prep.tickets.resolved == 2 and prep.previous_tickets.resolved == 1
    assert prep.tickets.mttr_hours == 7.0  # (4 + 10) / 2, worked by hand
    assert prep.tickets.fcr == 0.5 and prep.previous_tickets.fcr == 1.0
    with db.read() as conn:
        engine = [
            t
            for t in load_tickets(conn, dt.datetime(2025, 12, 15), dt.datetime(2026, 3, 15))
            if t.client_id == client
        ]
    mttr = mttr_hours_by_priority(engine)
    assert mttr is not None
    assert (prep.tickets.mttr_hours, prep.tickets.sla, prep.tickets.fcr) == (
        mttr["all"],
        sla_compliance(engine),
        fcr_rate(engine),
    )
    stats = summarize_tickets(engine)  # what the dashboard sums per month, then reads
    from_stats = mttr_hours_from_stats(stats)
    assert from_stats is not None
    assert (prep.tickets.mttr_hours, prep.tickets.sla, prep.tickets.fcr) == (
        from_stats["all"],
        sla_compliance_from_stats(stats),
        fcr_rate_from_stats(stats),
    )
    assert [line.change for line in prep.service_changes] == []  # started 30 November: before the 90 days
    ledger.change_seats(db, client, 12, dt.date(2026, 2, 1))
    changed = prepare_qbr(db, client, TODAY).service_changes
    assert [(c.start_date, c.end_date, c.change) for c in changed] == [
        (START, dt.date(2026, 1, 31), "start"),  # the 10 seats, ended the day before
        (dt.date(2026, 2, 1), None, "seats"),
    ]


def test_the_tiers_qbr_cadence_sets_the_due_date_and_the_next_one(db: Database, client: int) -> None:
    """Core reviewed every 60 days (the Ladder's cadence): due 60 days after the start (29 Jan),
    and a meeting held on 2 March proposes 1 May."""
    with db.unit_of_work() as session:
        from sqlmodel import select

        from msp_desk.domain.ladder import Tier

        core = session.exec(select(Tier).where(Tier.name == "Core")).one()
        core.qbr_every_days = 60
    schedule_qbrs(db, TODAY)
    assert rows(db, "SELECT due_on FROM task WHERE kind = 'qbr'") == [("2026-01-29",)]
    record_qbr(db, client, QbrRecord(day=dt.date(2026, 3, 2), outcome="neutral"), TODAY)
    assert rows(db, "SELECT next_qbr_on FROM qbr_meeting") == [("2026-05-01",)]
