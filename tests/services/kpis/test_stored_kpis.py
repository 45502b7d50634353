"""Stored KPI snapshots: what recomputing gives, emptied by any write, kept by reads."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.tickets import Ticket
from msp_desk.domain.values import Month
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.snapshots import kpis_for_month, kpis_for_month_stored
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database

MARCH = Month(2026, 3)


def stored_keys(db: Database) -> list[str]:
    with db.read() as conn:
        return [k for (k,) in conn.execute(sa.text("SELECT key FROM derived_cache"))]


def shop(db: Database) -> tuple[dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    return ids, client


def test_stored_snapshot_equals_the_computed_one(db: Database) -> None:
    shop(db)
    first = kpis_for_month_stored(db, MARCH)
    assert stored_keys(db) == ["kpis:2026-03"]
    assert kpis_for_month_stored(db, MARCH) == first == kpis_for_month(db, MARCH)
    assert first.mrr == 135_000


def test_a_ledger_write_empties_the_store(db: Database) -> None:
    ids, client = shop(db)
    kpis_for_month_stored(db, MARCH)
    ledger.change_seats(db, client, 12, dt.date(2026, 2, 1))
    assert stored_keys(db) == []
    assert kpis_for_month_stored(db, MARCH).mrr == 12 * 13_500


def test_a_bulk_insert_empties_the_store(db: Database) -> None:
    _, client = shop(db)
    kpis_for_month_stored(db, MARCH)
    opened = dt.datetime(2026, 3, 2, 9)
    with db.unit_of_work() as session:
        session.execute(
            sa.insert(Ticket.__table__),  # type: ignore[attr-defined]
            [
                {
                    "client_id": client,
                    "priority": "P1",
                    "opened_at": opened,
                    "resolved_at": opened + dt.timedelta(hours=2),
                    "external_id": "",
                    "subject": "",
                    "source": "",
                    "created_at": dt.datetime.now(dt.UTC),
                    "updated_at": dt.datetime.now(dt.UTC),
                }
            ],
        )
    assert stored_keys(db) == []
    assert kpis_for_month_stored(db, MARCH).mttr_hours["P1"] == 2.0  # type: ignore[index]


def test_reading_settings_keeps_the_store(db: Database) -> None:
    shop(db)
    kpis_for_month_stored(db, MARCH)
    get_settings(db)
    assert stored_keys(db) == ["kpis:2026-03"]


def test_another_code_version_recomputes(db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shop(db)
    kpis_for_month_stored(db, MARCH)
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE derived_cache SET payload = replace(payload, '135000', '1')"))
    assert kpis_for_month_stored(db, MARCH).mrr == 1  # the stored one is used ...
    monkeypatch.setattr("msp_desk.services.kpis.snapshots.CACHE_VERSION", "0.0.0:kpi-0")
    assert kpis_for_month_stored(db, MARCH).mrr == 135_000  # ... unless another version made it
