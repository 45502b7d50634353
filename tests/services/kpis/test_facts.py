"""Facts read for KPIs: ticket sums from SQL and windowed lines give the full computation's KPIs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from sqlalchemy.dialects import postgresql

from msp_desk.demo.shops import build_demo
from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import Policy, ShopFacts
from msp_desk.kpi.service_desk import summarize_tickets
from msp_desk.kpi.snapshot import kpi_snapshots
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.facts import load_lines, load_shop_facts, load_ticket_stats, load_tickets
from msp_desk.services.kpis.snapshots import kpis_for_month, kpis_for_range
from msp_desk.store import derived
from msp_desk.store.database import Database, open_database
from msp_desk.store.queries import kpis as queries

TODAY = dt.date(2026, 11, 23)
OCTOBER = Month(2026, 10)


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo MSP shop, built once for the module (the tests only read it)."""
    path = tmp_path_factory.mktemp("demo") / "shop.sqlite3"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    build_demo(db, "msp", TODAY)
    yield db
    db.close()


def span(first: Month, last: Month) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(first.first_day(), dt.time()),
        dt.datetime.combine((last + 1).first_day(), dt.time()),
    )


def reference_facts(db: Database, policy: Policy | None = None) -> ShopFacts:
    """The facts as the engine first computed from them: every line and every ticket."""
    with db.read() as conn:
        lines, tickets = load_lines(conn), load_tickets(conn)
    base = load_shop_facts(db)
    return dataclasses.replace(
        base,
        lines=lines,
        tickets=tickets,
        spans=None,
        ticket_stats=None,
        history=None,
        policy=policy or base.policy,
    )


def first_month(db: Database) -> Month:
    return min(Month.of(line.start) for line in reference_facts(db).lines)


def test_month_range_reads_only_its_tickets_and_matches_the_full_read(demo: Database) -> None:
    every = reference_facts(demo)
    with demo.read() as conn:
        narrow_tickets = load_tickets(conn, *span(OCTOBER, OCTOBER))
    narrow = load_shop_facts(demo, OCTOBER, OCTOBER)
    assert 0 < len(narrow_tickets) < len(every.tickets) / 10
    assert all(t.resolved_at and t.resolved_at.strftime("%Y-%m") == "2026-10" for t in narrow_tickets)
    assert narrow.ticket_stats is not None
    assert {s.month for s in narrow.ticket_stats} == {OCTOBER.index}
    assert sum(s.resolved for s in narrow.ticket_stats) == len(narrow_tickets)
    expected = kpi_snapshots(every, OCTOBER, OCTOBER)[0]
    assert kpis_for_month(demo, OCTOBER) == expected
    assert expected.sla_compliance is not None and expected.mttr_hours is not None


@pytest.mark.parametrize("months", [None, 1, 3, 4, 24])
def test_sql_ticket_sums_equal_the_engine_rules_month_by_month(demo: Database, months: int | None) -> None:
    """Both the indexed (narrow) and the scanning (wide) reads, and the read of everything."""
    first, last = (None, None) if months is None else (OCTOBER - (months - 1), OCTOBER)
    with demo.read() as conn:
        stats = load_ticket_stats(conn, first, last)
        tickets = load_tickets(conn) if first is None else load_tickets(conn, *span(first, last))  # type: ignore[arg-type]
    expected = summarize_tickets(tickets)
    assert stats == expected
    assert len({s.month for s in stats}) == (months or len({s.month for s in expected}))
    assert sum(s.sla_judged for s in stats) > 0 and sum(s.fcr_known for s in stats) > 0


def test_kpis_of_a_month_equal_the_full_computation_from_the_first_month_of_history(
    demo: Database,
) -> None:
    """Months 0, 1, 11, 12, 13, 14 and 25 of history and the last: the later ones read only
    the lines of the 12 months before them, plus what came earlier (``history``)."""
    start = first_month(demo)
    every = reference_facts(demo)
    offsets = [0, 1, 11, 12, 13, 14, 25]
    months = [start + k for k in offsets if start + k <= OCTOBER] + [OCTOBER]
    assert months[-1] - 12 > start  # the last months really are read through a window
    for month in months:
        assert kpis_for_month(demo, month) == kpi_snapshots(every, month, month)[0], month
    windowed = load_shop_facts(demo, OCTOBER, OCTOBER)
    assert windowed.history is not None and windowed.spans is not None
    assert len(windowed.spans) < len(every.lines)


def test_windowed_lines_keep_new_and_reactivation_apart_under_a_reactivation_window(
    demo: Database,
) -> None:
    policy = Policy(reactivation_window_days=90)
    every = reference_facts(demo, policy)
    first = first_month(demo) + 16
    windowed = dataclasses.replace(load_shop_facts(demo, first, OCTOBER), policy=policy)
    assert windowed.history is not None and windowed.history.last_positive
    assert kpi_snapshots(windowed, first, OCTOBER) == kpi_snapshots(every, first, OCTOBER)


@pytest.mark.parametrize("window_days", [None, 90])
def test_a_return_after_leaving_before_the_window_is_told_apart(
    db: Database, window_days: int | None
) -> None:
    """B left in 2022 and returns in 2024-03: a reactivation (or, with a 90-day window, new)
    although the lines read for 2024-03.. (from 2023-03 on) know nothing of its 2022 lines."""
    ids = make_ladder(db)
    a, b, c = (make_client(db, name, status="onboarding") for name in ("A", "B", "C"))
    ledger.start_client(db, a, ids["Core"], 10, dt.date(2022, 1, 1))
    ledger.start_client(db, b, ids["Core"], 4, dt.date(2022, 1, 10))
    ledger.churn(db, b, dt.date(2022, 6, 1), "budget")
    ledger.reactivate(db, b, ids["Core"], 5, dt.date(2024, 3, 1))
    ledger.start_client(db, c, ids["Core"], 3, dt.date(2023, 11, 1))
    ledger.churn(db, c, dt.date(2023, 12, 20), "moved")
    ledger.reactivate(db, c, ids["Core"], 3, dt.date(2024, 2, 1))
    policy = Policy(reactivation_window_days=window_days)
    every = reference_facts(db, policy)
    march, june = Month(2024, 3), Month(2024, 6)
    windowed = dataclasses.replace(load_shop_facts(db, march, june), policy=policy)
    assert windowed.history is not None and windowed.history.last_positive == {b: 24268}  # 2022-05
    snapshots = kpi_snapshots(windowed, march, june)
    assert snapshots == kpi_snapshots(every, march, june)
    assert (snapshots[0].reactivation > 0) is (window_days is None)  # type: ignore[operator]
    assert (snapshots[0].new > 0) is (window_days is not None)  # type: ignore[operator]


def test_kpis_of_a_range_equal_the_full_computation(demo: Database) -> None:
    every = reference_facts(demo)
    for first in (first_month(demo), OCTOBER - 14):
        assert kpis_for_range(demo, first, OCTOBER) == kpi_snapshots(every, first, OCTOBER)


def test_windowed_facts_refuse_months_too_early_for_them(demo: Database) -> None:
    windowed = load_shop_facts(demo, OCTOBER, OCTOBER)
    with pytest.raises(ValueError, match="too late"):
        kpi_snapshots(windowed, OCTOBER - 1, OCTOBER)


def test_the_ticket_statements_have_a_postgresql_spelling() -> None:
    def on_postgresql(statement) -> str:  # type: ignore[no-untyped-def]
        return str(statement.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]

    sums = on_postgresql(derived.fill_ticket_sums_statement("postgresql"))
    assert "EXTRACT(epoch FROM ticket.opened_at)" in sums and "unixepoch" not in sums
    fill = on_postgresql(derived.fill_ticket_targets_statement("postgresql"))
    assert "CAST(ticket.opened_at AS DATE)" in fill and "substr" not in fill
    read = on_postgresql(queries.ticket_month_stats_query(OCTOBER - 11, OCTOBER))
    assert "ticket.resolved_month BETWEEN" in read and "substr" not in read


def test_tickets_carry_the_targets_of_the_tier_on_the_day_they_were_opened(db: Database) -> None:
    """fill_ticket_targets (run when the demo writes its tickets) agrees with a plain lookup."""
    import sqlalchemy as sa

    from msp_desk.store.queries.common import as_date, as_datetime

    build_demo(db, "msp", dt.date(2026, 11, 23))
    with db.read() as conn:
        tiers: dict[int, list[tuple]] = {}
        for cid, start, end, tier_id, line_id in conn.execute(
            sa.text(
                "SELECT client_id, start_date, end_date, tier_id, id FROM contract_line WHERE kind='tier'"
            )
        ):
            tiers.setdefault(cid, []).append((line_id, as_date(start), as_date(end), tier_id))
        targets = {
            (tier, prio): (resp, res)
            for tier, prio, resp, res in conn.execute(
                sa.text("SELECT tier_id, priority, first_response_min, resolution_min FROM response_target")
            )
        }
        judged = 0
        for cid, prio, opened, resp, res in conn.execute(
            sa.text(
                "SELECT client_id, priority, opened_at, response_target_min, resolution_target_min FROM ticket"
            )
        ):
            day = as_datetime(opened).date()  # type: ignore[union-attr]
            running = sorted(t for t in tiers.get(cid, ()) if t[1] <= day and (t[2] is None or day <= t[2]))
            expected = targets.get((running[0][3], prio), (None, None)) if running else (None, None)
            assert (resp, res) == expected
            judged += resp is not None
    assert judged > 1000
