"""A figure computed in the background while a write lands is never served: it carries the data
revision it was read at, is stored only if that revision is still current, and is served only
while it is (issue 10: MRR 78,174.50 was served instead of 83,174.50)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

from msp_desk.domain.values import Month
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis import facts
from msp_desk.services.kpis.dashboard import shop_mrr_month_ends_stored, stored_dashboard
from msp_desk.services.kpis.snapshots import kpis_for_month, kpis_for_month_stored, kpis_key, stored
from msp_desk.store.database import Database
from tests.factories import make_client, make_ladder

MARCH = Month(2026, 3)
CORE_SEAT = 13_500  # make_ladder's Core tier: $135.00 per seat


@pytest.fixture
def shop(db: Database) -> int:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    return client


def test_a_write_landing_during_a_background_computation_is_not_hidden_by_it(
    db: Database, shop: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The KPIs are computed on another thread; a seat change commits after their data was
    read and before they are stored. The old figures are returned once (the page that asked
    reloads after the write) but never stored, so nothing serves them afterwards."""
    read_done, write_done = threading.Event(), threading.Event()
    real_load = facts.load_shop_facts

    def load_then_wait(*args: object, **kwargs: object) -> object:
        found = real_load(*args, **kwargs)  # type: ignore[arg-type]
        read_done.set()
        assert write_done.wait(10)
        return found

    monkeypatch.setattr(facts, "load_shop_facts", load_then_wait)
    results: list[int | None] = []
    worker = threading.Thread(target=lambda: results.append(kpis_for_month_stored(db, MARCH).mrr))
    worker.start()
    assert read_done.wait(10)
    ledger.change_seats(db, shop, 12, dt.date(2026, 2, 1))  # lands while the KPIs are in flight
    write_done.set()
    worker.join(10)
    monkeypatch.setattr(facts, "load_shop_facts", real_load)

    assert results == [10 * CORE_SEAT]  # computed from the data before the write
    assert stored(db, [kpis_key(MARCH)]).entries == {}  # ... and not kept
    assert kpis_for_month_stored(db, MARCH).mrr == 12 * CORE_SEAT
    assert kpis_for_month_stored(db, MARCH) == kpis_for_month(db, MARCH)  # now kept, and current


def test_a_stored_figure_is_not_served_once_the_revision_moves_on(db: Database, shop: int) -> None:
    """Even if an entry survived a write (a file written by another program, an old version),
    its revision no longer matches and it is recomputed."""
    first = Month(2026, 1)
    kpis_for_month_stored(db, MARCH)
    shop_mrr_month_ends_stored(db, first, MARCH)
    assert stored_dashboard(db, MARCH, first) is not None
    con = sqlite3.connect(db.path)
    with con:  # the data changes and the counter moves, but the stored figures stay
        con.execute("UPDATE contract_line SET quantity = 11, mrr_cents = 11 * 13500")
        con.execute("UPDATE data_revision SET revision = revision + 1")
    con.close()
    assert stored_dashboard(db, MARCH, first) is None
    assert kpis_for_month_stored(db, MARCH).mrr == 11 * CORE_SEAT
    assert shop_mrr_month_ends_stored(db, first, MARCH) == [11 * CORE_SEAT] * 3


def test_every_write_moves_the_revision_and_a_read_does_not(db: Database, shop: int) -> None:
    before = stored(db, []).revision
    kpis_for_month_stored(db, MARCH)  # stores a figure: not the user's data
    from msp_desk.services.shop.settings import get_settings

    get_settings(db)
    assert stored(db, []).revision == before
    ledger.change_seats(db, shop, 11, dt.date(2026, 2, 1))
    assert stored(db, []).revision == before + 1


def test_check_reports_stale_stored_figures_and_repair_drops_them(
    db: Database, shop: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from msp_desk.__main__ import main

    kpis_for_month_stored(db, MARCH)
    assert main(["--db", str(db.path), "check"]) == 0
    con = sqlite3.connect(db.path)
    with con:  # another program moved the counter and left the stored figure behind
        con.execute("UPDATE data_revision SET revision = revision + 1")
    con.close()
    capsys.readouterr()
    assert main(["--db", str(db.path), "check"]) == 1
    assert capsys.readouterr().err.startswith(
        "problem: derived_cache 'kpis:2026-03': computed from older data (it is never shown; repair drops it)\n"
    )
    assert main(["--db", str(db.path), "check", "--repair"]) == 0
    assert "dropped 1 stored figure" in capsys.readouterr().out.lower()
    assert stored(db, [kpis_key(MARCH)]).entries == {}
