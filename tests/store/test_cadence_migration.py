"""Revision 0006 (cadences) on a file at 0004: its tiers get cadences by rung, a client onboarding
counts its days in from its first onboarding task, and the new tables are there, empty."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import sqlalchemy as sa


def test_a_0004_file_gets_cadences_by_rung_and_its_onboarding_start(tmp_path: Path) -> None:
    from alembic import command

    from msp_desk.store import sqlite
    from msp_desk.store.database import open_database
    from msp_desk.store.migrate import alembic_config
    from msp_desk.store.tables import CHECK_IN, CLIENT, ONBOARDING_STEP, TIER

    path = tmp_path / "old.sqlite3"
    sqlite.mark_new_file(path)
    engine = sa.create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0004")
    engine.dispose()
    con = sqlite3.connect(path)
    stamp = "'2026-01-01', '2026-01-01'"
    con.executescript(
        f"""
        INSERT INTO tier (rank, name, description, inclusions, price_model, price_cents, cost_cents,
                          tech_minutes_per_seat, active, created_at, updated_at)
        VALUES (1, 'Starter', '', '', 'per_seat', 9500, 5000, 0, 1, {stamp}),
               (2, 'Core', '', '', 'per_seat', 13500, 6500, 0, 1, {stamp}),
               (3, 'Growth', '', '', 'per_seat', 17500, 8000, 0, 1, {stamp});
        INSERT INTO client (id, name, name_key, status, seats, locations, servers, churn_reason, notes,
                            industry, created_at, updated_at)
        VALUES (1, 'Acme', 'acme', 'onboarding', 5, 1, 0, '', '', '', {stamp}),
               (2, 'Birch', 'birch', 'prospect', 5, 1, 0, '', '', '', {stamp});
        INSERT INTO task (due_on, kind, title, client_id, done, created_at, updated_at)
        VALUES ('2026-02-12', 'onboarding', 'Kickoff', 1, 0, '2026-02-10 09:30:00', '2026-02-10 09:30:00'),
               ('2026-03-12', 'onboarding', 'First check-in', 1, 0, '2026-02-10 09:30:00', '2026-02-10 09:30:00');
        """
    )
    con.commit()
    con.close()

    db = open_database(path)
    try:
        with db.read() as conn:
            tiers = conn.execute(
                sa.select(TIER.c.rank, TIER.c.check_in_every_days, TIER.c.qbr_every_days).order_by(
                    TIER.c.rank
                )
            ).all()
            starts = conn.execute(
                sa.select(CLIENT.c.name, CLIENT.c.onboarding_started_on).order_by(CLIENT.c.id)
            ).all()
            empty = [
                conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                for t in (CHECK_IN, ONBOARDING_STEP)
            ]
    finally:
        db.close()
    assert [tuple(t) for t in tiers] == [(1, 90, 90), (2, 60, 90), (3, 30, 90)]
    assert [tuple(s) for s in starts] == [("Acme", dt.date(2026, 2, 10)), ("Birch", None)]
    assert empty == [0, 0]
