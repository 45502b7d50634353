"""The roster: MRR summed in SQL equals the KPI engine's per-line computation to the cent; tiers,
tags, and the readiness and flags of the accounts service."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.demo.shops import build_demo
from msp_desk.domain.clients import ClientTag, Tag
from msp_desk.domain.contracts import ContractLine
from msp_desk.kpi.mrr import PERIOD_MONTHS, line_mrr_cents
from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.signals import account_signals
from msp_desk.services.clients.roster import roster, roster_signals, with_signals
from msp_desk.services.kpis.facts import load_lines
from msp_desk.store.database import Database
from msp_desk.store.queries.kpis import line_mrr_sql
from msp_desk.store.tables import CONTRACT_LINE as LINE

TODAY = dt.date(2026, 11, 23)


def mrr_line_by_line(db: Database, day: dt.date) -> dict[int, int]:
    """What the roster computed before: every line loaded, the ones running on ``day`` summed."""
    with db.read() as conn:
        lines = load_lines(conn)
    totals: dict[int, int] = {}
    for line in lines:
        if line.start <= day and (line.end is None or day <= line.end):
            totals[line.client_id] = totals.get(line.client_id, 0) + line.mrr_cents
    return totals


@pytest.fixture
def demo(db: Database) -> Database:
    build_demo(db, "msp", TODAY)
    return db


@pytest.mark.parametrize(
    "day",
    [
        TODAY,
        dt.date(2026, 10, 31),  # a month end: lines ending that day still count
        dt.date(2026, 11, 1),  # the day after: they do not
        dt.date(2025, 6, 15),
        dt.date(2000, 1, 1),  # before any line
    ],
)
def test_roster_mrr_equals_the_per_line_computation_on_the_demo(demo: Database, day: dt.date) -> None:
    expected = mrr_line_by_line(demo, day)
    rows = roster(demo, day)
    assert {row.client_id: row.mrr_cents for row in rows} == {
        row.client_id: expected.get(row.client_id, 0) for row in rows
    }
    assert set(expected) <= {row.client_id for row in rows}
    if day == TODAY:
        assert sum(row.mrr_cents for row in rows) > 0


def test_roster_rows_read_as_before_on_the_demo(demo: Database) -> None:
    rows = roster(demo, TODAY)
    assert [row.name.lower() for row in rows] == sorted(row.name.lower() for row in rows)
    with demo.read() as conn:
        clients = conn.execute(sa.text("SELECT count(*) FROM client")).scalar_one()
    assert len(rows) == clients
    paying = [row for row in rows if row.mrr_cents > 0]
    assert paying and all(row.tier for row in paying if row.status == "active")


def test_line_mrr_sql_rounds_each_line_like_the_kpi_engine(db: Database) -> None:
    """Half-cents, thirds and twelfths, every discount edge: SQL and Python agree per line."""
    client = make_client(db, "Rounding Test Co")
    grid = list(
        itertools.product(
            (1, 3, 7, 250), (1, 5, 6, 99_999, 200_000), PERIOD_MONTHS, (0, 1, 2_500, 3_333, 5_000, 10_000)
        )
    )
    with db.unit_of_work() as session:
        for quantity, price, period, discount in grid:
            session.add(
                ContractLine(
                    client_id=client,
                    kind="custom",
                    description=f"{quantity} x {price} {period} -{discount}bp",
                    quantity=quantity,
                    unit_price_cents=price,
                    period=period,
                    discount_bp=discount,
                    start_date=dt.date(2026, 1, 1),
                )
            )
    query = sa.select(
        LINE.c.quantity, LINE.c.unit_price_cents, LINE.c.period, LINE.c.discount_bp, line_mrr_sql()
    )
    with db.read() as conn:
        computed = conn.execute(query).all()
    assert len(computed) == len(grid)
    for quantity, price, period, discount, cents in computed:
        assert cents == line_mrr_cents(quantity, price, period, discount), (quantity, price, period, discount)
    total = sum(line_mrr_cents(q, p, per, d) for q, p, per, d in grid)
    assert roster(db, dt.date(2026, 2, 1))[0].mrr_cents == total  # summed per rounded line


def test_roster_rows_carry_tier_rung_tags_and_no_signals_unless_asked(db: Database) -> None:
    ids = make_ladder(db)
    acme = make_client(db, "Acme Dental", industry="Dental", channel="referral")
    bolt = make_client(db, "Bolt Legal")
    ledger.start_client(db, acme, ids["Core"], 10, dt.date(2025, 1, 1))
    ledger.change_tier(db, acme, ids["Premium"], dt.date(2026, 1, 1))  # an upgrade: the new rung shows
    with db.unit_of_work() as session:
        tags = {name: Tag(name=name) for name in ("multi-site", "HIPAA")}
        session.add_all(tags.values())
        session.flush()
        session.add_all(ClientTag(client_id=acme, tag_id=t.id) for t in tags.values())

    rows = {row.name: row for row in roster(db, dt.date(2026, 2, 1), signals=False)}
    assert (rows["Acme Dental"].tier, rows["Acme Dental"].tier_rank) == ("Premium", 4)
    assert rows["Acme Dental"].tags == ("HIPAA", "multi-site")  # by name
    assert (rows["Bolt Legal"].tier, rows["Bolt Legal"].tier_rank, rows["Bolt Legal"].tags) == ("", 0, ())
    assert all(row.readiness is None and row.flags == () for row in rows.values())
    assert roster(db, dt.date(2025, 6, 1), signals=False)[0].tier == "Core"  # before the upgrade
    assert bolt in {row.client_id for row in rows.values()}


def test_roster_signals_are_the_accounts_service_readiness_and_flags(demo: Database) -> None:
    expected = account_signals(demo, TODAY)
    rows = roster(demo, TODAY)
    assert {row.client_id: row.readiness for row in rows} == {  # asked only of paying clients
        cid: signals.readiness.score if signals.mrr_cents > 0 else None for cid, signals in expected.items()
    }
    assert {row.readiness for row in rows if row.status == "churned"} == {None}
    assert {row.client_id: row.flags for row in rows} == {
        cid: tuple(flag.label for flag in signals.flags) for cid, signals in expected.items()
    }
    assert any(row.flags for row in rows)
    bare = roster(demo, TODAY, signals=False)
    assert with_signals(bare, roster_signals(demo, TODAY)) == rows
