"""Previews of account changes: the MRR effect, worked out by rehearsing the change, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder

from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.previews import preview_change
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.store.database import Database

MARCH_1 = dt.date(2026, 3, 1)


@pytest.fixture
def account(db: Database) -> tuple[dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1), [ids["Backup"]])
    return ids, client  # 10 x ($135 Core + $15 Backup) = $1,500 a month


def test_upgrade_preview_is_the_expansion_and_saves_nothing(db: Database, account) -> None:  # type: ignore[no-untyped-def]
    ids, client = account
    preview = preview_change(
        db, client, MARCH_1, lambda: ledger.change_tier(db, client, ids["Growth"], MARCH_1)
    )
    # Growth is $175 a seat: 10 x ($175 + $15) = $1,900.
    assert (preview.before_cents, preview.after_cents, preview.movement) == (150_000, 190_000, "expansion")
    assert preview.text() == "MRR $1,500 → $1,900, +$400 expansion from Mar 1, 2026"
    assert client_mrr_on(db, client, MARCH_1) == 150_000  # nothing was saved
    assert ledger.change_tier(db, client, ids["Growth"], MARCH_1).message.startswith("Upgrade")


def test_seat_cut_churn_and_return(db: Database, account) -> None:  # type: ignore[no-untyped-def]
    ids, client = account
    cut = preview_change(db, client, MARCH_1, lambda: ledger.change_seats(db, client, 8, MARCH_1))
    assert (cut.after_cents, cut.movement, cut.delta_cents) == (120_000, "contraction", -30_000)
    assert cut.text() == "MRR $1,500 → $1,200, −$300 contraction from Mar 1, 2026"
    leave = preview_change(db, client, MARCH_1, lambda: ledger.churn(db, client, MARCH_1, "closed"))
    assert (leave.after_cents, leave.movement) == (0, "churn")
    ledger.churn(db, client, MARCH_1, "closed")
    back = dt.date(2026, 6, 1)
    ret = preview_change(db, client, back, lambda: ledger.reactivate(db, client, ids["Starter"], 4, back))
    assert (ret.before_cents, ret.after_cents, ret.movement) == (0, 38_000, "reactivation")


def test_a_new_client_start_is_new_mrr(db: Database) -> None:
    ids = make_ladder(db)
    client = make_client(db, "Zoë Müller Design")
    start = preview_change(
        db, client, MARCH_1, lambda: ledger.start_client(db, client, ids["Starter"], 4, MARCH_1)
    )
    assert (start.before_cents, start.after_cents, start.movement) == (0, 38_000, "new")


def test_a_refused_change_raises_its_error_and_saves_nothing(db: Database, account) -> None:  # type: ignore[no-untyped-def]
    _ids, client = account
    with pytest.raises(ValidationError, match="seats"):
        preview_change(db, client, MARCH_1, lambda: ledger.change_seats(db, client, 0, MARCH_1))
    assert client_mrr_on(db, client, MARCH_1) == 150_000


def test_a_price_scheduled_for_later_is_not_quoted_today(db: Database, account) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.services.accounts.actions import account_state
    from msp_desk.services.ladder.growth import next_rung
    from msp_desk.services.ladder.prices import change_list_price

    ids, client = account
    change_list_price(db, "tier", ids["Growth"], 19_500, 8_000, dt.date(2026, 6, 1))  # from June
    today = dt.date(2026, 2, 16)
    growth = next(t for t in account_state(db, client, today).tiers if t.id == ids["Growth"])
    assert growth.price_cents == 17_500
    assert (
        next(
            t for t in account_state(db, client, dt.date(2026, 6, 1)).tiers if t.id == ids["Growth"]
        ).price_cents
        == 19_500
    )
    step = next_rung(db, client, today).next_tier
    assert step is not None and step.mrr_cents == 10 * 17_500
