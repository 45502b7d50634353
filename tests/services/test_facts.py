"""Reading facts for a range of months reads only the tickets resolved in it, with the same KPIs."""

from __future__ import annotations

import datetime as dt

from msp_desk.domain.values import Month
from msp_desk.kpi.snapshot import kpi_snapshots
from msp_desk.services.demo import build_demo
from msp_desk.services.facts import load_shop_facts
from msp_desk.services.kpis import kpis_for_month
from msp_desk.store.database import Database


def test_month_range_reads_only_its_tickets_and_matches_the_full_read(db: Database) -> None:
    build_demo(db, "msp", dt.date(2026, 11, 23))
    october = Month(2026, 10)
    every = load_shop_facts(db)
    narrow = load_shop_facts(db, october, october)
    assert 0 < len(narrow.tickets) < len(every.tickets) / 10
    assert all(t.resolved_at and t.resolved_at.strftime("%Y-%m") == "2026-10" for t in narrow.tickets)
    expected = kpi_snapshots(every, october, october)[0]
    assert kpis_for_month(db, october) == expected
    assert expected.sla_compliance is not None and expected.mttr_hours is not None
