"""Marketing spend and one-off revenue entered in the app: each write one unit of work, checked
whole (every problem at once, nothing saved), undoable, and seen by the KPIs at once (the stored
figures of the dashboard are never served after a write)."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder

from msp_desk.domain.values import Month
from msp_desk.errors import NotFound, ValidationError, ValidationErrors
from msp_desk.services.accounts import ledger
from msp_desk.services.finances import revenue as rev
from msp_desk.services.finances import spend as sp
from msp_desk.services.kpis.snapshots import kpis_for_month_stored
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

MARCH = Month(2026, 3)


def test_spend_is_added_edited_deleted_and_undone(db: Database) -> None:
    changes = sp.add_spend(
        db, month=" 2026-03 ", channel="Marketing", amount_cents=125_050, note="  Search ads "
    )
    assert changes.message == "Added marketing spend for March 2026"
    assert changes.tables >= {"marketing_spend"}
    spend_id = sp.new_spend_id(changes)
    assert sp.spend(db, spend_id) == sp.SpendRow(spend_id, "2026-03", "marketing", 125_050, "Search ads")

    saved = sp.update_spend(db, spend_id, amount_cents=99_000, channel="outbound")
    assert saved.message == "Saved outbound spend for March 2026"
    assert sp.update_spend(db, spend_id, amount_cents=99_000).message == "No changes to save"
    revert(db, saved.journal, "Undone")  # type: ignore[arg-type]  # a write's journal is recorded
    assert sp.spend(db, spend_id).amount_cents == 125_050

    deleted = sp.delete_spend(db, spend_id)
    assert sp.spend_list(db) == []
    revert(db, deleted.journal, "Undone")  # type: ignore[arg-type]
    assert [row.id for row in sp.spend_list(db)] == [spend_id]
    with pytest.raises(NotFound):
        sp.delete_spend(db, spend_id + 1)


def test_spend_refused_shows_every_problem_and_saves_nothing(db: Database) -> None:
    with pytest.raises(ValidationErrors) as caught:
        sp.add_spend(db, month="March", channel="billboards", amount_cents=-1, note="ok")
    assert {(e.field, e.reason) for e in caught.value.errors} == {
        ("month", "'March' is not a month like 2026-03"),
        ("channel", "'billboards' is not one of referral, partner, marketing, outbound, other"),
        ("amount", "must not be negative"),
    }
    assert sp.spend_list(db) == []


def test_one_spend_row_a_month_and_channel(db: Database) -> None:
    sp.add_spend(db, month="2026-03", channel="marketing", amount_cents=100)
    other = sp.new_spend_id(sp.add_spend(db, month="2026-03", channel="outbound", amount_cents=100))
    with pytest.raises(ValidationError, match="marketing already has spend recorded for March 2026"):
        sp.add_spend(db, month="2026-03", channel="marketing", amount_cents=200)
    with pytest.raises(ValidationError, match="marketing already has spend recorded for March 2026"):
        sp.update_spend(db, other, channel="marketing")
    assert sorted((r.channel, r.amount_cents) for r in sp.spend_list(db)) == [
        ("marketing", 100),
        ("outbound", 100),
    ]


def test_revenue_is_added_edited_deleted_and_undone(db: Database) -> None:
    client = make_client(db, "Harbor Dental")
    changes = rev.add_revenue(
        db,
        day=dt.date(2026, 3, 9),
        amount_cents=480_000,
        cost_cents=300_000,
        kind="Hardware",
        client_id=client,
        description=" Five   laptops ",
    )
    assert changes.message == "Added Five laptops of Mar 9, 2026"  # the shop's locale, never ISO
    assert client in changes.clients
    revenue_id = rev.new_revenue_id(changes)
    assert rev.revenue(db, revenue_id) == rev.RevenueRow(
        revenue_id, dt.date(2026, 3, 9), client, "Harbor Dental", "hardware", 480_000, 300_000, "Five laptops"
    )
    saved = rev.update_revenue(db, revenue_id, client_id=None, kind="project", cost_cents=None)
    assert client in saved.clients  # the client it left is concerned too
    assert rev.revenue(db, revenue_id).client is None
    revert(db, saved.journal, "Undone")  # type: ignore[arg-type]
    assert rev.revenue(db, revenue_id).client == "Harbor Dental"
    deleted = rev.delete_revenue(db, revenue_id)
    assert rev.revenue_list(db) == []
    revert(db, deleted.journal, "Undone")  # type: ignore[arg-type]
    assert len(rev.revenue_list(db)) == 1


def test_revenue_refused_shows_every_problem(db: Database) -> None:
    with pytest.raises(ValidationErrors) as caught:
        rev.add_revenue(db, day=dt.date(2026, 3, 9), amount_cents=-5, cost_cents=-1, kind="software")
    assert [e.field for e in caught.value.errors] == ["kind", "amount", "cost"]
    with pytest.raises(ValidationError, match="there is no client with id 99"):
        rev.add_revenue(db, day=dt.date(2026, 3, 9), amount_cents=5, client_id=99)
    assert rev.revenue_list(db) == []


def test_a_write_reaches_the_kpis_at_once(db: Database) -> None:
    """CAC, recurring share and gross margin of March follow each write (no stale stored figure).

    Core is $135 a seat, cost $65: a client on 10 seats from February is $1,350 MRR, $650 cost;
    a second client on 5 seats from March 1 is new in March: $2,025 MRR, $975 cost."""
    ids = make_ladder(db)
    first, second = make_client(db, "Harbor Dental"), make_client(db, "Pine Legal", channel="marketing")
    ledger.start_client(db, first, ids["Core"], 10, dt.date(2026, 2, 1))
    ledger.start_client(db, second, ids["Core"], 5, dt.date(2026, 3, 1))
    before = kpis_for_month_stored(db, MARCH)
    assert (before.cac, before.recurring_share) == (None, 1.0)
    sp.add_spend(db, month="2026-03", channel="marketing", amount_cents=90_000)
    assert kpis_for_month_stored(db, MARCH).cac == 90_000  # $900 / 1 new client
    rev.add_revenue(db, day=dt.date(2026, 3, 20), amount_cents=50_000, cost_cents=40_000)
    after = kpis_for_month_stored(db, MARCH)
    # revenue 2,025 + 500 = 2,525; costs 975 + 400 = 1,375: margin 1,150 / 2,525
    assert after.gross_margin == pytest.approx(1_150 / 2_525)
    # the 12 months to March: MRR 1,350 (Feb) + 2,025 (Mar) = 3,375 of 3,375 + 500
    assert after.recurring_share == pytest.approx(3_375 / 3_875)


def test_messages_write_months_and_days_as_the_shop_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.services.shop.opening import create_shop

    db = create_shop(tmp_path / "de.sqlite3", name="Kanzlei IT", locale="de_DE", currency="EUR")
    try:
        assert sp.add_spend(db, month="2026-10", channel="outbound", amount_cents=1).message == (
            "Added outbound spend for Oktober 2026"
        )
        added = rev.add_revenue(db, day=dt.date(2026, 10, 2), amount_cents=1, kind="hardware")
        assert added.message == "Added hardware revenue of 02.10.2026"
    finally:
        db.close()


def test_the_health_check_knows_the_revenue_kinds(db: Database) -> None:
    from msp_desk.services.shop.health import check

    rev.add_revenue(db, day=dt.date(2026, 3, 9), amount_cents=100, kind="hardware")
    assert check(db) == []
    with db.unit_of_work() as session:
        session.connection().exec_driver_sql("UPDATE project_revenue SET kind = 'software'")
    assert [p.text for p in check(db)] == [
        "project_revenue 1: kind 'software' is not one of project, hardware"
    ]
