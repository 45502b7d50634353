"""Causes of a client's MRR movement in ladder terms."""

from __future__ import annotations

import datetime as dt

from msp_desk.domain.values import Month
from msp_desk.kpi.causes import Cause, month_causes, movement_causes
from msp_desk.kpi.inputs import LineFact
from msp_desk.kpi.movements import Movements

D0, D1 = dt.date(2024, 1, 1), dt.date(2024, 2, 10)


def tier(rank: int, seats: int, mrr: int, discount_bp: int = 0) -> LineFact:
    return LineFact(
        1,
        D0,
        None,
        mrr,
        item=f"tier:{rank}",
        tier_rank=rank,
        quantity=seats,
        discount_bp=discount_bp,
    )


def addon(name: str, mrr: int) -> LineFact:
    return LineFact(1, D0, None, mrr, item=f"addon:{name}")


def test_tier_up_with_more_seats() -> None:
    assert movement_causes([tier(1, 10, 500)], [tier(2, 12, 900)]) == {Cause.TIER_UP, Cause.SEATS}


def test_tier_down() -> None:
    assert movement_causes([tier(3, 10, 900)], [tier(2, 10, 700)]) == {Cause.TIER_DOWN}


def test_seats_on_the_same_tier() -> None:
    assert movement_causes([tier(2, 10, 700)], [tier(2, 14, 980)]) == {Cause.SEATS}


def test_add_on_on_and_off() -> None:
    base = tier(2, 10, 700)
    assert movement_causes([base], [base, addon("backup", 90)]) == {Cause.ADDON_ON}
    assert movement_causes([base, addon("mfa", 30)], [base]) == {Cause.ADDON_OFF}


def test_discounts_and_price_changes() -> None:
    assert movement_causes([tier(2, 10, 700)], [tier(2, 10, 630, 1000)]) == {Cause.DISCOUNT_START}
    assert movement_causes([tier(2, 10, 630, 1000)], [tier(2, 10, 700)]) == {Cause.DISCOUNT_END}
    assert movement_causes([tier(2, 10, 700)], [tier(2, 10, 750)]) == {Cause.PRICE_CHANGE}
    full = movement_causes([tier(2, 10, 700)], [tier(2, 10, 0, 10_000)])
    assert full == {Cause.DISCOUNT_START}  # still churn by policy; the cause says why


def test_cancel_new_and_return() -> None:
    assert movement_causes([tier(1, 5, 250)], []) == {Cause.CANCEL}
    assert movement_causes([], [tier(1, 5, 250)]) == {Cause.NEW}
    assert movement_causes([], [tier(1, 5, 250)], had_mrr_before=True) == {Cause.RETURN}


def test_custom_line_is_other() -> None:
    base = tier(2, 10, 700)
    custom = LineFact(1, D0, None, 40, item="custom:printer lease")
    assert movement_causes([base], [base, custom]) == {Cause.OTHER}


def test_month_causes_reads_the_ledger_at_both_month_ends() -> None:
    lines = [
        LineFact(1, D0, dt.date(2024, 2, 9), 500, item="tier:1", tier_rank=1),
        LineFact(1, D1, None, 900, item="tier:2", tier_rank=2),
        LineFact(2, D0, dt.date(2024, 2, 20), 300, item="tier:1", tier_rank=1),
        LineFact(3, D1, None, 200, item="tier:1", tier_rank=1),
        LineFact(4, D0, None, 100, item="tier:1", tier_rank=1),  # no change: not listed
    ]
    moves = Movements(new=200, new_clients=1, new_client_ids=(3,))
    assert month_causes(lines, Month(2024, 2), moves) == {
        1: {Cause.TIER_UP},
        2: {Cause.CANCEL},
        3: {Cause.NEW},
    }
