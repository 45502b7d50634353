"""Every ledger operation: lines end the day before the effective date, history is never rewritten."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.values import Month
from msp_desk.errors import Conflict, ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on, client_mrr_series, shop_mrr_series
from msp_desk.store.database import Database

D = dt.date


def lines(db: Database, client_id: int) -> list[tuple]:
    with db.read() as conn:
        return conn.execute(
            sa.text(
                "SELECT description, quantity, unit_price_cents, start_date, end_date, change FROM contract_line"
                " WHERE client_id = :c ORDER BY id"
            ),
            {"c": client_id},
        ).all()


@pytest.fixture
def shop(db: Database) -> tuple[Database, dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Zoë Müller Design", status="onboarding")
    ledger.start_client(db, client, ids["Core"], 10, D(2026, 1, 1), [ids["Backup"]])
    return db, ids, client


def test_start_creates_tier_and_addon_lines_and_activates(shop) -> None:
    db, ids, client = shop
    assert lines(db, client) == [
        ("Core", 10, 13_500, "2026-01-01", None, "start"),
        ("Backup", 10, 1_500, "2026-01-01", None, "start"),
    ]
    assert client_mrr_on(db, client, D(2026, 1, 31)) == 10 * 13_500 + 10 * 1_500
    assert client_mrr_on(db, client, D(2025, 12, 31)) == 0


def test_upgrade_ends_the_old_tier_the_day_before(shop) -> None:
    db, ids, client = shop
    changes = ledger.change_tier(db, client, ids["Growth"], D(2026, 3, 1))
    assert "Upgrade" in changes.message and "Core -> Growth" in changes.message
    assert lines(db, client)[0] == ("Core", 10, 13_500, "2026-01-01", "2026-02-28", "start")
    assert lines(db, client)[2] == ("Growth", 10, 17_500, "2026-03-01", None, "upgrade")
    assert client_mrr_on(db, client, D(2026, 2, 28)) == 150_000
    assert client_mrr_on(db, client, D(2026, 3, 1)) == 190_000


def test_downgrade_is_named_as_such(shop) -> None:
    db, ids, client = shop
    assert ledger.change_tier(db, client, ids["Starter"], D(2026, 2, 1)).message.startswith("Downgrade")
    assert client_mrr_on(db, client, D(2026, 2, 28)) == 10 * 9_500 + 10 * 1_500


def test_change_seats_restarts_every_per_seat_line(shop) -> None:
    db, ids, client = shop
    ledger.add_addon(db, client, ids["vCIO sessions"], D(2026, 2, 1))
    ledger.change_seats(db, client, 12, D(2026, 4, 1))
    running = [r for r in lines(db, client) if r[4] is None]
    assert sorted((r[0], r[1]) for r in running) == [("Backup", 12), ("Core", 12), ("vCIO sessions", 1)]
    assert client_mrr_on(db, client, D(2026, 4, 30)) == 12 * 15_000 + 50_000


def test_add_and_remove_addon(shop) -> None:
    db, ids, client = shop
    ledger.add_addon(db, client, ids["Endpoint security"], D(2026, 2, 15))
    with pytest.raises(Conflict, match="already has Endpoint security"):
        ledger.add_addon(db, client, ids["Endpoint security"], D(2026, 3, 1))
    ledger.remove_addon(db, client, ids["Backup"], D(2026, 5, 1))
    assert client_mrr_on(db, client, D(2026, 4, 30)) == 10 * (13_500 + 1_500 + 1_200)
    assert client_mrr_on(db, client, D(2026, 5, 1)) == 10 * (13_500 + 1_200)


def test_an_addon_removed_from_a_later_day_is_not_added_twice(shop) -> None:
    """Found by the SIGKILL writer: re-adding an add-on before its removal takes effect made two
    lines of it, and its MRR counted twice."""
    db, ids, client = shop
    ledger.remove_addon(db, client, ids["Backup"], D(2026, 4, 1))
    with pytest.raises(
        Conflict, match="has Backup until Mar 31, 2026; start again from Apr 1, 2026 or later"
    ):
        ledger.add_addon(db, client, ids["Backup"], D(2026, 3, 15))
    assert client_mrr_on(db, client, D(2026, 3, 20)) == 10 * (13_500 + 1_500)
    ledger.add_addon(db, client, ids["Backup"], D(2026, 4, 1))
    assert client_mrr_on(db, client, D(2026, 4, 1)) == 10 * (13_500 + 1_500)


def test_a_client_churned_from_a_later_day_is_not_started_twice(shop) -> None:
    db, ids, client = shop
    ledger.churn(db, client, D(2026, 6, 1), "moved away")
    with pytest.raises(
        Conflict, match="has services until May 31, 2026; start again from Jun 1, 2026 or later"
    ):
        ledger.start_client(db, client, ids["Growth"], 5, D(2026, 5, 1), change="reactivate")
    assert client_mrr_on(db, client, D(2026, 5, 15)) == 10 * (13_500 + 1_500)


def test_change_price_keeps_the_old_price_before_the_date(shop) -> None:
    db, ids, client = shop
    with db.read() as conn:
        core_line = conn.execute(sa.text("SELECT id FROM contract_line WHERE description='Core'")).scalar()
    ledger.change_price(db, core_line, 12_000, D(2026, 6, 1), discount_bp=1000)
    assert client_mrr_on(db, client, D(2026, 5, 31)) == 150_000
    assert client_mrr_on(db, client, D(2026, 6, 30)) == 10 * 12_000 * 9 // 10 + 15_000


def test_churn_needs_a_reason_and_ends_everything(shop) -> None:
    db, ids, client = shop
    with pytest.raises(ValidationError, match="reason"):
        ledger.churn(db, client, D(2026, 7, 1), "  ")
    ledger.churn(db, client, D(2026, 7, 1), "moved to in-house IT")
    assert all(r[4] == "2026-06-30" for r in lines(db, client))
    assert client_mrr_series(db, client, Month(2026, 5), Month(2026, 8)) == [150_000, 150_000, 0, 0]


def test_reactivate_after_churn(shop) -> None:
    db, ids, client = shop
    ledger.churn(db, client, D(2026, 3, 1), "budget cuts")
    with pytest.raises(ValidationError, match="before the churn"):
        ledger.reactivate(db, client, ids["Starter"], 5, D(2026, 2, 1))
    ledger.reactivate(db, client, ids["Starter"], 5, D(2026, 6, 1))
    assert client_mrr_series(db, client, Month(2026, 2), Month(2026, 6)) == [150_000, 0, 0, 0, 47_500]


def test_effective_date_cannot_rewrite_history(shop) -> None:
    db, ids, client = shop
    before = lines(db, client)
    with pytest.raises(ValidationError, match="effective_date"):
        ledger.change_tier(db, client, ids["Premium"], D(2025, 12, 1))
    assert lines(db, client) == before  # the failed call changed nothing


def test_shop_series_sums_clients(shop) -> None:
    db, ids, client = shop
    other = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, other, ids["Starter"], 3, D(2026, 2, 10))
    assert shop_mrr_series(db, Month(2026, 1), Month(2026, 2)) == [150_000, 150_000 + 28_500]


def test_bad_seats_are_refused(shop) -> None:
    db, ids, client = shop
    with pytest.raises(ValidationError, match="seats"):
        ledger.change_seats(db, client, 0, D(2026, 2, 1))


def test_shop_series_of_an_empty_range_is_zeros(db: Database) -> None:
    assert shop_mrr_series(db, Month(2026, 1), Month(2026, 3)) == [0, 0, 0]
